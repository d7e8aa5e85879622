# Thin front end over CMake. The build tree is build/ (build/asan for the sanitizer run).
#   make demo      set up, build, run the CLI on the bundled sample article
#   make test      set up, build, run every test
#   make asan      the test suite built with AddressSanitizer + UBSan (clang)
#   make valgrind  the test suite and the CLI under valgrind
#   make abi-update  rewrite the ABI baseline after a deliberate ABI change
#   make install [PREFIX=/usr/local]

BUILD ?= build
ASAN_BUILD ?= $(BUILD)/asan
CMAKE_FLAGS ?=
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SAMPLE := examples/articles/fentanyl-sanctions.md

.PHONY: all setup configure build demo test asan valgrind abi-check abi-update install clean

all: build

setup:
	@sh scripts/setup-deps base

configure: setup
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) --parallel $(JOBS)

demo: build
	$(BUILD)/article $(SAMPLE)

test: build
	ctest --test-dir $(BUILD) --output-on-failure --parallel $(JOBS)

asan:
	@sh scripts/setup-deps ci
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
	    -DLIBARTICLE_SANITIZE=address,undefined $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) --parallel $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    ctest --test-dir $(ASAN_BUILD) --output-on-failure --parallel $(JOBS)

valgrind: build
	@sh scripts/setup-deps ci
	sh scripts/valgrind-tests $(BUILD)

abi-check: build
	sh scripts/abi-check check $(BUILD)/libarticle.so

abi-update: build
	sh scripts/abi-check update $(BUILD)/libarticle.so

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD)
