# Bosun: the two set-up commands are `make run` and `make test` (see README.md).
SWIFT ?= swift
DATA_DIR ?= /var/lib/bosun/server
PORT ?= 6443

.PHONY: run build release test unit e2e bench deps clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product bosun

# Build and start a cluster on the embedded SQLite store; writes ~/.kube/config if none exists.
run: release
	$$($(SWIFT) build -c release --show-bin-path)/bosun server --data-dir $(DATA_DIR) --secure-port $(PORT)

# Everything CI runs: unit tests, then end-to-end tests with the real kubectl.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	tests/e2e/run.sh "$$($(SWIFT) build --show-bin-path)/bosun"

unit: deps
	$(SWIFT) test

e2e: build
	tests/e2e/run.sh "$$($(SWIFT) build --show-bin-path)/bosun"

bench: deps
	$(SWIFT) build -c release
	Benchmarks/run.sh

clean:
	rm -rf .build
