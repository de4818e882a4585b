#!/usr/bin/env bash
# Regenerates the expected outputs of the Pascal conformance suite with Free Pascal.
#
# Usage: tests/regen_pascal.sh [FILTER]
#
# For every tests/pascal/run/NAME.pas (whose name matches the optional regex FILTER):
#   builds it with `fpc -Mobjfpc -O-` in a temporary directory, runs it with stdin from
#   NAME.in (else /dev/null), writes NAME.out, and NAME.status when the exit status is not
#   0 (a stale NAME.status is removed).
# It also checks that each program stays where fpc and dvm agree (PASCAL.md): it builds a
#   variant with `integer` = int64, double-precision real constants ({$minfpconstprec 64})
#   and unbounded strings ({$H+}), and warns when that variant prints something else;
#   and it builds the program with range and I/O checks and trashed locals
#   (-Cr -Ci -gt), which catches out-of-range indexing (a runtime error in dvm) and reads of
#   uninitialized variables, and warns when that build prints something else (not for a
#   program with `{ unchecked: WHY }`: dvm wraps integer conversions as fpc does by default).
# For every tests/pascal/compile_errors/NAME.pas it checks the `{ error-line: N }` header
#   against fpc's first error (files with `{ dvm-only: ... }` must instead be accepted by
#   fpc: dvm rejects them on purpose).
# Reports every program fpc rejects; exits 1 if anything needs attention.

set -u
shopt -s nullglob
ROOT=$(cd "$(dirname "$0")" && pwd)/pascal
FILTER=${1:-}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dvm-regen.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
problems=0
count=0

if ! command -v fpc >/dev/null; then
    echo "$0: fpc is not installed" >&2
    exit 2
fi

selected() {
    [ -z "$FILTER" ] && return 0
    printf '%s\n' "$1" | grep -E -q -- "$FILTER"
}

header_value() {
    sed -n -E "s/^.*\\{[[:space:]]*$2:[[:space:]]*(.*[^[:space:]])[[:space:]]*\\}.*\$/\\1/p" "$1" | head -n 1
}

# build SRC EXE LOG [OPTIONS...]: fpc build; returns fpc's status.
build() {
    local src=$1 exe=$2 log=$3
    shift 3
    fpc -Mobjfpc -O- "$@" -FU"$TMP" -o"$exe" "$src" > "$log" 2>&1
}

# variant SRC OUT: SRC with integer = int64, double constants and {$H+}; line numbers are
# kept (the directives go on line 1, the type declaration on the line of `uses ...;`, else
# of `program ...;`).
variant() {
    local anchor='^[[:space:]]*[Pp][Rr][Oo][Gg][Rr][Aa][Mm]([[:space:](;]|$)'
    grep -E -q '^[[:space:]]*[Uu][Ss][Ee][Ss][[:space:]]' "$1" && anchor='^[[:space:]]*[Uu][Ss][Ee][Ss][[:space:]]'
    awk -v anchor="$anchor" '
        NR == 1 { $0 = "{$minfpconstprec 64}{$H+}" $0 }
        !done && $0 ~ anchor { $0 = $0 " type integer = int64;"; done = 1 }
        { print }
    ' "$1" > "$2"
}

run_prog() {   # EXE IN OUT -> status; ARGS: the program's command-line arguments
    timeout 10 "$1" "${ARGS[@]}" < "$2" > "$3" 2> "$TMP/stderr"
}

for src in "$ROOT"/run/*.pas; do
    name=$(basename "${src%.pas}")
    selected "run/$name" || continue
    count=$((count + 1))
    base=${src%.pas}
    input=/dev/null
    [ -f "$base.in" ] && input=$base.in
    # `{ args: A B C }`: the program's arguments (`dvm run NAME.pas -- A B C`).
    read -r -a ARGS <<< "$(header_value "$src" args)"
    if ! build "$src" "$TMP/prog" "$TMP/log"; then
        echo "REJECTED by fpc: run/$name.pas"
        grep -E '(Error|Fatal):' "$TMP/log" | head -n 5 | sed 's/^/    /'
        problems=$((problems + 1))
        continue
    fi
    run_prog "$TMP/prog" "$input" "$base.out"
    status=$?
    if [ "$status" != 0 ]; then
        echo "$status" > "$base.status"
        # A timeout, or a crash (SIGABRT, SIGFPE, SIGKILL, SIGSEGV); halt(n) may exit with up to 255.
        case $status in
            124|134|136|137|139) echo "TIMEOUT/SIGNAL ($status): run/$name"; problems=$((problems + 1)) ;;
        esac
    else
        rm -f "$base.status"
    fi
    # The agreement check.
    variant "$src" "$TMP/variant.pas"
    if build "$TMP/variant.pas" "$TMP/vprog" "$TMP/vlog"; then
        run_prog "$TMP/vprog" "$input" "$TMP/vout"
        vstatus=$?
        if ! cmp -s "$base.out" "$TMP/vout" || [ "$vstatus" != "$status" ]; then
            echo "DISAGREES (32-bit integer, single-precision constant or 255-char string?): run/$name"
            diff "$base.out" "$TMP/vout" | head -n 6 | sed 's/^/    /'
            problems=$((problems + 1))
        fi
    else
        echo "note: the 64-bit variant of run/$name does not build; agreement not checked"
        grep -E '(Error|Fatal):' "$TMP/vlog" | head -n 3 | sed 's/^/    /'
    fi
    # The checked build: same output, no runtime error (`{ unchecked: WHY }`:
    # a program about conversions that -Cr turns into range errors).
    [ -n "$(header_value "$src" unchecked)" ] && continue
    for trash in -gt -gttt; do
        if build "$src" "$TMP/cprog" "$TMP/clog" -Cr -Ci "$trash"; then
            run_prog "$TMP/cprog" "$input" "$TMP/cout"
            cstatus=$?
            if ! cmp -s "$base.out" "$TMP/cout" || [ "$cstatus" != "$status" ]; then
                echo "CHECKED BUILD DIFFERS (-Cr -Ci $trash; range error or uninitialized variable?): run/$name"
                diff "$base.out" "$TMP/cout" | head -n 6 | sed 's/^/    /'
                head -n 3 "$TMP/stderr" | sed 's/^/    /'
                problems=$((problems + 1))
                break
            fi
        fi
    done
done

for src in "$ROOT"/compile_errors/*.pas; do
    name=$(basename "${src%.pas}")
    selected "compile_errors/$name" || continue
    count=$((count + 1))
    line=$(header_value "$src" error-line)
    if build "$src" "$TMP/prog" "$TMP/log"; then
        if [ -z "$(header_value "$src" dvm-only)" ]; then
            echo "ACCEPTED by fpc but expected to fail: compile_errors/$name.pas"
            problems=$((problems + 1))
        fi
        continue
    fi
    if [ -n "$(header_value "$src" dvm-only)" ]; then
        echo "REJECTED by fpc but marked dvm-only: compile_errors/$name.pas"
        grep -E '(Error|Fatal):' "$TMP/log" | head -n 3 | sed 's/^/    /'
        problems=$((problems + 1))
        continue
    fi
    first=$(grep -E -m 1 '\([0-9]+,[0-9]+\) (Error|Fatal):' "$TMP/log")
    got=$(printf '%s\n' "$first" | sed -E 's/^.*\(([0-9]+),[0-9]+\) (Error|Fatal):.*$/\1/')
    if [ "$got" != "$line" ]; then
        echo "MISMATCH compile_errors/$name.pas: header says line $line, fpc's first error is on line $got"
        printf '    %s\n' "$first"
        problems=$((problems + 1))
    fi
done

for src in "$ROOT"/runtime_errors/*.pas; do
    name=$(basename "${src%.pas}")
    selected "runtime_errors/$name" || continue
    count=$((count + 1))
    if ! build "$src" "$TMP/prog" "$TMP/log"; then
        echo "REJECTED by fpc: runtime_errors/$name.pas"
        grep -E '(Error|Fatal):' "$TMP/log" | head -n 5 | sed 's/^/    /'
        problems=$((problems + 1))
    fi
done

echo "$count programs checked, $problems need attention"
[ "$problems" = 0 ]
