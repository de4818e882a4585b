#!/bin/sh
# Regenerates the expected outputs of tests/unit/test_pasfmt.cpp with Free Pascal
# (fpc 3.2.2, x86-64): cases.out from cases.pas, read.in/read.out from read.tokens
# and read.pas.  Usage: tests/pasfmt/regen.sh [number of random doubles]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fpc -Mobjfpc -FE"$work" -o"$work/cases" "$here/cases.pas" >"$work/build.log" ||
    { cat "$work/build.log"; exit 1; }
fpc -Mobjfpc -FE"$work" -o"$work/read" "$here/read.pas" >>"$work/build.log" ||
    { cat "$work/build.log"; exit 1; }

"$work/cases" "${1:-3000}" >"$here/cases.out"

# every token twice: read.pas reads odd lines as integers, even lines as reals
awk '{ print; print }' "$here/read.tokens" >"$here/read.in"
"$work/read" <"$here/read.in" >"$here/read.out"

echo "cases.out: $(wc -l <"$here/cases.out") lines; read.out: $(wc -l <"$here/read.out") lines"
