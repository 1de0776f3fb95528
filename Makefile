# atlasgen: the two commands that matter are `make generate` and `make test`.
GO ?= go
GOLDEN_PKGS := $(patsubst %/,./%,$(wildcard testdata/golden/*/want/))
GOLDEN_TESTS := $(patsubst %/,./%,$(wildcard testdata/golden/*/behaviour/))

.PHONY: generate check test vet golden bench fmt

## generate: write generated/atlas from the embedded spec/ document
generate:
	$(GO) run ./cmd/atlasgen generate

## check: fail when generated/atlas or a golden tree is stale
check:
	$(GO) run ./cmd/atlasgen check
	$(GO) test -count=1 -run 'TestGolden' ./cmd/atlasgen

## vet: gofmt and go vet over the module, the snapshot and every golden package
vet:
	@unformatted=$$(gofmt -l cmd internal spec templates generated); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./... $(GOLDEN_PKGS) $(GOLDEN_TESTS)

## test: vet, unit and golden tests, the snapshot's build and tests, check
test: vet
	$(GO) test -count=1 ./... $(GOLDEN_PKGS) $(GOLDEN_TESTS)
	$(MAKE) --no-print-directory check

## golden: rewrite testdata/golden/*/want and stderr.txt (read the diff before committing)
golden:
	$(GO) test -count=1 -run 'TestGolden' ./cmd/atlasgen -update

## bench: generation benchmarks, with allocations
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/generate
