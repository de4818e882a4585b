#!/usr/bin/env bash
# End-to-end tests of the control channel: `dvm run` in the background on a
# Pascal program fed through a FIFO, driven by `dvm status` and `dvm update`,
# plus clients that misbehave (garbage, oversized lengths, hang-ups).
#
# Usage: tests/update/run_update_tests.sh DVM [FILTER]
#
#   DVM     the dvm binary
#   FILTER  optional extended regex: only cases whose name matches run
#
# Every case prints PASS or FAIL (with details); the script ends with exactly
# `N passed, M failed` and exits 0 only when nothing failed.  Sockets go to a
# private XDG_RUNTIME_DIR, so running dvm programs of the user are not touched.
# Needs perl (perl-base) for the misbehaving clients.

set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 DVM [FILTER]" >&2
    exit 2
fi
case "$1" in
    /*) DVM=$1 ;;
    *) DVM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") ;;
esac
FILTER=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dvm-update-tests.XXXXXX")
export XDG_RUNTIME_DIR="$WORK/xdg"
mkdir -m 700 "$XDG_RUNTIME_DIR"
SOCKDIR="$XDG_RUNTIME_DIR/dvm"
cp "$HERE"/*.pas "$WORK/"
cd "$WORK" || exit 2

passed=0
failed=0
CASE=""
CASE_FAILED=0
declare -A PID_OF FD_OF

# ---- helpers -------------------------------------------------------------------

cleanup() {
    local name
    for name in "${!PID_OF[@]}"; do kill -KILL "${PID_OF[$name]}" 2>/dev/null; done
    wait 2>/dev/null
    cd / && rm -rf "$WORK"
}
trap cleanup EXIT

selected() { [ -z "$FILTER" ] || printf '%s\n' "$1" | grep -E -q -- "$FILTER"; }

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

end() {
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
# status_matches REGEX: `dvm status --json echo.pas` matches the extended regex.
status_matches() { "$DVM" status --json echo.pas 2>/dev/null | grep -q -E -- "$1"; }
has_line() { grep -q -x -F -- "$2" "$1"; }
has_text() { grep -q -F -- "$2" "$1"; }
has_regex() { grep -q -E -- "$2" "$1"; }
equals() { [ "$1" = "$2" ]; }
no_file() { [ ! -e "$1" ]; }
is_empty() { [ ! -s "$1" ]; }

# run_dvm OUT ERR ARGS...: dvm with a time limit; sets $status.
run_dvm() {
    local out=$1 err=$2
    shift 2
    timeout -k 5 60 "$DVM" "$@" > "$out" 2> "$err"
    status=$?
}

# expect_output NAME LINE: waits until the program has printed LINE.
expect_output() { until_true 5 has_line "$1.out" "$2"; }

# A client that misbehaves, in perl: prints the reply's header, or "(no reply)".
#   garbage | oversized | bad-json | halfway | hangup
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

# ---- the cases ---------------------------------------------------------------------

case_status_and_update() {
    begin status_and_update
    start p echo.pas
    say p "hello"
    check "the program answers" expect_output p "echo1 1: hello"
    local pid=${PID_OF[p]}
    check "the instance appears" until_true 10 listening "$pid"
    run_dvm st.out st.err status echo.pas
    check "dvm status exits 0 (got $status)" equals "$status" 0
    check "dvm status names pid and path" has_regex st.out "^pid $pid +$WORK/echo.pas\$"
    check "dvm status lists version 1" has_regex st.out "^ +1 .*$WORK/echo.pas\$"
    run_dvm js.out js.err status --json echo.pas
    check "dvm status --json exits 0" equals "$status" 0
    check "dvm status --json format" has_regex js.out \
        "^\\{\"instances\": \\[\\{\"pid\": $pid, \"program\": \"$WORK/echo.pas\", \"versions\": \\[\\{\"number\": 1, .*\"pending\": \\[\\]\\}\\]\\}\$"
    run_dvm dry.out dry.err update --dry-run echo.pas echo_v2.pas
    check "dry run exits 0 (got $status)" equals "$status" 0
    check "dry run says it would be accepted" has_line dry.out "pid $pid: the update would be accepted"
    say p "still one"
    check "a dry run changes nothing" expect_output p "echo1 2: still one"
    run_dvm up.out up.err update echo.pas echo_v2.pas
    check "update exits 0 (got $status)" equals "$status" 0
    check "update reports the commit" has_regex up.out "^pid $pid: committed as version 2 \\(pause [0-9]+ us\\)\$"
    [ "$CASE_FAILED" = 0 ] || show up.err
    say p "world"
    check "new code runs after the commit" expect_output p "echo2 3: world"
    run_dvm st.out st.err status echo.pas
    check "dvm status lists version 2" has_regex st.out "^ +2 .*$WORK/echo_v2.pas\$"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    check "the program's output is exactly its own" equals "$(cat p.out)" \
        "$(printf 'echo1 1: hello\necho1 2: still one\necho2 3: world\nserved 3')"
    check "dvm run wrote nothing to stderr" is_empty p.err
    check "the socket is removed at exit" no_file "$SOCKDIR/$pid.sock"
    end
}

case_refused_update() {
    begin refused_update
    start p echo.pas
    say p "a"
    check "the program answers" expect_output p "echo1 1: a"
    local pid=${PID_OF[p]}
    check "the instance appears" until_true 10 listening "$pid"
    run_dvm dry.out dry.err update --dry-run echo.pas echo_bad.pas
    check "a refused dry run exits 1 (got $status)" equals "$status" 1
    check "a refused dry run prints the plan" has_line dry.out "pid $pid: the update would be refused"
    run_dvm up.out up.err update echo.pas echo_bad.pas
    check "a refused update exits 1 (got $status)" equals "$status" 1
    check "the refusal is on stderr with its reason" has_regex up.err "^dvm update: pid $pid: refused: .*count"
    check "nothing on stdout" is_empty up.out
    printf 'not an image' > junk.dbc
    run_dvm junk.out junk.err update echo.pas junk.dbc
    check "a corrupt image exits 1 (got $status)" equals "$status" 1
    say p "b"
    check "the program runs on untouched" expect_output p "echo1 2: b"
    finish p
    check "the program exits 0" equals "$status" 0
    end
}

case_image_files() {
    begin image_files
    run_dvm c1.out c1.err compile echo.pas -o echo.dbc
    run_dvm c2.out c2.err compile echo_v2.pas -o echo_v2.dbc
    start p echo.dbc
    say p "x"
    check "the program answers" expect_output p "echo1 1: x"
    local pid=${PID_OF[p]}
    check "the instance appears" until_true 10 listening "$pid"
    run_dvm up.out up.err update echo.pas echo_v2.dbc
    check "PROG is the file it was started from: echo.pas does not match (got $status)" equals "$status" 1
    run_dvm up.out up.err update ./echo.dbc echo_v2.dbc
    check "update by image exits 0 (got $status)" equals "$status" 0
    check "update reports the commit" has_regex up.out "^pid $pid: committed as version 2 "
    say p "y"
    check "new code runs" expect_output p "echo2 2: y"
    finish p
    end
}

case_two_instances() {
    begin two_instances
    start a echo.pas
    start b echo.pas
    local pa=${PID_OF[a]} pb=${PID_OF[b]}
    check "instance a appears" until_true 10 listening "$pa"
    check "instance b appears" until_true 10 listening "$pb"
    run_dvm st.out st.err status echo.pas
    check "dvm status lists both" equals "$(grep -c '^pid ' st.out)" 2
    run_dvm up.out up.err update echo.pas echo_v2.pas
    check "update exits 0 (got $status)" equals "$status" 0
    check "a committed" has_regex up.out "^pid $pa: committed as version 2 "
    check "b committed" has_regex up.out "^pid $pb: committed as version 2 "
    say a "1"
    say b "2"
    check "a runs new code" expect_output a "echo2 1: 1"
    check "b runs new code" expect_output b "echo2 1: 2"
    finish a
    finish b
    end
}

case_pick_pid() {
    begin pick_pid
    start a echo.pas
    start b echo.pas
    local pa=${PID_OF[a]} pb=${PID_OF[b]}
    check "instance a appears" until_true 10 listening "$pa"
    check "instance b appears" until_true 10 listening "$pb"
    run_dvm up.out up.err update --pid "$pb" echo.pas echo_v2.pas
    check "update --pid exits 0 (got $status)" equals "$status" 0
    check "only b is updated" equals "$(cat up.out)" "pid $pb: committed as version 2 (pause $(sed -n 's/.*(pause \([0-9]*\) us)/\1/p' up.out) us)"
    say a "1"
    say b "2"
    check "a runs old code" expect_output a "echo1 1: 1"
    check "b runs new code" expect_output b "echo2 1: 2"
    run_dvm up.out up.err update --pid 1 echo.pas echo_v2.pas
    check "a pid that runs no instance exits 1 (got $status)" equals "$status" 1
    finish a
    finish b
    end
}

case_no_instance() {
    begin no_instance
    run_dvm up.out up.err update nothing.pas echo_v2.pas
    check "update exits 1 (got $status)" equals "$status" 1
    check "update says so" has_text up.err "no running instance of $WORK/nothing.pas"
    run_dvm st.out st.err status nothing.pas
    check "status exits 1 (got $status)" equals "$status" 1
    run_dvm js.out js.err status --json nothing.pas
    check "status --json exits 1 (got $status)" equals "$status" 1
    check "status --json prints no instances" equals "$(cat js.out)" '{"instances": []}'
    run_dvm u2.out u2.err update echo.pas
    check "a missing NEW is a usage error (got $status)" equals "$status" 2
    run_dvm u3.out u3.err update echo.pas echo_v2.pas --timeout -3
    check "a bad timeout is a usage error (got $status)" equals "$status" 2
    end
}

case_pending_and_timeout() {
    begin pending_and_timeout
    start p echo.pas
    local pid=${PID_OF[p]}
    check "the instance appears" until_true 10 listening "$pid"
    # --strict restricts Serve, which stays active: the update can only wait.
    run_dvm up.out up.err update --strict --timeout 1 echo.pas echo_v2.pas
    check "a timed-out update exits 1 (got $status)" equals "$status" 1
    check "it says it was abandoned" has_regex up.err "^dvm update: pid $pid: abandoned: "
    # Pending, shown by status, then the client is interrupted (Ctrl-C).
    DEFAULT_SIGINT=1 spawn /dev/null bg.out bg.err "$DVM" update --strict echo.pas echo_v2.pas
    local client=$SPAWNED cs
    check "status shows the pending update and what it waits for" \
        until_true 10 status_matches '"pending": \[\{"id": [0-9]+, "waits_for": \["[Ss]erve"'
    run_dvm st.out st.err status echo.pas
    check "the table shows it too" has_regex st.out "pending update [0-9]+: waits for [Ss]erve"
    kill -INT "$client"
    wait "$client"
    cs=$?
    check "the interrupted client dies by SIGINT (got $cs)" equals "$cs" 130
    check "its update is abandoned" \
        until_true 10 status_matches '"pending": \[\]'
    say p "z"
    check "the program runs old code" expect_output p "echo1 1: z"
    # A pending update whose program exits.
    spawn /dev/null ex.out ex.err "$DVM" update --strict echo.pas echo_v2.pas
    client=$SPAWNED
    check "the update is pending" \
        until_true 10 status_matches '"waits_for": \["[Ss]erve"'
    say p "quit"  # halt inside Serve: the update can never commit
    wait_exit p
    wait "$client"
    cs=$?
    check "the client exits 1 when the program exits (got $cs)" equals "$cs" 1
    check "it says the program exited" has_line ex.err "dvm update: pid $pid: the program exited"
    end
}

case_abuse() {
    begin abuse
    start p echo.pas
    local pid=${PID_OF[p]}
    check "the instance appears" until_true 10 listening "$pid"
    local sock="$SOCKDIR/$pid.sock" n=0 mode reply
    for mode in garbage oversized bad-json halfway hangup garbage halfway; do
        reply=$(abuse "$sock" "$mode" 2>&1)
        case $mode in
            garbage|oversized|bad-json)
                check "$mode: an error reply (got: $reply)" has_text <(printf '%s\n' "$reply") '"ok": false' ;;
            *)
                check "$mode: no reply (got: $reply)" equals "$reply" "(no reply)" ;;
        esac
        n=$((n + 1))
        say p "line $n"
        check "$mode: the program keeps running" expect_output p "echo1 $n: line $n"
    done
    run_dvm st.out st.err status echo.pas
    check "the channel still serves (status exits $status)" equals "$status" 0
    run_dvm up.out up.err update echo.pas echo_v2.pas
    check "and still updates (exit $status)" equals "$status" 0
    finish p
    check "the program exits 0" equals "$status" 0
    local want
    want=$(for i in $(seq "$n"); do echo "echo1 $i: line $i"; done; echo "served $n")
    check "its output is intact" equals "$(cat p.out)" "$want"
    check "dvm run wrote nothing to stderr" is_empty p.err
    end
}

case_signals() {
    begin signals
    start p echo.pas
    local pid=${PID_OF[p]}
    check "the instance appears" until_true 10 listening "$pid"
    kill -TERM "$pid"
    wait_exit p
    check "SIGTERM ends it with status 143 (got $status)" equals "$status" 143
    check "the socket is removed after SIGTERM" no_file "$SOCKDIR/$pid.sock"
    DEFAULT_SIGINT=1 start q echo.pas
    pid=${PID_OF[q]}
    check "the second instance appears" until_true 10 listening "$pid"
    kill -INT "$pid"
    wait_exit q
    check "SIGINT ends it with status 130 (got $status)" equals "$status" 130
    check "the socket is removed after SIGINT" no_file "$SOCKDIR/$pid.sock"
    end
}

case_stale_socket() {
    begin stale_socket
    mkdir -p -m 700 "$SOCKDIR"
    # A program killed with SIGKILL leaves its socket behind.
    start p echo.pas
    local pid=${PID_OF[p]}
    check "the instance appears" until_true 10 listening "$pid"
    disown "$pid"  # no "Killed" notice from bash
    kill -KILL "$pid"
    check "SIGKILL ends it" until_true 10 sh -c "! kill -0 $pid 2>/dev/null"
    unset "PID_OF[p]"
    local fd=${FD_OF[p]}
    exec {fd}>&-
    unset "FD_OF[p]"
    check "SIGKILL leaves the socket" test -S "$SOCKDIR/$pid.sock"
    run_dvm st.out st.err status echo.pas
    check "status finds nothing (exit $status)" equals "$status" 1
    check "the stale socket is removed" no_file "$SOCKDIR/$pid.sock"
    end
}

case_no_update_option() {
    begin no_update_option
    start p echo.pas --no-update
    local pid=${PID_OF[p]}
    say p "q"
    check "the program answers" expect_output p "echo1 1: q"
    check "no socket with --no-update" no_file "$SOCKDIR/$pid.sock"
    finish p
    check "the program exits 0" equals "$status" 0
    end
}

case_unsafe_directory() {
    begin unsafe_directory
    local saved=$XDG_RUNTIME_DIR
    export XDG_RUNTIME_DIR="$WORK/open"
    mkdir -p -m 755 "$XDG_RUNTIME_DIR/dvm"
    chmod 755 "$XDG_RUNTIME_DIR/dvm"
    start p echo.pas
    local pid=${PID_OF[p]}
    say p "q"
    check "the program runs without a channel" expect_output p "echo1 1: q"
    check "no socket in a directory others can open" no_file "$XDG_RUNTIME_DIR/dvm/$pid.sock"
    finish p
    check "the program exits 0" equals "$status" 0
    check "silently" is_empty p.err
    export XDG_RUNTIME_DIR=$saved
    end
}

CASES=(status_and_update refused_update image_files two_instances pick_pid no_instance
       pending_and_timeout abuse signals stale_socket no_update_option unsafe_directory)
for c in "${CASES[@]}"; do
    selected "$c" && "case_$c"
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ $((passed + failed)) -gt 0 ]
