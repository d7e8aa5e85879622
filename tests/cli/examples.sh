#!/bin/sh
# Installs the build into a staging prefix, builds examples/c against it with pkg-config
# (its Makefile) and with find_package (its CMakeLists.txt), runs both on the sample
# article and compares their output with headline.expected.txt.
#
#   examples.sh BUILD_DIR SOURCE_DIR CMAKE C_COMPILER [SANITIZERS]
set -eu

build=$1
src=$2
cmake=$3
cc=$4
san=${5:-}
stage=$build/stage
work=$build/examples-test
rm -rf "$stage" "$work"
mkdir -p "$work"

"$cmake" --install "$build" --prefix "$stage" >"$work/install.log"
pc=$(find "$stage" -name libarticle.pc | head -n 1)
[ -n "$pc" ] || { echo "no libarticle.pc under $stage"; exit 1; }
pcdir=$(dirname "$pc")
libdir=$(dirname "$pcdir")

flags="-O2 -Wall -Wextra -Werror"
[ -z "$san" ] || flags="$flags -fsanitize=$san"

PKG_CONFIG_PATH=$pcdir make -s -C "$work" -f "$src/examples/c/Makefile" CC="$cc" \
    CFLAGS="$flags"
"$cmake" -S "$src/examples/c" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$stage" \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="$flags" >"$work/cmake.log"
"$cmake" --build "$work/cmake" >>"$work/cmake.log"

status=0
for exe in "$work/headline" "$work/cmake/headline"; do
    # The staged library must be the one loaded, not one installed elsewhere.
    if command -v ldd >/dev/null &&
        ! LD_LIBRARY_PATH=$libdir ldd "$exe" | grep -q "$stage/.*libarticle\.so"; then
        echo "FAIL: $exe does not load libarticle from $stage"
        LD_LIBRARY_PATH=$libdir ldd "$exe"
        status=1
    fi
    LD_LIBRARY_PATH=$libdir "$exe" "$src/examples/articles/fentanyl-sanctions.md" \
        >"$work/out" || { echo "FAIL: $exe exited with $?"; status=1; }
    if ! cmp -s "$src/tests/cli/headline.expected.txt" "$work/out"; then
        echo "FAIL: $exe output differs"
        diff -u "$src/tests/cli/headline.expected.txt" "$work/out" | head -40
        status=1
    fi
done
[ $status = 0 ] && echo "examples built both ways and ran as expected"
exit $status
