#!/bin/sh
# compare.sh: crux against its peers as a user meets them, whole processes,
# paired rounds on one machine (internal/gen/ptytime), medians and ratios.
#
#   scripts/compare.sh [GLOW]        # or GLOW=/path/to/glow scripts/compare.sh
#
# glow: the path given. No package registry serves glow here: build it from
# its source (github.com/charmbracelet/glow, `go build -o /tmp/glow .` in a
# checkout outside this repository; never commit it). fzf and hyperfine are used
# when installed (Debian: apt-get install fzf hyperfine).
# Environment: RUNS (paired rounds, default 10), OUT (work directory,
# default a new temporary one), SKIP_SEARCH=1 skips the 100k search
# comparison (it generates a 32 MB content set).
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
OUT=${OUT:-$(mktemp -d)}
GLOW=${1:-${GLOW:-}}
mkdir -p "$OUT"

echo "== machine"
date -u '+%Y-%m-%d %H:%M UTC'
uname -srm
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

go build -o "$OUT/crux" .
go build -o "$OUT/" ./internal/gen/ptytime ./internal/gen/searchlines ./internal/gen/gencontent
if [ -z "$GLOW" ] || [ ! -x "$GLOW" ]; then
	echo "compare.sh: give the path of a glow binary built from its source (see the top of this script)" >&2
	exit 2
fi
PT="$OUT/ptytime -runs $RUNS"
# crux remembers clean schema checks under the user cache folder
# (model/schemacache.go): "warm" runs use a cache of their own, filled by
# the warm-up round; "cold" ones point XDG_CACHE_HOME at a file, so that
# every load validates in full.
WARM="env XDG_CACHE_HOME=$OUT/cache"
COLD="env XDG_CACHE_HOME=/dev/null"

echo
echo "== launch to the article's first words, 160x45, embedded content (goal: crux <= 0.8x glow -p)"
$PT -want 'The breakthrough of artificial' -cmd "$WARM $OUT/crux" -cmd "$GLOW -p content/article.md" -cmd "$COLD $OUT/crux"

echo
echo "== the floor: launch to exit of --version (process start, package initialisation, no work)"
echo "   crux's first words cannot come sooner than this plus one Bubble Tea frame period (8.3 ms at"
echo "   its maximum of 120 frames a second: the first frame waits for the renderer's first tick)"
$PT -cmd "$OUT/crux --version >/dev/null" -cmd "$GLOW --version >/dev/null"

echo
echo "== the same, 10k nodes + 1 MB article (goal: < 300 ms)"
[ -f "$OUT/big/claims.json" ] || "$OUT/gencontent" -out "$OUT/big" >/dev/null
$PT -want 'Fell power inference' -cmd "$WARM $OUT/crux $OUT/big" -cmd "$GLOW -p $OUT/big/article.md" -cmd "$COLD $OUT/crux $OUT/big"

echo
echo "== crux validate, 10k nodes + 1 MB, schema cache warm and cold"
$PT -cmd "$WARM $OUT/crux validate $OUT/big" -cmd "$COLD $OUT/crux validate $OUT/big"

echo
echo "== peak RSS of a whole start at 10k, the background render included (held 6 s; goal: <= 120 MiB)"
"$OUT/ptytime" -runs 3 -warmup 0 -hold 6s -want 'Fell power inference' -cmd "$WARM $OUT/crux $OUT/big" -cmd "$GLOW -p $OUT/big/article.md"

echo
echo "== --print against glow at 80 columns, to /dev/null, embedded article (goal: crux <= 0.8x glow)"
$PT -cmd "$OUT/crux --print --width 80 >/dev/null" -cmd "$GLOW -w 80 content/article.md >/dev/null"
if command -v hyperfine >/dev/null; then
	hyperfine -w 3 -r "$RUNS" "$OUT/crux --print --width 80 >/dev/null" "$GLOW -w 80 content/article.md >/dev/null"
fi

if [ "${SKIP_SEARCH:-}" = 1 ]; then
	exit 0
fi
echo
echo "== search over the 100k set's 114,868 lines, reading included (goal: ahead of fzf --exact)"
[ -f "$OUT/huge/claims.json" ] || "$OUT/gencontent" -nodes 100000 -bytes 5242880 -out "$OUT/huge" >/dev/null
[ -f "$OUT/lines.txt" ] || "$OUT/searchlines" -dump "$OUT/huge" >"$OUT/lines.txt"
if command -v fzf >/dev/null; then
	$PT -cmd "$OUT/searchlines -q 'cost of tra' <$OUT/lines.txt >/dev/null" -cmd "fzf --exact --filter 'cost of tra' <$OUT/lines.txt >/dev/null"
	if command -v hyperfine >/dev/null; then
		hyperfine -w 2 -r "$RUNS" "$OUT/searchlines -q 'cost of tra' <$OUT/lines.txt >/dev/null" \
			"fzf --exact --filter 'cost of tra' <$OUT/lines.txt >/dev/null"
	fi
else
	echo "fzf is not installed: skipped"
fi
