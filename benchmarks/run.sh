#!/usr/bin/env bash
# run.sh: build the reference programs, check every command's output against
# expected/NAME.out, then time dvm (interpreter, JIT, both images) and its peers with
# hyperfine and print Markdown tables of medians and ratios, start-up time and memory, and
# JIT compile speed (also saved to results/table.md). See README.md.
set -uo pipefail

usage() {
    cat <<'EOF'
usage: benchmarks/run.sh [options]

  --only NAME[,NAME]  run only these benchmarks (repeatable)
  --runs N            timed runs per command (default 5; at least 5)
  --rounds K          split the runs into K hyperfine invocations, each timing every
                      command in turn, so the commands interleave (default: N, one run
                      of each command per round)
  --warmup W          untimed runs of each command before the first round (default 0:
                      the output check has just run every command once)
  --quick             1 run per command: a smoke test of the harness, not a result
  --check             only verify the reference implementations' output (no timing)
  -h, --help          this text

environment:
  DVM=PATH            the dvm binary (default: build/dvm under the repository root)
  TIMEOUT=SECONDS     limit for each output check run (default 300)
EOF
}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ALL_BENCHMARKS=(fib sieve loops matmul sort nbody bintrees strings mandel)
# dvm's columns: `dvm run OPTIONS` on the Pascal image and on the C image of a benchmark.
# The column is named "dvm OPTIONS" or "dvm (C) OPTIONS" (report.lua knows the names).
DVM_MODES=("--jit=off" "--jit=off --no-update" "--jit=on" "--jit=auto" "--jit=on --no-update")
DVM_C_MODES=("--jit=off" "--jit=on" "--jit=auto" "--jit=on --no-update")
# Start-up: hello world timed STARTUP_ROUNDS x STARTUP_RUNS_PER_ROUND times per command.
STARTUP_ROUNDS=4
STARTUP_RUNS_PER_ROUND=5
STARTUP_WARMUP=3
RESULTS=$HERE/results
BUILD=$RESULTS/build
TIMEOUT=${TIMEOUT:-300}

RUNS=5
ROUNDS=""
WARMUP=0
QUICK=0
CHECK_ONLY=0
SELECTED=()

die() {
    echo "run.sh: $*" >&2
    exit 2
}

note() {
    echo "$*" >&2
}

parse_args() {
    while [ $# -gt 0 ]; do
        case "$1" in
        --only)
            [ $# -ge 2 ] || die "--only needs a benchmark name"
            local names
            IFS=, read -ra names <<<"$2"
            SELECTED+=("${names[@]}")
            shift 2 ;;
        --only=*)
            local names
            IFS=, read -ra names <<<"${1#--only=}"
            SELECTED+=("${names[@]}")
            shift ;;
        --runs)
            [ $# -ge 2 ] || die "--runs needs a number"
            RUNS=$2
            shift 2 ;;
        --rounds)
            [ $# -ge 2 ] || die "--rounds needs a number"
            ROUNDS=$2
            shift 2 ;;
        --warmup)
            [ $# -ge 2 ] || die "--warmup needs a number"
            WARMUP=$2
            shift 2 ;;
        --quick) QUICK=1; shift ;;
        --check) CHECK_ONLY=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
        esac
    done
    [[ $RUNS =~ ^[0-9]+$ ]] || die "--runs takes a number"
    [[ $WARMUP =~ ^[0-9]+$ ]] || die "--warmup takes a number"
    if [ "$QUICK" = 1 ]; then
        RUNS=1
        ROUNDS=1
    elif [ "$RUNS" -lt 5 ]; then
        die "--runs must be at least 5 (use --quick for a smoke test)"
    fi
    [ -n "$ROUNDS" ] || ROUNDS=$RUNS
    [[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "--rounds takes a positive number"
    [ "$ROUNDS" -le "$RUNS" ] || die "--rounds cannot exceed the number of runs"
    if [ ${#SELECTED[@]} -eq 0 ]; then
        SELECTED=("${ALL_BENCHMARKS[@]}")
    fi
    local name known b
    for name in "${SELECTED[@]}"; do
        known=0
        for b in "${ALL_BENCHMARKS[@]}"; do
            [ "$b" = "$name" ] && known=1
        done
        [ "$known" = 1 ] || die "unknown benchmark '$name' (have: ${ALL_BENCHMARKS[*]})"
    done
}

# The dvm binary: $DVM (relative to the current directory, else to the repository root),
# else build/dvm, else the first build/**/dvm. Sets DVM_BIN, empty if there is none.
find_dvm() {
    DVM_BIN=""
    if [ -n "${DVM:-}" ]; then
        if [ -x "$DVM" ]; then
            DVM_BIN=$(cd "$(dirname "$DVM")" && pwd)/$(basename "$DVM")
        elif [ -x "$ROOT/$DVM" ]; then
            DVM_BIN=$ROOT/$DVM
        else
            note "run.sh: DVM=$DVM is not an executable; timing the peers only"
        fi
        return
    fi
    if [ -x "$ROOT/build/dvm" ]; then
        DVM_BIN=$ROOT/build/dvm
        return
    fi
    DVM_BIN=$(find "$ROOT/build" -maxdepth 3 -type f -name dvm -perm -u+x 2>/dev/null | head -n 1)
    [ -n "$DVM_BIN" ] || note "run.sh: no dvm binary under build/; timing the peers only"
}

# A path relative to the repository root when it is inside it (shorter table commands).
rel() {
    case "$1" in
    "$ROOT"/*) printf '%s' "${1#"$ROOT"/}" ;;
    *) printf '%s' "$1" ;;
    esac
}

# Quote words into one command line that hyperfine -N and `eval` both split back.
cmdline() {
    local out="" w
    for w in "$@"; do
        out+="$(printf '%q' "$w") "
    done
    printf '%s' "${out% }"
}

have() {
    command -v "$1" >/dev/null 2>&1
}

# Build the fpc and gcc reference binaries for the selected benchmarks and hello.
build_references() {
    mkdir -p "$BUILD/fpc-units"
    local name
    for name in "${SELECTED[@]}" hello; do
        if have fpc; then
            fpc -Mobjfpc -O2 -FU"$BUILD/fpc-units" -o"$BUILD/$name.fpc" \
                "$HERE/pascal/$name.pas" >"$BUILD/$name.fpc.log" 2>&1 ||
                note "run.sh: fpc failed on pascal/$name.pas (see $(rel "$BUILD/$name.fpc.log"))"
        fi
        if have gcc; then
            gcc -std=c11 -O2 -o "$BUILD/$name.gcc-O2" "$HERE/c/$name.c" -lm ||
                note "run.sh: gcc -O2 failed on c/$name.c"
            gcc -std=c11 -O0 -o "$BUILD/$name.gcc-O0" "$HERE/c/$name.c" -lm ||
                note "run.sh: gcc -O0 failed on c/$name.c"
        fi
    done
}

# Fill CMD_NAMES / CMD_LINES with the commands of one benchmark (or hello). A column that
# cannot run gets a status line in STATUS_FILE instead ("skipped" leaves no trace).
# With peers_only=1 the dvm columns are left out.
collect_commands() {
    local name=$1 peers_only=$2
    CMD_NAMES=()
    CMD_LINES=()
    local lua=$HERE/lua/$name.lua
    if [ "$peers_only" = 0 ] && [ -n "$DVM_BIN" ]; then
        local dbc=$BUILD/$name.dbc cdbc=$BUILD/$name.c.dbc mode opts
        rm -f "$dbc" "$cdbc"
        if "$DVM_BIN" compile "$HERE/pascal/$name.pas" -o "$dbc" >"$BUILD/$name.dvm.log" 2>&1 &&
            [ -f "$dbc" ]; then
            for mode in "${DVM_MODES[@]}"; do
                read -ra opts <<<"$mode"
                add_command "dvm $mode" "$DVM_BIN" run "${opts[@]}" "$dbc"
            done
        else
            note "run.sh: dvm compile failed on benchmarks/pascal/$name.pas:"
            head -n 5 "$BUILD/$name.dvm.log" | sed 's/^/    /' >&2
            for mode in "${DVM_MODES[@]}"; do
                set_status "dvm $mode" "compile error"
            done
        fi
        if "$DVM_BIN" compile "$HERE/c/$name.c" -o "$cdbc" >/dev/null 2>&1 && [ -f "$cdbc" ]; then
            for mode in "${DVM_C_MODES[@]}"; do
                read -ra opts <<<"$mode"
                add_command "dvm (C) $mode" "$DVM_BIN" run "${opts[@]}" "$cdbc"
            done
        else
            for mode in "${DVM_C_MODES[@]}"; do
                set_status "dvm (C) $mode" "skipped"
            done
        fi
    fi
    add_tool_command "lua5.4" lua5.4 "$lua"
    add_tool_command "luajit -joff" luajit -joff "$lua"
    add_tool_command "luajit" luajit "$lua"
    add_binary_command "fpc -O2" "$BUILD/$name.fpc"
    add_binary_command "gcc -O2" "$BUILD/$name.gcc-O2"
    add_binary_command "gcc -O0" "$BUILD/$name.gcc-O0"
}

add_command() {
    local col=$1
    shift
    local words=() w
    for w in "$@"; do
        words+=("$(rel "$w")")
    done
    CMD_NAMES+=("$col")
    CMD_LINES+=("$(cmdline "${words[@]}")")
}

add_tool_command() {
    local col=$1
    shift
    if have "$1"; then
        add_command "$col" "$@"
    else
        set_status "$col" "not installed"
    fi
}

add_binary_command() {
    if [ -x "$2" ]; then
        add_command "$1" "$2"
    else
        set_status "$1" "build failed"
    fi
}

set_status() {
    printf '%s\t%s\n' "$1" "$2" >>"$STATUS_FILE"
}

# Run one command line once and compare its standard output with the expected bytes.
# Prints "ok" or the reason it failed.
check_output() {
    local line=$1 expected=$2 out=$BUILD/check.out err=$BUILD/check.err
    local argv
    eval "argv=($line)"
    timeout "$TIMEOUT" "${argv[@]}" <"/dev/null" >"$out" 2>"$err"
    local rc=$?
    if [ $rc -eq 124 ]; then
        echo "timeout"
    elif [ $rc -ne 0 ]; then
        echo "exit $rc"
    elif ! cmp -s "$out" "$expected"; then
        echo "wrong output"
    else
        echo "ok"
    fi
}

# Check every collected command; keep the passing ones in OK_NAMES / OK_LINES.
check_commands() {
    local name=$1 expected=$HERE/expected/$1.out i st
    OK_NAMES=()
    OK_LINES=()
    for i in "${!CMD_NAMES[@]}"; do
        st=$(check_output "${CMD_LINES[$i]}" "$expected")
        set_status "${CMD_NAMES[$i]}" "$st"
        if [ "$st" = ok ]; then
            OK_NAMES+=("${CMD_NAMES[$i]}")
            OK_LINES+=("${CMD_LINES[$i]}")
        else
            note "run.sh: $name: ${CMD_NAMES[$i]}: $st  ($(printf '%s' "${CMD_LINES[$i]}"))"
            if [ "$st" = "wrong output" ]; then
                note "    expected: $(head -c 200 "$expected" | head -n 3 | tr '\n' '|')"
                note "    got:      $(head -c 200 "$BUILD/check.out" | head -n 3 | tr '\n' '|')"
            fi
            head -n 3 "$BUILD/check.err" | sed 's/^/    /' >&2
        fi
    done
}

# Time the passing commands of one benchmark with hyperfine: `rounds` invocations of
# `runs_per_round` runs of every command in turn, `warmup` untimed runs in the first.
time_commands() {
    local name=$1 rounds=$2 runs=$3 first_warmup=$4 r warmup i args
    [ ${#OK_NAMES[@]} -gt 0 ] || return
    for ((r = 1; r <= rounds; r++)); do
        warmup=0
        [ "$r" = 1 ] && warmup=$first_warmup
        args=()
        for i in "${!OK_NAMES[@]}"; do
            args+=(-n "${OK_NAMES[$i]}" "${OK_LINES[$i]}")
        done
        note ""
        note "== $name (round $r of $rounds)"
        if ! hyperfine -N --warmup "$warmup" --runs "$runs" \
            --export-json "$RESULTS/$name.round$r.json" "${args[@]}" >&2; then
            note "run.sh: hyperfine failed on $name"
            rm -f "$RESULTS/$name.round$r.json"
            for i in "${!OK_NAMES[@]}"; do
                set_status "${OK_NAMES[$i]}" "timing failed"
            done
            return
        fi
    done
}

# Peak resident set size in KiB of one command line (median of three runs), or "n/a".
peak_rss_kib() {
    local line=$1 argv samples=() v
    eval "argv=($line)"
    for _ in 1 2 3; do
        v=""
        if [ -x /usr/bin/time ]; then
            /usr/bin/time -v -o "$BUILD/time.out" "${argv[@]}" </dev/null >/dev/null 2>&1 &&
                v=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' \
                    "$BUILD/time.out")
        elif have python3; then
            v=$(python3 -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if r.returncode == 0:
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
' "${argv[@]}")
        fi
        [ -n "$v" ] || { echo "n/a"; return; }
        samples+=("$v")
    done
    printf '%s\n' "${samples[@]}" | sort -n | sed -n 2p
}

# One run of each image of a benchmark under --jit=on --jit-report; the report (standard
# error) goes to RESULTS/NAME.jit and RESULTS/NAME.c.jit for report.lua --compile.
jit_reports() {
    local name=$1 img
    rm -f "$RESULTS/$name.jit" "$RESULTS/$name.c.jit"
    [ -n "$DVM_BIN" ] || return
    for img in "$name" "$name.c"; do
        [ -f "$BUILD/$img.dbc" ] || continue
        timeout "$TIMEOUT" "$DVM_BIN" run --jit=on --jit-report "$BUILD/$img.dbc" \
            </dev/null >/dev/null 2>"$RESULTS/$img.jit" ||
            note "run.sh: $name: dvm run --jit=on --jit-report $(rel "$BUILD/$img.dbc") failed"
    done
}

# Compile speed on a program large enough that the code generator's own speed shows: 120
# generated procedures (integer, real and array loops, calls), each compiled once in one
# process (RESULTS/generated.jit). The benchmarks above are one or a few procedures each,
# so their figures include the warm-up every process pays on its first compilation.
generated_program_report() {
    rm -f "$RESULTS/generated.jit"
    [ -n "$DVM_BIN" ] || return
    local src=$BUILD/generated.pas i
    {
        echo "program generated;"
        echo "type vec = array[1..64] of integer;"
        echo "var total: integer;"
        for i in $(seq 1 120); do
            cat <<EOF
function p$i(n: integer): integer;
var a: vec; i, j, s: integer; x, y: real;
begin
  s := $i; x := 0.5;
  for i := 1 to 64 do a[i] := (i * $i + n) mod 97;
  for i := 1 to 64 do
    for j := i to 64 do
      if a[i] > a[j] then begin s := s + a[i] - a[j]; a[j] := a[j] + 1 end
      else s := s xor (a[j] shl 1);
  y := 1.0;
  while (y < 1000.0) and (n > 0) do begin y := y * 1.5 + x; x := x / 2.0 + sqrt(y) end;
  if n > 0 then s := s + trunc(y);
EOF
            if [ "$i" -gt 1 ]; then echo "  if n > 1 then s := s + p$((i - 1))(n - 1);"; fi
            echo "  p$i := s mod 100000"
            echo "end;"
        done
        echo "begin"
        echo "  total := 0;"
        for i in $(seq 1 120); do echo "  total := total + p$i(2);"; done
        echo "  writeln(total)"
        echo "end."
    } >"$src"
    "$DVM_BIN" compile "$src" -o "$BUILD/generated.dbc" >/dev/null 2>&1 &&
        timeout "$TIMEOUT" "$DVM_BIN" run --jit=on --jit-report "$BUILD/generated.dbc" \
            </dev/null >/dev/null 2>"$RESULTS/generated.jit" ||
        note "run.sh: the generated program for the compile speed failed"
}

# Start-up time and peak memory of hello world under every command (and a baseline that
# does nothing): RESULTS/hello.status, hello.round*.json and hello.rss for
# report.lua --startup.
startup_measure() {
    STATUS_FILE=$RESULTS/hello.status
    : >"$STATUS_FILE"
    rm -f "$RESULTS"/hello.round*.json "$RESULTS/hello.rss"
    note ""
    note "== hello: start-up time and memory"
    local truebin
    truebin=$(type -P true)
    collect_commands hello 0
    # Also the source form: dvm compiling in memory, front end included.
    if [ -n "$DVM_BIN" ]; then
        CMD_NAMES+=("dvm --jit=auto (from .pas)")
        CMD_LINES+=("$(cmdline "$(rel "$DVM_BIN")" run --jit=auto "$(rel "$HERE/pascal/hello.pas")")")
    fi
    # The baseline: starting a process that does nothing. With the python3 fallback for
    # the peak RSS the measuring process's own footprint shows through (the forked child
    # carries it until exec), and this row shows that floor.
    set_status "/bin/true (baseline)" ok
    check_commands hello
    OK_NAMES=("/bin/true (baseline)" "${OK_NAMES[@]}")
    OK_LINES=("$truebin" "${OK_LINES[@]}")
    time_commands hello "$STARTUP_ROUNDS" "$STARTUP_RUNS_PER_ROUND" "$STARTUP_WARMUP"
    local i
    for i in "${!OK_NAMES[@]}"; do
        printf '%s\t%s\n' "${OK_NAMES[$i]}" "$(peak_rss_kib "${OK_LINES[$i]}")" \
            >>"$RESULTS/hello.rss"
    done
}

machine_line() {
    local cpu commit
    cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "no commit")
    if ! git -C "$ROOT" diff --quiet HEAD 2>/dev/null; then
        commit="$commit (with local changes)"
    fi
    local dvm="no dvm binary: peers only"
    [ -n "$DVM_BIN" ] && dvm="$(rel "$DVM_BIN") at $commit"
    printf '%s; %s, %s cores; %s' "$(date -u '+%Y-%m-%d %H:%M UTC')" \
        "${cpu:-unknown CPU}" "$(nproc 2>/dev/null || echo '?')" "$dvm"
}

run_check() {
    local name i failed=0 st
    for name in "${SELECTED[@]}"; do
        STATUS_FILE=$BUILD/$name.check.status
        : >"$STATUS_FILE"
        collect_commands "$name" 1
        for i in "${!CMD_NAMES[@]}"; do
            st=$(check_output "${CMD_LINES[$i]}" "$HERE/expected/$name.out")
            printf '%-9s %-13s %s\n' "$name" "${CMD_NAMES[$i]}" "$st"
            [ "$st" = ok ] || failed=1
        done
        while IFS=$'\t' read -r col st; do
            printf '%-9s %-13s %s\n' "$name" "$col" "$st"
            failed=1
        done <"$STATUS_FILE"
    done
    return $failed
}

main() {
    parse_args "$@"
    cd "$ROOT" || die "cannot enter $ROOT"
    mkdir -p "$BUILD"
    build_references
    if [ "$CHECK_ONLY" = 1 ]; then
        run_check
        exit $?
    fi
    have hyperfine || die "hyperfine is not installed"
    have lua5.4 || die "lua5.4 is needed to print the table"
    find_dvm
    local start=$SECONDS name
    for name in "${SELECTED[@]}"; do
        STATUS_FILE=$RESULTS/$name.status
        : >"$STATUS_FILE"
        rm -f "$RESULTS/$name".round*.json
        note ""
        note "== $name: checking output"
        collect_commands "$name" 0
        check_commands "$name"
        jit_reports "$name"
        time_commands "$name" "$ROUNDS" $(((RUNS + ROUNDS - 1) / ROUNDS)) "$WARMUP"
    done
    startup_measure
    generated_program_report
    {
        echo "### Benchmarks"
        echo
        echo "$(machine_line)."
        if [ "$QUICK" = 1 ]; then
            echo "**Smoke test (--quick, 1 run per command): not a result.**"
        fi
        echo
        lua5.4 "$HERE/report.lua" "$RESULTS" "${SELECTED[@]}"
        echo
        lua5.4 "$HERE/report.lua" --startup "$RESULTS"
        if [ -n "$DVM_BIN" ]; then
            echo
            lua5.4 "$HERE/report.lua" --compile "$RESULTS" "${SELECTED[@]}"
        fi
        echo
        echo "Harness time: $((SECONDS - start)) s."
    } | tee "$RESULTS/table.md"
}

main "$@"
