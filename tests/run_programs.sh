#!/usr/bin/env bash
# Conformance runner for dvm's Pascal and C test programs.
#
# Usage: tests/run_programs.sh DVM DIR [FILTER]
#
#   DVM     the dvm binary (any path; resolved against the current directory)
#   DIR     a test tree with any of the subdirectories
#             run/             NAME.pas [+ NAME.in] [+ NAME.status]: `DVM run NAME.pas`,
#                              stdout must equal NAME.out byte for byte, exit status must
#                              equal NAME.status (default 0)
#             compile_errors/  NAME.pas with `{ error-line: N }` and optionally
#                              `{ error-match: TEXT }`: `DVM compile` must exit 1 and the
#                              first `file:line:col: error:` diagnostic on stderr must be on
#                              line N (and contain TEXT)
#             runtime_errors/  NAME.pas with `{ runtime-error: LINE: TEXT }` [+ NAME.in]
#                              [+ NAME.out]: exit status 1, stderr contains
#                              `NAME.pas:LINE:COL: runtime error: ...TEXT...`, and stdout
#                              equals NAME.out when that file exists; with
#                              `{ trace: A, B }` each name must also appear on stderr
#                              (case-insensitive: the trace of active procedures)
#           C programs (NAME.c) work the same way, with the headers in C comments:
#           `/* error-line: N */`, `/* runtime-error: LINE: TEXT */`, `/* dvm-options: ... */`;
#           a run program may carry `/* args: A B C */` (Pascal: `{ args: A B C }`), passed as
#           `dvm run NAME.c -- A B C`.
#   FILTER  optional extended regex; only tests whose "kind/NAME" matches it run
#
# A program may carry `{ dvm-options: --memory=16M }`: those options are passed to dvm.
# Environment: DVM_OPTS   extra options for every `dvm run` (e.g. --jit=on)
#              TIMEOUT    per-program timeout in seconds (default 20)
#              VERBOSE=1  also print a line for every passing test
#
# Prints one line per failure (with a short excerpt), then exactly `N passed, M failed`;
# exits 0 only when nothing failed.

set -u

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 DVM DIR [FILTER]" >&2
    exit 2
fi

abspath() {
    case "$1" in
        /*) printf '%s\n' "$1" ;;
        */*) printf '%s/%s\n' "$(cd "$(dirname "$1")" && pwd)" "$(basename "$1")" ;;
        *) printf '%s\n' "$1" ;;   # a bare command name: looked up in PATH
    esac
}

DVM=$(abspath "$1")
if [ ! -d "$2" ]; then
    echo "$0: no such directory: $2" >&2
    exit 2
fi
DIR=$(cd "$2" && pwd)
FILTER=${3:-}
TIMEOUT=${TIMEOUT:-20}
read -r -a EXTRA_RUN_OPTS <<< "${DVM_OPTS:-}"

if ! command -v "$DVM" >/dev/null 2>&1; then
    echo "$0: dvm not found or not executable: $1" >&2
    exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dvm-tests.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

passed=0
failed=0

# --- helpers -----------------------------------------------------------------------

# header_value FILE KEY: the text after `KEY:` in the first `{ KEY: ... }` comment.
header_value() {
    if [ "${1##*.}" = c ]; then
        sed -n -E "s/^.*\\/\\*[[:space:]]*$2:[[:space:]]*(.*[^[:space:]])[[:space:]]*\\*\\/.*\$/\\1/p" "$1" | head -n 1
    else
        sed -n -E "s/^.*\\{[[:space:]]*$2:[[:space:]]*(.*[^[:space:]])[[:space:]]*\\}.*\$/\\1/p" "$1" | head -n 1
    fi
}

# dvm_options FILE: the options of a `{ dvm-options: ... }` comment, one per line.
dvm_options() {
    local opts
    opts=$(header_value "$1" dvm-options)
    [ -n "$opts" ] && printf '%s\n' $opts
}

# excerpt FILE: the first lines of FILE, indented, long lines cut.
excerpt() {
    head -n "${2:-12}" "$1" | cut -c1-200 | sed 's/^/    /'
}

# describe_status N: a readable name for an exit status.
describe_status() {
    case "$1" in
        124) echo "124 (timeout after ${TIMEOUT}s)" ;;
        13[4-9]|1[4-9][0-9]) echo "$1 (signal $(( $1 - 128 )))" ;;
        *) echo "$1" ;;
    esac
}

pass() {
    passed=$((passed + 1))
    [ "${VERBOSE:-0}" = 1 ] && echo "ok   $1"
    return 0
}

fail() {
    failed=$((failed + 1))
    echo "FAIL $1: $2"
}

selected() {
    [ -z "$FILTER" ] && return 0
    printf '%s\n' "$1" | grep -E -q -- "$FILTER"
}

# run_dvm OUT ERR IN SUBCOMMAND ARGS...: runs dvm with a timeout in the scratch directory,
# sets `status`.
run_dvm() {
    local out=$1 err=$2 in=$3
    shift 3
    (cd "$WORK/cwd" && timeout -k 5 "$TIMEOUT" "$DVM" "$@" < "$in" > "$out" 2> "$err")
    status=$?
}

input_of() {
    if [ -f "$1.in" ]; then printf '%s\n' "$1.in"; else printf '%s\n' /dev/null; fi
}

# compare_stdout NAME EXPECTED ACTUAL: 0 when equal, else prints a diff excerpt.
compare_stdout() {
    if cmp -s "$2" "$3"; then
        return 0
    fi
    fail "$1" "stdout differs from $(basename "$2") (--- expected, +++ actual)"
    diff -u "$2" "$3" | tail -n +3 | head -n 12 | cut -c1-200 | sed 's/^/    /'
    return 1
}

# --- the three kinds of test -------------------------------------------------------

test_run() {
    local src=$1 name base
    base=${src%.*}
    name="run/$(basename "$base")"
    selected "$name" || return 0
    local out="$WORK/out" err="$WORK/err" want=0 opts=()
    [ -f "$base.status" ] && want=$(tr -d '[:space:]' < "$base.status")
    mapfile -t opts < <(dvm_options "$src")
    # A program may carry `/* args: A B C */` (`{ args: A B C }`): its command-line arguments.
    local args=()
    read -r -a args <<< "$(header_value "$src" args)"
    if [ ${#args[@]} -gt 0 ]; then
        run_dvm "$out" "$err" "$(input_of "$base")" run "${opts[@]}" "${EXTRA_RUN_OPTS[@]}" "$src" -- "${args[@]}"
    else
        run_dvm "$out" "$err" "$(input_of "$base")" run "${opts[@]}" "${EXTRA_RUN_OPTS[@]}" "$src"
    fi
    if [ ! -f "$base.out" ]; then
        fail "$name" "missing expected output $(basename "$base").out"
        return
    fi
    if [ "$status" != "$want" ]; then
        fail "$name" "exit status $(describe_status "$status"), expected $want"
        excerpt "$err" 6
        return
    fi
    compare_stdout "$name" "$base.out" "$out" || return
    pass "$name"
}

test_compile_error() {
    local src=$1 name base
    base=${src%.*}
    name="compile_errors/$(basename "$base")"
    selected "$name" || return 0
    local out="$WORK/out" err="$WORK/err" line match opts=()
    line=$(header_value "$src" error-line)
    match=$(header_value "$src" error-match)
    if ! [[ "$line" =~ ^[0-9]+$ ]]; then
        fail "$name" "no { error-line: N } header"
        return
    fi
    mapfile -t opts < <(dvm_options "$src")
    run_dvm "$out" "$err" /dev/null compile "${opts[@]}" "$src" -o "$WORK/cwd/out.dbc"
    rm -f "$WORK/cwd/out.dbc"
    if [ "$status" != 1 ]; then
        fail "$name" "dvm compile exit status $(describe_status "$status"), expected 1"
        excerpt "$err" 6
        return
    fi
    local first
    first=$(grep -E -m 1 ':[0-9]+:[0-9]+: error:' "$err")
    if [ -z "$first" ]; then
        fail "$name" "no 'file:line:col: error:' diagnostic on stderr"
        excerpt "$err" 6
        return
    fi
    local got
    got=$(printf '%s\n' "$first" | sed -E 's/^.*:([0-9]+):[0-9]+: error:.*$/\1/')
    if [ "$got" != "$line" ]; then
        fail "$name" "first error on line $got, expected line $line"
        printf '    %s\n' "$first" | cut -c1-200
        return
    fi
    if [ -n "$match" ] && ! printf '%s\n' "$first" | grep -F -q -- "$match"; then
        fail "$name" "first error does not contain '$match'"
        printf '    %s\n' "$first" | cut -c1-200
        return
    fi
    pass "$name"
}

test_runtime_error() {
    local src=$1 name base file
    base=${src%.*}
    file=$(basename "$src")
    name="runtime_errors/$(basename "$base")"
    selected "$name" || return 0
    local out="$WORK/out" err="$WORK/err" spec line text opts=()
    spec=$(header_value "$src" runtime-error)
    line=${spec%%:*}
    text=${spec#*:}
    text=${text#"${text%%[![:space:]]*}"}
    if ! [[ "$line" =~ ^[0-9]+$ ]] || [ -z "$text" ] || [ "$text" = "$spec" ]; then
        fail "$name" "no { runtime-error: LINE: message } header"
        return
    fi
    mapfile -t opts < <(dvm_options "$src")
    run_dvm "$out" "$err" "$(input_of "$base")" run "${opts[@]}" "${EXTRA_RUN_OPTS[@]}" "$src"
    if [ "$status" != 1 ]; then
        fail "$name" "exit status $(describe_status "$status"), expected 1"
        excerpt "$err" 6
        return
    fi
    # NAME.pas:LINE:COL: runtime error: ... TEXT ...  (the path before NAME may be anything)
    local diag
    diag=$(grep -E -m 1 "(^|[/[:space:]])${file//./\\.}:${line}:[0-9]+: runtime error: " "$err")
    if [ -z "$diag" ]; then
        fail "$name" "no '$file:$line:COL: runtime error:' on stderr"
        excerpt "$err" 6
        return
    fi
    if ! printf '%s\n' "$diag" | grep -F -q -- "$text"; then
        fail "$name" "runtime error does not contain '$text'"
        printf '    %s\n' "$diag" | cut -c1-200
        return
    fi
    local trace proc
    trace=$(header_value "$src" trace)
    if [ -n "$trace" ]; then
        IFS=',' read -r -a procs <<< "$trace"
        for proc in "${procs[@]}"; do
            proc=$(printf '%s' "$proc" | tr -d '[:space:]')
            if [ -n "$proc" ] && ! grep -i -q -F -- "$proc" "$err"; then
                fail "$name" "the trace on stderr does not name '$proc'"
                excerpt "$err" 8
                return
            fi
        done
    fi
    if [ -f "$base.out" ]; then
        compare_stdout "$name" "$base.out" "$out" || return
    fi
    pass "$name"
}

# --- main --------------------------------------------------------------------------

mkdir -p "$WORK/cwd"
shopt -s nullglob
found=0
for src in "$DIR"/run/*.pas "$DIR"/run/*.c; do found=1; test_run "$src"; done
for src in "$DIR"/compile_errors/*.pas "$DIR"/compile_errors/*.c; do found=1; test_compile_error "$src"; done
for src in "$DIR"/runtime_errors/*.pas "$DIR"/runtime_errors/*.c; do found=1; test_runtime_error "$src"; done
if [ "$found" = 0 ]; then
    echo "$0: no test programs under $DIR/{run,compile_errors,runtime_errors}" >&2
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ $((passed + failed)) -gt 0 ]
