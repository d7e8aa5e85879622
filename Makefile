# Thin front end over CMake. The build tree is build/ (build/asan for the sanitizer run).
#   make demo      set up, build, run the CLI on the bundled sample article
#   make test      set up, build, run every test
#   make asan      the test suite built with AddressSanitizer + UBSan (clang)
#   make valgrind  the test suite and the CLI under valgrind
#   make tsan      the test suite under ThreadSanitizer (clang), in build/tsan
#   make fuzz [FUZZ_RUNS=N]  each libFuzzer target N executions (clang), in build/libfuzzer
#   make abi-update  rewrite the ABI baseline after a deliberate ABI change
#   make python    the Python binding, installed in .venv/ (VENV=) with Debian's python3
#   make lua       the Lua binding for every Lua installed, in $(BUILD)/bindings/lua/<version>/
#   make bench [BENCH_RUNS=N]  cmark-gfm alone, the C API, the CLI, Python and Node side by
#                  side on a generated corpus ($(BUILD)/bench-corpus), medians of N runs
#   make install [PREFIX=/usr/local]

BUILD ?= build
ASAN_BUILD ?= $(BUILD)/asan
TSAN_BUILD ?= $(BUILD)/tsan
# Not $(BUILD)/fuzz: that is where the main build puts the fuzz/ folder's files.
FUZZ_BUILD ?= $(BUILD)/libfuzzer
FUZZ_RUNS ?= 60000
FUZZ_MAX_TIME ?= 400
FUZZ_SANITIZE ?= address,undefined
CMAKE_FLAGS ?=
PREFIX ?= /usr/local
PYTHON ?= /usr/bin/python3
VENV ?= .venv
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BENCH_RUNS ?= 5
SAMPLE := examples/articles/fentanyl-sanctions.md

.PHONY: all setup configure build demo test asan tsan fuzz valgrind abi-check abi-update \
	install clean python lua bench

all: build

setup:
	@sh scripts/setup-deps base

configure: setup
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) --parallel $(JOBS)

demo: build
	$(BUILD)/article $(SAMPLE)

# The tests cover the bindings too, so their packages come first: configuring registers
# their tests only when the interpreters are there.
test:
	@sh scripts/setup-deps base python lua
	@$(MAKE) --no-print-directory build
	ctest --test-dir $(BUILD) --output-on-failure --parallel $(JOBS)

asan:
	@sh scripts/setup-deps ci
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
	    -DLIBARTICLE_SANITIZE=address,undefined $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) --parallel $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    ctest --test-dir $(ASAN_BUILD) --output-on-failure --parallel $(JOBS)

tsan:
	@sh scripts/setup-deps ci
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	    -DLIBARTICLE_SANITIZE=thread $(CMAKE_FLAGS)
	cmake --build $(TSAN_BUILD) --parallel $(JOBS)
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	    ctest --test-dir $(TSAN_BUILD) --output-on-failure --parallel $(JOBS) \
	    -L "unit|cli|fuzz|external"

# FUZZ_RUNS executions of each target, FUZZ_MAX_TIME seconds at most (a guard).
fuzz:
	@sh scripts/setup-deps ci
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	    -DLIBARTICLE_SANITIZE=$(FUZZ_SANITIZE),fuzzer-no-link -DLIBARTICLE_FUZZ=ON \
	    -DLIBARTICLE_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build $(FUZZ_BUILD) --parallel $(JOBS) --target fuzz_article fuzz_front_matter
	sh fuzz/run $(FUZZ_BUILD) $(FUZZ_RUNS) $(FUZZ_MAX_TIME)

valgrind: build
	@sh scripts/setup-deps ci
	sh scripts/valgrind-tests $(BUILD)

# The binding links $(BUILD)'s static library; the venv sees Debian's cffi and pytest.
# The packages come first, so that configuring also registers the binding's ctest tests.
python:
	@sh scripts/setup-deps python
	@$(MAKE) --no-print-directory build
	test -x $(VENV)/bin/python || $(PYTHON) -m venv --system-site-packages $(VENV)
	LIBARTICLE_BUILD_DIR="$(abspath $(BUILD))" $(VENV)/bin/python -m pip install --quiet \
	    --disable-pip-version-check --no-build-isolation --no-index --no-deps \
	    --force-reinstall bindings/python

# `make test` runs its specs and examples (ctest -L lua for those alone).
lua: setup
	@sh scripts/setup-deps lua
	cmake -S . -B $(BUILD) -DLIBARTICLE_LUA=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD) --parallel $(JOBS) --target lua_modules

# The Python binding's row appears once `make python` has been run.
bench: build
	@sh scripts/setup-deps bench
	$(PYTHON) bench/run.py --build $(BUILD) --runs $(BENCH_RUNS)

abi-check: build
	sh scripts/abi-check check $(BUILD)/libarticle.so

abi-update: build
	sh scripts/abi-check update $(BUILD)/libarticle.so

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD)
