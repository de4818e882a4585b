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
HERE=$(cd "$(dirname "$0")" && pwd)
HARNESS_NAME=dvm-update-tests
# shellcheck source=tests/update/lib.sh
. "$HERE/lib.sh"
harness_setup "$1" "${2:-}" "$HERE"/*.pas

# status_matches REGEX: `dvm status --json echo.pas` matches the extended regex.
status_matches() { json_status_matches echo.pas "$1"; }

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
    # Serve, active while it waits for input, changed but has no update point.
    check "update reports the commit and the frame that keeps old code" has_regex up.out \
        "^pid $pid: committed as version 2 \\(pause [0-9]+ us\\); Serve keeps version 1 until it returns: it has no update point\$"
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
    check "only b is updated" equals "$(sed 's/(pause [0-9]* us)/(pause P us)/' up.out)" \
        "pid $pb: committed as version 2 (pause P us); Serve keeps version 1 until it returns: it has no update point"
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
    # A second update queues behind it: it waits for the first to commit, so
    # for what the first waits for.
    spawn /dev/null q2.out q2.err "$DVM" update --strict --timeout 4 echo.pas echo_v2.pas
    local second=$SPAWNED
    check "status shows the queued update waiting for the same" \
        until_true 10 status_matches '"pending": \[\{"id": [0-9]+, "waits_for": \["[Ss]erve"\][^]]*\}, \{"id": [0-9]+, "waits_for": \["[Ss]erve"\]'
    run_dvm st2.out st2.err status echo.pas
    check "the table says it goes after the first" has_regex st2.out "pending update [0-9]+: waits for [Ss]erve.*" \
        && check "... naming the first" has_regex st2.out "it goes after update [0-9]+, which commits first"
    kill -INT "$client"
    wait "$client"
    cs=$?
    check "the interrupted client dies by SIGINT (got $cs)" equals "$cs" 130
    wait "$second"
    cs=$?
    check "the queued update times out in its turn (got $cs)" equals "$cs" 1
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

# An update queued behind a pending one is planned at its turn, against the
# version the first one makes: version 3 (count a real, no mapper) is refused
# from version 1 but follows version 2 (which maps count to a real).
case_queued_update_planned_at_its_turn() {
    begin queued_update_planned_at_its_turn
    start p tally.pas
    local pid=${PID_OF[p]}
    say p "a"
    check "the program answers" expect_output p "tally1 1: a"
    check "the instance appears" until_true 10 listening "$pid"
    run_dvm alone.out alone.err update tally.pas tally_v3.pas
    check "version 3 alone is refused (got $status)" equals "$status" 1
    check "... for its global" has_regex alone.err "refused: .*count"
    say p "slow"  # Echo stays active for two seconds
    sleep 0.3
    spawn /dev/null first.out first.err "$DVM" update --strict --timeout 20 tally.pas tally_v2.pas
    local first=$SPAWNED cs
    check "the first update waits for Echo" until_true 10 json_status_matches tally.pas '"waits_for": \["[Ee]cho"'
    run_dvm second.out second.err update --timeout 20 tally.pas tally_v3.pas
    check "the queued update commits after it (got $status)" equals "$status" 0
    check "... as version 3" has_text second.out "committed as version 3"
    check "while queued, it said what it waits for" has_regex second.err "waiting: it goes after update [0-9]+, which commits first; Echo .*is active"
    wait "$first"
    cs=$?
    check "the first committed (got $cs)" equals "$cs" 0
    check "the slow line ran old code" expect_output p "tally1 2: slow"
    say p "b"
    check "the mapped count goes on in version 3" expect_output p "tally3 3.0: b"
    finish p
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

# A runtime error in code an update brought names the new version's source
# file and its lines; frames of unchanged code still name the old file.
case_error_names_version_source() {
    begin error_names_version_source
    start p echo.pas
    local pid=${PID_OF[p]}
    say p "one"
    check "the program answers" expect_output p "echo1 1: one"
    check "the instance appears" until_true 10 listening "$pid"
    update_ok echo.pas echo_div.pas 2 "$pid"
    say p "two"
    check "new code runs" expect_output p "echo3 2: two"
    say p "zero"
    wait_exit p
    check "the runtime error exits 1 (got $status)" equals "$status" 1
    check "the error names the new source at its line" \
        has_regex p.err "(^|/)echo_div\.pas:18:[0-9]+: runtime error: division by zero"
    check "the new Echo's frame names the new source" has_regex p.err "at Echo \(version 2\) .*echo_div\.pas:18:"
    check "the unchanged Serve's frame names the old source" has_regex p.err "at Serve \(version 1\) .*echo\.pas:21:"
    [ "$CASE_FAILED" = 0 ] || show p.err
    end
}

# Changing an active routine without an update point: the update commits and
# says, on the dry run, the commit line and in status, that the running frame
# keeps its old code and why; with --strict it waits, and says what for
# while it waits, until its timeout.
case_old_code_reported() {
    begin old_code_reported
    start p counter.pas
    local pid=${PID_OF[p]}
    say p "a"
    check "the program counts" expect_output p "count1 1: a"
    check "the instance appears" until_true 10 listening "$pid"
    run_dvm st.out st.err status counter.pas
    check "status names the active procedure" has_line st.out "    main version 1"
    run_dvm dry.out dry.err update --dry-run counter.pas counter_v2.pas
    check "dry run exits 0 (got $status)" equals "$status" 0
    check "the dry run says main would keep old code, and why" \
        has_line dry.out "    main keeps version 1 until the program ends: it has no update point"
    run_dvm up.out up.err update --strict --timeout 1 counter.pas counter_v2.pas
    check "--strict cannot commit while main runs (exit $status)" equals "$status" 1
    check "while waiting it said what for" has_line up.err \
        "dvm update: pid $pid: waiting: main (version 1) is active and restricted (--strict: no old code of a changed procedure may run); it returns only when the program ends and has no update point to move at, so this update can only time out"
    check "then it was abandoned" has_line up.err "dvm update: pid $pid: abandoned: timed out after 1 s waiting for main"
    [ "$CASE_FAILED" = 0 ] || show up.err
    run_dvm up.out up.err update counter.pas counter_v2.pas
    check "without --strict it commits (exit $status)" equals "$status" 0
    check "the commit line says main keeps its old code" has_line up.out \
        "pid $pid: committed as version 2 (pause $(sed -n 's/.*(pause \([0-9]*\) us).*/\1/p' up.out) us); main keeps version 1 until the program ends: it has no update point"
    say p "b"
    check "main still runs version 1" expect_output p "count1 2: b"
    run_dvm st.out st.err status counter.pas
    check "status says so" has_line st.out \
        "    main version 1: old code, kept until the program ends: it has no update point"
    run_dvm js.out js.err status --json counter.pas
    check "--json keeps to the contract's members" lacks_text js.out "active"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    end
}

# With an update point the running main moves: the commit line says until
# when it keeps old code; --strict waits for the update point, saying so.
case_update_point_reported() {
    begin update_point_reported
    start p counter_up.pas
    local pid=${PID_OF[p]} client cs
    say p "a"
    check "the program counts" expect_output p "count1 1: a"
    check "the instance appears" until_true 10 listening "$pid"
    run_dvm up.out up.err update counter_up.pas counter_up_v2.pas
    check "update exits 0 (got $status)" equals "$status" 0
    check "main keeps old code until its update point" has_regex up.out \
        "^pid $pid: committed as version 2 \\(pause [0-9]+ us\\); main keeps version 1 until its next update point\$"
    say p "b"
    check "the line read in old code is counted there" expect_output p "count1 2: b"
    say p "c"
    check "after the update point main runs version 2" expect_output p "count2 3: c"
    spawn /dev/null bg.out bg.err "$DVM" update --strict counter_up.pas counter_up.pas
    client=$SPAWNED
    check "--strict waits, saying for what" until_true 10 has_line bg.err \
        "dvm update: pid $pid: waiting: main (version 2) is active and restricted (--strict: no old code of a changed procedure may run); the update commits when it reaches its next update point"
    run_dvm st.out st.err status counter_up.pas
    check "status shows the wait in words" has_text st.out \
        "main (version 2) is active and restricted"
    say p "d"
    wait "$client"
    cs=$?
    check "it commits at the update point (exit $cs)" equals "$cs" 0
    check "and says nothing keeps old code" has_regex bg.out "^pid $pid: committed as version 3 \\(pause [0-9]+ us\\)\$"
    say p "e"
    check "version 3 runs" expect_output p "count1 5: e"
    finish p
    end
}

# An update that changes nothing makes no version; a PROG that names another
# file than the one the program was started from is explained.
case_unchanged_and_wrong_file() {
    begin unchanged_and_wrong_file
    run_dvm c.out c.err compile counter.pas -o counter.dbc
    start p counter.pas
    local pid=${PID_OF[p]}
    say p "a"
    check "the program counts" expect_output p "count1 1: a"
    check "the instance appears" until_true 10 listening "$pid"
    run_dvm up.out up.err update counter.pas counter.dbc
    check "an update that changes nothing exits 0 (got $status)" equals "$status" 0
    check "it says so" has_line up.out \
        "pid $pid: unchanged: the new image changes nothing in version 1: no new version made"
    check "no version was made" versions_are counter.pas 1
    run_dvm dry.out dry.err update --dry-run counter.pas counter.pas
    check "the dry run says so too" has_line dry.out "  nothing changes: the update would make no new version"
    run_dvm up.out up.err update counter.dbc counter_v2.pas
    check "the image it was not started from matches nothing (got $status)" equals "$status" 1
    check "it says what runs, from which file" has_line up.err "  pid $pid started from $WORK/counter.pas"
    check "and which was probably meant" has_line up.err \
        "dvm update: did you mean $WORK/counter.pas? (dvm update $WORK/counter.pas NEW)"
    run_dvm st.out st.err status counter.dbc
    check "status of that file exits 1 (got $status)" equals "$status" 1
    check "and says what runs too" has_line st.err "  pid $pid started from $WORK/counter.pas"
    finish p
    end
}

run_cases status_and_update refused_update image_files two_instances pick_pid no_instance \
    pending_and_timeout abuse signals stale_socket no_update_option unsafe_directory \
    error_names_version_source old_code_reported update_point_reported unchanged_and_wrong_file \
    queued_update_planned_at_its_turn
