# hfdash — the two commands a newcomer needs are `make run` and `make test`.
SWIFT ?= swift
CONFIG ?= release
# openmpi-bin/libopenmpi-dev: `--distributed` (loaded at run time; the default binary does not link it).
DEB_PACKAGES := libopenblas-dev libncursesw5-dev zlib1g-dev tmux openmpi-bin libopenmpi-dev
BIN := .build/$(CONFIG)/hfdash

.PHONY: deps build run test bench fuzz clean

# Install the Debian packages hfdash needs, only when missing.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	  else \
	    echo "hfdash needs these Debian packages:$$missing. Install them with: sudo apt-get install -y$$missing" >&2; \
	    exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG) --product hfdash

# The dashboard on the built-in default preset.
run: build
	$(BIN) run

# Every test: unit tests, golden frames, CLI, the tmux end-to-end scripts, and every fuzz harness
# for FUZZ_CI_SECONDS each.
FUZZ_CI_SECONDS ?= 20
test: deps build
	HFDASH_BIN=$(CURDIR)/$(BIN) $(SWIFT) test -c $(CONFIG)
	HFDASH_BIN=$(CURDIR)/$(BIN) bash Tests/e2e/run.sh
	bash Tests/Fuzz/run.sh $(FUZZ_CI_SECONDS)

# The libFuzzer harnesses of every reader of outside bytes, FUZZ_SECONDS each (Tests/Fuzz/run.sh).
FUZZ_SECONDS ?= 300
fuzz: deps
	bash Tests/Fuzz/run.sh $(FUZZ_SECONDS)

bench: build
	$(BIN) bench

clean:
	rm -rf .build Tests/Fuzz/.build Tests/Fuzz/out
