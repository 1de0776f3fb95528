package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/atlasgen/atlasgen/internal/generate"
)

// starterConfig is what atlasgen init writes: every key, the ones a new
// project usually sets uncommented.
const starterConfig = `# atlasgen.yaml: how atlasgen generates this module's Atlas SDK.
# Paths are relative to this file; command-line flags override any key.

# The OpenAPI document (default: the spec embedded in atlasgen).
# spec: atlas-api.yaml
# Where the SDK is written, and its package name (default: the directory's name).
out: internal/atlas
package: atlas
# Pin the SDK to an API date: each operation uses its newest version on or
# before it (default: the newest date in the spec).
# apiDate: 2025-03-12
# Treat warnings the baseline does not list as errors.
strict: false
# Correct the patterns the published spec states more strictly than Atlas.
atlasFixes: true

# Generate only some operations, and the types they reach.
# include: {tags: [Clusters, Network Peering], operations: [getProject]}
# exclude: {operations: [deleteCluster]}

# Pin single operations to their newest version on or before a date.
# versions: {createExportBucket: 2023-01-01}

# Go names of your choosing for methods (by operationId) and types (by schema).
# names:
#   operations: {listClusters: ListAllClusters}
#   schemas: {ApiHostView_Atlas: HostView}

# OpenAPI Overlay 1.0 files that fix or trim the spec, applied in order.
# overlays: [fixes.overlay.yaml]

# Add <out>/atlasfake, a fake Atlas for your tests.
# fake: true

# Acknowledged warnings (atlasgen generate -write-baseline writes them).
# warnings: {baseline: atlasgen.warnings}
`

// runInit writes the starter config, never over an existing file.
func runInit(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("atlasgen init", flag.ContinueOnError)
	fset.SetOutput(stderr)
	path := fset.String("config", generate.ConfigFile, "file to write")
	if err := fset.Parse(args); err != nil {
		return exitUsage
	}
	f, err := os.OpenFile(*path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "atlasgen init: %s exists; not overwritten\n", *path)
		return exitUsage
	}
	if err == nil {
		_, err = f.WriteString(starterConfig)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		fmt.Fprintf(stderr, "atlasgen init: %v\n", err)
		return exitIO
	}
	fmt.Fprintf(stdout, "wrote %s\n", *path)
	return exitOK
}
