# The helpers both update end-to-end harnesses share (run_update_tests.sh for
# Pascal, run_update_tests_c.sh for C).  Sourced, never run.
#
# A harness sets, before sourcing:
#   HARNESS_NAME               the scratch directory's prefix (dvm-update-tests)
#   START_WAITS_FOR_CHANNEL    1: `start` also checks that the instance's control
#                              channel answers (default 0: the case checks itself)
# and then calls `harness_setup DVM FILTER FILES...` with its program files.
#
# Conventions: a case runs `begin NAME`, any number of `check WHAT COMMAND...`,
# and `end`; the harness ends with `harness_summary`, which prints exactly
# `N passed, M failed` and returns 0 only when nothing failed.  Sockets go to a
# private XDG_RUNTIME_DIR, so running dvm programs of the user are not touched.
# The misbehaving client (`abuse`) needs perl (perl-base).

passed=0
failed=0
CASE=""
CASE_FAILED=0
declare -A PID_OF FD_OF

# harness_setup DVM FILTER FILES...: the scratch directory (with FILES copied
# in), the private socket directory, and the cleanup at exit.
harness_setup() {
    case "$1" in
        /*) DVM=$1 ;;
        *) DVM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") ;;
    esac
    FILTER=$2
    shift 2
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/${HARNESS_NAME:-dvm-update-tests}.XXXXXX")
    export XDG_RUNTIME_DIR="$WORK/xdg"
    mkdir -m 700 "$XDG_RUNTIME_DIR"
    SOCKDIR="$XDG_RUNTIME_DIR/dvm"
    cp "$@" "$WORK/"
    cd "$WORK" || exit 2
    trap cleanup EXIT
}

cleanup() {
    local name
    for name in "${!PID_OF[@]}"; do kill -KILL "${PID_OF[$name]}" 2>/dev/null; done
    wait 2>/dev/null
    cd / && rm -rf "$WORK"
}

selected() { [ -z "$FILTER" ] || printf '%s\n' "$1" | grep -E -q -- "$FILTER"; }

# run_cases NAME...: every selected case_NAME, then the summary.
run_cases() {
    local c
    for c in "$@"; do
        selected "$c" && "case_$c"
    done
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ] && [ $((passed + failed)) -gt 0 ]
}

begin() {
    CASE=$1
    CASE_FAILED=0
}

# check DESCRIPTION COMMAND...: a failed check marks the case failed and says why.
check() {
    local what=$1
    shift
    if ! "$@"; then
        [ "$CASE_FAILED" = 0 ] && echo "FAIL $CASE"
        echo "    $what"
        CASE_FAILED=1
    fi
}

# end: whatever a failed case left running is killed, then PASS or nothing
# more (the FAIL line is already out).
end() {
    local name
    for name in "${!PID_OF[@]}"; do
        kill -KILL "${PID_OF[$name]}" 2>/dev/null
        wait "${PID_OF[$name]}" 2>/dev/null
        unset "PID_OF[$name]"
    done
    for name in "${!FD_OF[@]}"; do
        local fd=${FD_OF[$name]}
        exec {fd}>&-
        unset "FD_OF[$name]"
    done
    if [ "$CASE_FAILED" = 0 ]; then
        passed=$((passed + 1))
        echo "PASS $CASE"
    else
        failed=$((failed + 1))
    fi
}

# show FILE: a few lines of a file, for failure details.
show() { head -n 12 "$1" 2>/dev/null | cut -c1-200 | sed 's/^/      | /'; }

# spawn IN OUT ERR COMMAND...: runs the command in the background without our
# ends of the FIFOs (a program must see eof when we close its input, whoever
# else runs); sets $SPAWNED.  With DEFAULT_SIGINT=1 the command gets SIGINT's
# default action back (a script's background job starts with it ignored),
# so it can be interrupted like Ctrl-C.
spawn() {
    local in=$1 out=$2 err=$3
    shift 3
    local wrap=()
    [ "${DEFAULT_SIGINT:-0}" = 1 ] && wrap=(perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or die')
    (
        for f in "${FD_OF[@]}"; do eval "exec $f>&-"; done
        exec "${wrap[@]}" "$@" < "$in" > "$out" 2> "$err"
    ) &
    SPAWNED=$!
}

# start NAME PROG [RUN OPTIONS]: `dvm run PROG` in the background reading the
# FIFO NAME.in (kept open on a descriptor of ours), output in NAME.out/.err.
start() {
    local name=$1 prog=$2
    shift 2
    rm -f "$name.in"
    mkfifo "$name.in"
    spawn "$name.in" "$name.out" "$name.err" "$DVM" run "$@" "$prog"
    PID_OF[$name]=$SPAWNED
    local fd
    exec {fd}> "$name.in"
    FD_OF[$name]=$fd
    if [ "${START_WAITS_FOR_CHANNEL:-0}" = 1 ]; then
        check "instance $name appears" until_true 10 listening "$SPAWNED"
    fi
}

# say NAME LINE: one line of input for the program.
say() { printf '%s\n' "$2" >&"${FD_OF[$1]}"; }

# finish NAME: closes its input (the program sees eof) and waits; sets $status.
finish() {
    local name=$1 fd=${FD_OF[$1]}
    exec {fd}>&-
    unset "FD_OF[$name]"
    wait_exit "$name"
}

# wait_exit NAME: waits at most 10 s for the program to end; sets $status.
wait_exit() {
    local name=$1 pid=${PID_OF[$1]} i
    for i in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        echo "    ($name did not end within 10 s: killed)"
    fi
    wait "$pid" 2>/dev/null
    status=$?
    unset "PID_OF[$name]"
}

# until_true SECONDS COMMAND...: retries the command every 0.1 s.
until_true() {
    local tries=$(( $1 * 10 )) i
    shift
    for i in $(seq "$tries"); do
        "$@" && return 0
        sleep 0.1
    done
    return 1
}

listening() { [ -S "$SOCKDIR/$1.sock" ] && "$DVM" status --json 2>/dev/null | grep -q "\"pid\": $1[,}]"; }
# json_status_matches PROG REGEX: `dvm status --json PROG` matches the extended regex.
json_status_matches() { "$DVM" status --json "$1" 2>/dev/null | grep -q -E -- "$2"; }
# versions PROG: the number of version spaces of its one instance.
versions() { "$DVM" status --json "$1" 2>/dev/null | grep -o '"number": [0-9]*' | wc -l; }
versions_are() { [ "$(versions "$1")" = "$2" ]; }
has_line() { grep -q -x -F -- "$2" "$1"; }
has_text() { grep -q -F -- "$2" "$1"; }
has_regex() { grep -q -E -- "$2" "$1"; }
lacks_text() { ! grep -q -F -- "$2" "$1"; }
equals() { [ "$1" = "$2" ]; }
no_file() { [ ! -e "$1" ]; }
is_empty() { [ ! -s "$1" ]; }
at_least() { [ "$1" -ge "$2" ]; }
at_most() { [ "$1" -le "$2" ]; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# run_dvm OUT ERR ARGS...: dvm with a time limit; sets $status.
run_dvm() {
    local out=$1 err=$2
    shift 2
    timeout -k 5 60 "$DVM" "$@" > "$out" 2> "$err"
    status=$?
}

# committed OUT PID N: the client reported the commit as version N (with, on
# the same line, the active frames that keep old code, if any).
committed() { has_regex "$1" "^pid $2: committed as version $3 \\(pause [0-9]+ us\\)(; .+)?\$"; }

# expect_output NAME LINE: waits until the program has printed LINE.
expect_output() { until_true 5 has_line "$1.out" "$2"; }

# update_ok PROG NEW N PID: `dvm update PROG NEW` commits as version N.
update_ok() {
    local prog=$1 new=$2 n=$3 pid=$4
    run_dvm up.out up.err update "$prog" "$new"
    check "update to $new exits 0 (got $status)" equals "$status" 0
    check "update to $new commits as version $n" committed up.out "$pid" "$n"
    [ "$status" = 0 ] || show up.err
}

# abuse SOCKET MODE: a client that misbehaves, in perl; prints the reply's
# header, or "(no reply)".  MODE: garbage | oversized | bad-json | halfway | hangup
abuse() {
    perl -e '
        use strict; use IO::Socket::UNIX; use Socket;
        my ($path, $mode) = @ARGV;
        my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $path) or die "connect: $!\n";
        $SIG{PIPE} = "IGNORE";
        my %send = (
            "garbage"   => "this is not a frame at all\n" x 4,
            "oversized" => pack("V", 0xFFFFFFF0) . "xxxx",
            "bad-json"  => pack("V", 4 + 9) . pack("V", 9) . "{not json",
            "halfway"   => pack("V", 4 + 30 + 1000) . pack("V", 30) . "{\"v\": 1, \"type\": \"upd",
            "hangup"    => "",
        );
        defined $send{$mode} or die "unknown mode $mode\n";
        print $s $send{$mode};
        if ($mode eq "halfway" || $mode eq "hangup") { close $s; print "(no reply)\n"; exit 0; }
        my $buf = "";
        my $deadline = time + 5;
        while (time < $deadline) {
            my $n = sysread($s, my $chunk, 65536);
            last if !$n;
            $buf .= $chunk;
        }
        if (length($buf) < 8) { print "(no reply)\n"; exit 0; }
        my ($total, $hlen) = unpack("VV", $buf);
        print substr($buf, 8, $hlen), "\n";
    ' "$@"
}
