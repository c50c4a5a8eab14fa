# The two commands of the README, for a fresh Debian 12 machine (run as root, or with sudo):
#   make run   install what is missing, build, create the collection, import the decks, review
#   make test  install what is missing, build, run every test through ctest
# Everything comes from Debian's packages; nothing is downloaded by the build.

BUILD_DIR ?= build
BUILD_TYPE ?= Release
REHEARSE = $(BUILD_DIR)/cli/rehearse

# Build and test dependencies, all from Debian 12.
DEBIAN_PACKAGES = cmake ninja-build g++ libsqlite3-dev libsqlitecpp-dev libcereal-dev \
  rapidjson-dev libfmt-dev catch2 libcli11-dev libxml2-dev libzip-dev libzstd-dev libmd4c-dev libyaml-cpp-dev
# The sqlite3 command: tests check the schema of an exported Anki package with it.
DEBIAN_PACKAGES += sqlite3
# Showing text from files with its control characters visible (cli/visible_text.cpp).
DEBIAN_PACKAGES += pkg-config libutf8proc-dev
# Tests: jq checks that every --json output parses.
DEBIAN_PACKAGES += jq

# The shipped decks, in the order a new user meets them (decks/shipped.txt says why).
SHIPPED_DECKS = $(addprefix decks/,$(shell grep -v '^\#' decks/shipped.txt))

# make install: on PATH for everyone as root, for this user otherwise.
PREFIX ?= $(shell [ "$$(id -u)" = 0 ] && echo /usr/local || echo $$HOME/.local)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps configure build run install test test-asan bench clean fuzz

# Installs only the packages that are missing; a machine that has them all is not touched.
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing from Debian:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

build: configure
	cmake --build $(BUILD_DIR)

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

# Builds rehearse alone (not the tests). The first run creates the collection and imports the
# shipped decks; later runs only review, leaving the collection's decks as they are (update
# them with an explicit 'rehearse import decks/*.json').
run: configure
	cmake --build $(BUILD_DIR) --target rehearse
	cli/first_run.sh $(REHEARSE) $(SHIPPED_DECKS)

# rehearse on PATH ($(PREFIX)/bin), its decks in $(PREFIX)/share/rehearse/decks, the man page
# and the bash completion.
install: configure
	cmake --build $(BUILD_DIR) --target rehearse rehearse_man
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) echo "Add $(PREFIX)/bin to PATH to run rehearse.";; esac

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j2

# The whole test suite built with AddressSanitizer and UndefinedBehaviorSanitizer (the
# end-to-end tests run the sanitized binary too); any report fails the run.
test-asan: deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DREHEARSE_SANITIZE=ON
	cmake --build build-asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir build-asan --output-on-failure -j2

# Benchmarks on a synthetic collection of 100,000 cards and 2,000,000 answers (generated once
# into build-bench/data); prints the figures of docs/performance.md.
bench: deps
	bench/run.sh

clean:
	rm -rf $(BUILD_DIR)

# The libFuzzer targets (docs/fuzzing.md): builds them with clang in build-fuzz/, installing
# clang and libFuzzer when missing, and runs each for FUZZ_SECONDS on a copy of its corpus.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh
