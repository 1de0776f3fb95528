package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// snapshotImport is the import path of the package in dir: the module
// path of the go.mod above it and the directory below that. The atlasfake
// sub-package imports the snapshot by it.
func snapshotImport(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for root := abs; ; root = filepath.Dir(root) {
		data, err := os.ReadFile(filepath.Join(root, "go.mod"))
		if err == nil {
			module := modulePath(data)
			if module == "" {
				return "", fmt.Errorf("%s has no module line", filepath.Join(root, "go.mod"))
			}
			rel, _ := filepath.Rel(root, abs)
			return path.Join(module, filepath.ToSlash(rel)), nil
		}
		if filepath.Dir(root) == root {
			return "", fmt.Errorf("-fake needs %s inside a Go module: no go.mod above it", dir)
		}
	}
}

// modulePath is the path a go.mod's module line names.
func modulePath(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "//") // a comment after the path
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}
