package article

import "slices"

func stableSort[T any](xs []T, key func(T) int) {
	slices.SortStableFunc(xs, func(a, b T) int { return key(a) - key(b) })
}
