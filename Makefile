# atlasgen: the two commands that matter are `make generate` and `make test`.
GO ?= go
GOLDEN_PKGS := $(patsubst %/,./%,$(wildcard testdata/golden/*/want/))

.PHONY: generate check test vet race golden bench bench-build

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
	$(GO) vet ./... $(GOLDEN_PKGS)

## test: vet, unit and golden tests, the snapshot's build and tests, the upstream sweep (its summary line printed), check
test: vet
	@rm -f .build/sweep-summary.txt
	$(GO) test -count=1 ./... $(GOLDEN_PKGS)
	@cat .build/sweep-summary.txt 2>/dev/null || echo "upstream tests skipped: $(UPSTREAM) not found, so TestUpstream* (the sweep, quirk counts, property coverage, flat form, colliding schema) did not run; committed fixtures cover the rest"
	$(MAKE) --no-print-directory check

## race: the unit, golden and behaviour tests under the race detector (not in test: slower)
race:
	$(GO) test -race -short -count=1 ./internal/... ./generated/... ./cmd/...

## golden: rewrite testdata/golden/*/want and stderr.txt (read the diff before committing)
golden:
	$(GO) test -count=1 -run 'TestGolden' ./cmd/atlasgen -update

UPSTREAM ?= ../shared/upstream/atlas-api-2025-06-30.yaml

## bench: generation benchmarks (with allocations and the ratio to the load floor), then the cold build
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 10x -count 2 ./internal/generate
	@$(MAKE) --no-print-directory bench-build

## bench-build: cold `go build` (fresh GOCACHE) of the package generated from upstream: lines, time, peak memory
bench-build:
	rm -rf .build/bench
	$(GO) run ./cmd/atlasgen generate -spec $(UPSTREAM) -out .build/bench/atlasup -package atlasup 2>/dev/null
	@echo "lines: $$(cat .build/bench/atlasup/*.go | wc -l)"
	@cache=$$(mktemp -d); GOCACHE=$$cache /usr/bin/time -v $(GO) build ./.build/bench/atlasup 2>&1 \
		| grep -E 'Elapsed|Maximum resident'; rm -rf $$cache
