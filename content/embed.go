// Package content embeds crux's default content set: a machine-translated
// January 2025 column about DeepSeek-R1 and its claims graph.
package content

import "embed"

// FS holds article.md, claims.json and claims.schema.json.
//
//go:embed article.md claims.json claims.schema.json
var FS embed.FS

// ClaimsFile is the claims file's name inside FS.
const ClaimsFile = "claims.json"

// SchemaFile is the JSON Schema of claims files inside FS; the loader
// validates every claims file with it.
const SchemaFile = "claims.schema.json"
