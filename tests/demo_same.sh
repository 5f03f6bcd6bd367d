#!/bin/sh
# demo_same.sh - the same seed gives the same district whatever the compiler:
# the gcc build (build/) and the clang build (build/clang/, made by the
# clang stage of make test) produce byte-identical demo databases
# (tests/demo_digest.sh). C leaves the order of a call's arguments to the
# compiler, so two draws from the generator in one argument list would split
# them.
cd "$(dirname "$0")/.." || exit 2
a=$(sh tests/demo_digest.sh build/shuangjian 3) || { echo "not ok - gcc demo"; echo "demo-same: 0 passed, 1 failed"; exit 1; }
b=$(sh tests/demo_digest.sh build/clang/shuangjian 3) || { echo "not ok - clang demo"; echo "demo-same: 0 passed, 1 failed"; exit 1; }
if [ "$a" = "$b" ]; then
	echo "ok - gcc and clang builds give the same 3-school district ($a)"; echo "demo-same: 1 passed, 0 failed"
else
	echo "not ok - gcc: $a; clang: $b"; echo "demo-same: 0 passed, 1 failed"; exit 1
fi
