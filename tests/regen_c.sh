#!/usr/bin/env bash
# Regenerates the expected outputs of the C conformance suite with gcc.
#
# Usage: tests/regen_c.sh [FILTER]
#
# For every tests/c/run/NAME.c (matching the optional regex FILTER): builds it with
#   `gcc -std=c11 -fwrapv -pedantic-errors -lm`, runs it with stdin from NAME.in (else
#   /dev/null), writes NAME.out, and NAME.status when the exit status is not 0.
# For every tests/c/compile_errors/NAME.c: checks that gcc -std=c11 -pedantic-errors
#   rejects it with its first error on the line of the `/* error-line: N */` header (with
#   `/* link-error: yes */`: that gcc's link fails with an undefined reference).
# For every tests/c/runtime_errors/NAME.c: checks that gcc accepts it.
# Exits 1 if anything needs attention.
set -u
shopt -s nullglob
ROOT=$(cd "$(dirname "$0")" && pwd)/c
FILTER=${1:-}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dvm-regen-c.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
problems=0
count=0
GCC="gcc -std=c11 -fwrapv -pedantic-errors"

selected() { [ -z "$FILTER" ] && return 0; printf '%s\n' "$1" | grep -E -q -- "$FILTER"; }
header_value() {
    sed -n -E "s/^.*\\/\\*[[:space:]]*$2:[[:space:]]*(.*[^[:space:]])[[:space:]]*\\*\\/.*\$/\\1/p" "$1" | head -n 1
}

for src in "$ROOT"/run/*.c; do
    name=$(basename "${src%.c}")
    selected "run/$name" || continue
    count=$((count + 1))
    base=${src%.c}
    input=/dev/null
    [ -f "$base.in" ] && input=$base.in
    if ! $GCC "$src" -o "$TMP/prog" -lm 2> "$TMP/log"; then
        echo "REJECTED by gcc: run/$name.c"
        head -n 5 "$TMP/log" | sed 's/^/    /'
        problems=$((problems + 1))
        continue
    fi
    read -r -a args <<< "$(header_value "$src" args)"
    # argv[0] is the program's path under dvm: the test prints it only through what it derives.
    (cd "$TMP" && timeout 10 ./prog "${args[@]}" < "$input" > "$base.out" 2> /dev/null)
    status=$?
    if [ "$status" != 0 ]; then echo "$status" > "$base.status"; else rm -f "$base.status"; fi
done

for src in "$ROOT"/compile_errors/*.c; do
    name=$(basename "${src%.c}")
    selected "compile_errors/$name" || continue
    count=$((count + 1))
    line=$(header_value "$src" error-line)
    # `/* link-error: yes */`: gcc compiles it and its link fails (an object
    # declared extern and defined nowhere); dvm reports it at the declaration.
    if [ -n "$(header_value "$src" link-error)" ]; then
        if $GCC "$src" -o "$TMP/x" -lm 2> "$TMP/log" || ! grep -q "undefined reference" "$TMP/log"; then
            echo "LINKED by gcc but expected to fail to link: compile_errors/$name.c"
            problems=$((problems + 1))
        fi
        continue
    fi
    if $GCC -c "$src" -o "$TMP/x.o" 2> "$TMP/log"; then
        echo "ACCEPTED by gcc but expected to fail: compile_errors/$name.c"
        problems=$((problems + 1))
        continue
    fi
    got=$(grep -E -m 1 ':[0-9]+:[0-9]+: error:' "$TMP/log" | sed -E 's/^[^:]*:([0-9]+):.*$/\1/')
    if [ "$got" != "$line" ]; then
        echo "MISMATCH compile_errors/$name.c: header says line $line, gcc's first error is on line $got"
        problems=$((problems + 1))
    fi
done

for src in "$ROOT"/runtime_errors/*.c; do
    name=$(basename "${src%.c}")
    selected "runtime_errors/$name" || continue
    count=$((count + 1))
    if ! $GCC "$src" -o "$TMP/prog" -lm 2> "$TMP/log"; then
        echo "REJECTED by gcc: runtime_errors/$name.c"
        head -n 3 "$TMP/log" | sed 's/^/    /'
        problems=$((problems + 1))
    fi
done

echo "$count programs checked, $problems need attention"
[ "$problems" = 0 ]
