#!/usr/bin/env bash
# End-to-end tests of dynamic updating for C programs (tests/update/c/*.c):
# `dvm run` in the background fed through a FIFO, driven by `dvm status` and
# `dvm update`.  One or more cases for every rule of
# docs/UPDATING.md (the rule is named in each case's comment).
#
# Usage: tests/update/run_update_tests_c.sh DVM [FILTER]
#
#   DVM     the dvm binary
#   FILTER  optional extended regex: only cases whose name matches run
#
# Every case prints PASS or FAIL (with details); the script ends with exactly
# `N passed, M failed` and exits 0 only when nothing failed.  Sockets go to a
# private XDG_RUNTIME_DIR, so running dvm programs of the user are not touched.
# Needs perl (perl-base) for the misbehaving client.

set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 DVM [FILTER]" >&2
    exit 2
fi
HERE=$(cd "$(dirname "$0")" && pwd)
HARNESS_NAME=dvm-update-c-tests
START_WAITS_FOR_CHANNEL=1
# shellcheck source=tests/update/lib.sh
. "$HERE/lib.sh"
harness_setup "$1" "${2:-}" "$HERE"/c/*.c

# status_matches PROG REGEX: `dvm status --json PROG` matches the extended regex.
status_matches() { json_status_matches "$@"; }

# ---- the cases ---------------------------------------------------------------------

# Rules 1, 3: commit while main is blocked in fgets; the next call reaches the
# new greet; data (served) and the buffered input are kept.
case_fgets_blocked() {
    begin fgets_blocked
    start p echo_v1.c
    local pid=${PID_OF[p]}
    say p "hello"
    check "the program answers" expect_output p "echo1 1: hello"
    update_ok echo_v1.c echo_v2.c 2 "$pid"
    say p "world"
    check "new code runs after the commit" expect_output p "echo2 2: world"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    check "the output is exactly the program's" equals "$(cat p.out)" \
        "$(printf 'echo1 1: hello\necho2 2: world\nserved 2')"
    check "dvm run wrote nothing to stderr" is_empty p.err
    end
}

# Rule 3: commit while blocked in getchar in the middle of a line: the
# characters already read are not lost.
case_getchar_blocked() {
    begin getchar_blocked
    start p getc_v1.c
    local pid=${PID_OF[p]}
    say p "abc"
    check "the program answers" expect_output p "getc1 line 1: 3 chars"
    printf 'xy' >&"${FD_OF[p]}"   # half a line, read before the commit
    sleep 0.3
    update_ok getc_v1.c getc_v2.c 2 "$pid"
    say p "z"
    check "the line spans the commit and keeps its characters" expect_output p "getc2 line 2: 3 chars"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    end
}

# Rule 3 and "a commit never cuts a sleep short": the update commits while the
# program sleeps (sleep, then usleep), and the sleep lasts its full time.
case_sleep_not_cut() {
    begin sleep_not_cut
    # Images compiled ahead, so that the update is quick even on a busy machine.
    run_dvm c.out c.err compile sleeper_v1.c -o sleeper_v1.dbc
    run_dvm c.out c.err compile sleeper_v2.c -o sleeper_v2.dbc
    start p sleeper_v1.c
    local pid=${PID_OF[p]} t0 t1
    say p "s"
    check "the program sleeps" expect_output p "sleeping"
    t0=$(now_ms)
    update_ok sleeper_v1.c sleeper_v2.dbc 2 "$pid"
    check "the update committed during the sleep" lacks_text p.out "woke"
    check "the sleep ends in new code" until_true 5 has_line p.out "sleeper2 woke from sleep"
    t1=$(now_ms)
    check "sleep(2) lasted its 2 s ($((t1 - t0)) ms)" at_least $((t1 - t0)) 1900
    say p "u"
    check "the program usleeps" expect_output p "usleeping"
    t0=$(now_ms)
    update_ok sleeper_v1.c sleeper_v1.dbc 3 "$pid"
    check "the update committed during usleep" lacks_text p.out "woke from usleep"
    check "usleep ends in the newest code" until_true 5 has_line p.out "sleeper1 woke from usleep"
    t1=$(now_ms)
    check "usleep(1500000) lasted 1.5 s ($((t1 - t0)) ms)" at_least $((t1 - t0)) 1400
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    end
}

# Rule 4: fmt's signature changes without an interprocedure, so session (which
# calls it) is restricted: the update waits while session runs, status says
# so, and it commits once session returns.
case_waits_for_restricted() {
    begin waits_for_restricted
    start p sess_v1.c
    local pid=${PID_OF[p]} client cs
    say p "go"
    check "session runs" expect_output p "in session"
    say p "4"
    check "old fmt" expect_output p "s1 8"
    run_dvm dry.out dry.err update --dry-run sess_v1.c sess_v2.c
    check "dry run exits 0 (got $status)" equals "$status" 0
    check "dry run: fmt's signature changed" has_regex dry.out "signature changed: .*fmt"
    check "dry run: session restricted" has_regex dry.out "restricted: .*session"
    check "dry run: would wait for session" has_regex dry.out "would wait for: .*session"
    spawn /dev/null bg.out bg.err "$DVM" update sess_v1.c sess_v2.c
    client=$SPAWNED
    check "status shows the pending update waiting for session" \
        until_true 10 status_matches sess_v1.c '"waits_for": \["session"\]'
    run_dvm st.out st.err status sess_v1.c
    check "the table says it too" has_regex st.out "pending update [0-9]+: waits for session"
    say p "5"
    check "old code meanwhile" expect_output p "s1 10"
    check "still pending" status_matches sess_v1.c '"waits_for": \["session"\]'
    say p "end"
    wait "$client"
    cs=$?
    check "the update commits once session returns (exit $cs)" equals "$cs" 0
    check "as version 2" committed bg.out "$pid" 2
    say p "go"
    say p "5"
    check "the new session and fmt" expect_output p "s2 15"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    check "dvm run wrote nothing to stderr" is_empty p.err
    end
}

# Rule 4: --timeout abandons a waiting update; the program is not touched.
case_timeout() {
    begin timeout
    start p sess_v1.c
    local pid=${PID_OF[p]} t0 t1
    say p "go"
    check "session runs" expect_output p "in session"
    t0=$(now_ms)
    run_dvm up.out up.err update --timeout 1 sess_v1.c sess_v2.c
    t1=$(now_ms)
    check "a timed-out update exits 1 (got $status)" equals "$status" 1
    check "it says it was abandoned" has_regex up.err "^dvm update: pid $pid: abandoned: "
    check "after about 1 s ($((t1 - t0)) ms)" at_least $((t1 - t0)) 900
    check "nothing pending" status_matches sess_v1.c '"pending": \[\]'
    check "one version" versions_are sess_v1.c 1
    say p "3"
    check "old code runs" expect_output p "s1 6"
    say p "end"
    say p "go"
    say p "4"
    check "old code still, after session returned" expect_output p "s1 8"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    end
}

# Rule 4 --strict: a body-only change of the active session commits at once
# without --strict, waits (and times out) with it, commits after it returns.
case_strict() {
    begin strict
    start p sess_v1.c
    local pid=${PID_OF[p]} client cs
    say p "go"
    check "session runs" expect_output p "in session"
    run_dvm up.out up.err update --strict --timeout 1 sess_v1.c sess_body.c
    check "strict, session active: abandoned (exit $status)" equals "$status" 1
    check "it says so" has_regex up.err "^dvm update: pid $pid: abandoned: "
    say p "1"
    check "old code" expect_output p "s1 2"
    spawn /dev/null bg.out bg.err "$DVM" update --strict sess_v1.c sess_body.c
    client=$SPAWNED
    check "pending, waiting for session" \
        until_true 10 status_matches sess_v1.c '"waits_for": \["session"\]'
    say p "end"
    wait "$client"
    cs=$?
    check "commits when session returns (exit $cs)" equals "$cs" 0
    say p "go"
    say p "2"
    check "new session" expect_output p "S1 4"
    say p "end"
    # Without --strict the same kind of change commits while session runs,
    # and the running frame finishes in its old code (rule 6).
    update_ok sess_v1.c sess_v1.c 3 "$pid"
    say p "go"
    say p "3"
    check "a version 3 session" expect_output p "s1 6"
    update_ok sess_v1.c sess_body.c 4 "$pid"
    say p "4"
    check "the active frame keeps its code" expect_output p "s1 8"
    say p "end"
    say p "go"
    say p "5"
    check "the next call runs version 4" expect_output p "S1 10"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    end
}

# Rule 1, 5: refused images (a global changing type without a mapper, a mapper
# or interprocedure whose parameter does not match the old version, a corrupt
# file, a C file that does not compile); the program runs on untouched.
case_refused() {
    begin refused
    start p data_v1.c
    local pid=${PID_OF[p]} n=0 bad
    say p "5"
    check "the program answers" expect_output p "data1 total=5 kept=6"
    run_dvm dry.out dry.err update --dry-run data_v1.c data_nomapper.c
    check "a refused dry run exits 1 (got $status)" equals "$status" 1
    check "it says so" has_line dry.out "pid $pid: the update would be refused"
    printf 'not an image' > junk.dbc
    printf 'int main(void) { return x; }\n' > broken.c
    for bad in data_nomapper.c data_badmapper.c junk.dbc broken.c; do
        run_dvm up.out up.err update data_v1.c "$bad"
        check "$bad: exits 1 (got $status)" equals "$status" 1
        check "$bad: nothing on stdout" is_empty up.out
        check "$bad: a reason on stderr" has_regex up.err "."
        case $bad in
            data_*) check "$bad: refused by the program, naming total" has_regex up.err "^dvm update: pid $pid: refused: .*total" ;;
        esac
        n=$((n + 1))
        say p "1"
        check "$bad: the program runs on with its data" expect_output p "data1 total=$((5 + n)) kept=$((6 + n))"
    done
    check "one version" versions_are data_v1.c 1
    run_dvm ip.out ip.err update --pid "$pid" data_v1.c data_v1.c
    check "and still updates (exit $status)" equals "$status" 0
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    check "dvm run wrote nothing to stderr" is_empty p.err
    end
}

# Rule 5: a mapper that divides by zero: the update is abandoned with the
# runtime error, every global keeps its value, the old code stays; then a good
# mapper (const int *old) commits; new globals get their initial values and a
# changed initializer leaves its global alone; the mapper's calls reach new code.
case_mappers() {
    begin mappers
    start p data_v1.c
    local pid=${PID_OF[p]}
    say p "5"
    say p "7"
    check "the program answers" expect_output p "data1 total=12 kept=7"
    run_dvm up.out up.err update data_v1.c data_mapfail.c
    check "a failing mapper: exit 1 (got $status)" equals "$status" 1
    check "the runtime error is reported" has_regex up.err "^dvm update: pid $pid: .*(zero|division)"
    check "nothing on stdout" is_empty up.out
    say p "1"
    check "data intact, old code" expect_output p "data1 total=13 kept=8"
    check "still one version" versions_are data_v1.c 1
    update_ok data_v1.c data_mapok.c 2 "$pid"
    say p "2"
    check "mapped total, kept kept, added initialized" expect_output p \
        "data2 total=15 scaled=150 kept=9 added=42"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    check "dvm run wrote nothing to stderr" is_empty p.err
    end
}

# Rule 5: default mapping: a struct that gains a field and reorders its
# fields, in an array that grows from 3 to 4 elements.
case_default_mapping() {
    begin default_mapping
    start p rec_v1.c
    local pid=${PID_OF[p]}
    say p "0"
    say p "2"
    say p "2"
    check "the program answers" expect_output p "rec1 2: 6 60"
    update_ok rec_v1.c rec_v2.c 2 "$pid"
    say p "3"
    check "element 0 carried, z zero" expect_output p "rec2 0: 1 10 0"
    check "element 1 untouched" has_line p.out "rec2 1: 0 0 0"
    check "element 2 carried, z zero" has_line p.out "rec2 2: 6 60 0"
    check "the new element 3" has_line p.out "rec2 3: 4 40 1"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    end
}

# Rule 5 with bit-fields: the fields that share bytes are one member of the
# image's struct type, named after them; v2 moves them behind a new member and
# the default mapping carries their values (a signed one keeps its sign).
case_bitfield_mapping() {
    begin bitfield_mapping
    start p bits_v1.c
    local pid=${PID_OF[p]}
    say p "5"
    check "the program answers" expect_output p "bits1 1: 1 5 -5"
    update_ok bits_v1.c bits_v2.c 2 "$pid"
    say p "3"
    check "bit-fields carried, the new member zero" expect_output p "bits2 2: 1 5 -5 3"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    end
}

# Rule 6: interprocedures chaining across three versions: main of version 1
# keeps calling add(x); add becomes add(x, y) then add(x, y, z); version 3 no
# longer contains version 2's interprocedure, which stays in the chain.
# Refused: a signature change without an interprocedure while main (which
# calls add) runs; an interprocedure whose parameters do not match.
case_interprocedures() {
    begin interprocedures
    start p ip_v1.c
    local pid=${PID_OF[p]}
    say p "5"
    check "v1" expect_output p "r=6"
    run_dvm up.out up.err update --timeout 1 ip_v1.c ip_noip.c
    check "without an interprocedure main is restricted: abandoned (exit $status)" equals "$status" 1
    run_dvm up.out up.err update ip_v1.c ip_badip.c
    check "a mismatched interprocedure is refused (exit $status)" equals "$status" 1
    check "refused, naming add" has_regex up.err "^dvm update: pid $pid: refused: .*add"
    say p "6"
    check "still v1" expect_output p "r=7"
    update_ok ip_v1.c ip_v2.c 2 "$pid"
    say p "5"
    check "old main -> add_from_v1 -> add(5, 1)" expect_output p "r=1006"
    update_ok ip_v1.c ip_v3.c 3 "$pid"
    say p "5"
    check "old main -> add_from_v1 -> add_from_v2 -> add(5, 1, 2)" expect_output p "r=100008"
    check "three version spaces alive (v2 holds the chain)" versions_are ip_v1.c 3
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    check "dvm run wrote nothing to stderr" is_empty p.err
    end
}

# Rule 7 (and 6, 8): three version spaces alive at once, each retired when no
# frame runs its code and no binding refers to it.
case_version_spaces() {
    begin version_spaces
    start p layers_v1.c
    local pid=${PID_OF[p]}
    check "v1 running" expect_output p "outer1"
    check "one version" versions_are layers_v1.c 1
    update_ok layers_v1.c layers_v2.c 2 "$pid"
    say p "a"
    check "the active inner keeps its code" expect_output p "inner1 a"
    check "two versions" versions_are layers_v1.c 2
    check "version 2 binds 3 procedures and runs no frame" \
        status_matches layers_v1.c '\{"number": 2, [^}]*"procedures": 3, "frames": 0\}'
    say p "end"
    say p "b"
    check "outer of v1 calls inner of v2" expect_output p "inner2 b"
    check "still two versions" versions_are layers_v1.c 2
    update_ok layers_v1.c layers_v3.c 3 "$pid"
    check "three versions alive at once" versions_are layers_v1.c 3
    check "version 1 runs 2 frames, binds nothing" \
        status_matches layers_v1.c '\{"number": 1, [^}]*"procedures": 0, "frames": 2\}'
    check "version 2 runs 1 frame" \
        status_matches layers_v1.c '\{"number": 2, [^}]*"procedures": 0, "frames": 1\}'
    say p "end"
    say p "c"
    check "inner of v3" expect_output p "inner3 c"
    # Version 2 no longer runs a frame nor binds anything: retired (docs/UPDATING.md, several updates),
    # at the latest at the safe point where status looks.
    check "version 2 is retired once its last frame returns" \
        until_true 2 versions_are layers_v1.c 2
    check "version 2 runs no frame now" \
        status_matches layers_v1.c '"versions": \[\{"number": 1, [^}]*"frames": 2\}, (\{"number": 2, [^}]*"procedures": 0, "frames": 0\}, )?\{"number": 3, '
    say p "quit"
    check "main moves to v3 at its update point" expect_output p "main3"
    check "outer of v3" expect_output p "outer3"
    check "version 1 retired" until_true 5 versions_are layers_v1.c 1
    check "only version 3 left" status_matches layers_v1.c '"versions": \[\{"number": 3, [^}]*"procedures": 3, "frames": 3\}\]'
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    check "dvm run wrote nothing to stderr" is_empty p.err
    end
}

# Rule 8: main's frame moves at its update point: total, the array hist and
# the for counter i carry over; the new local fresh starts at zero.
case_updatepoint_moves_frame() {
    begin updatepoint_moves_frame
    start p up_v1.c
    local pid=${PID_OF[p]}
    say p "1"
    say p "2"
    check "v1" expect_output p "up1 i=1 total=3 hist=1100"
    update_ok up_v1.c up_v2.c 2 "$pid"
    say p "3"
    check "the frame moved: i, total, hist carried, fresh zero" expect_output p \
        "up2 i=2 total=9 hist=1110 fresh=0"
    say p "4"
    check "and stays in v2" expect_output p "up2 i=3 total=17 hist=1111 fresh=0"
    check "version 1 retired" until_true 5 versions_are up_v1.c 1
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    end
}

# Rule 2: --dry-run prints the plan and changes nothing.
case_dry_run() {
    begin dry_run
    start p data_v1.c
    local pid=${PID_OF[p]}
    say p "5"
    check "the program answers" expect_output p "data1 total=5 kept=6"
    run_dvm dry.out dry.err update --dry-run data_v1.c data_mapok.c
    check "dry run exits 0 (got $status)" equals "$status" 0
    check "would be accepted" has_line dry.out "pid $pid: the update would be accepted"
    check "procedures added" has_regex dry.out "procedures added: .*scale"
    check "procedures added: the mapper" has_regex dry.out "procedures added: .*map_total"
    check "body changed" has_regex dry.out "body changed: .*add"
    check "body changed: show" has_regex dry.out "body changed: .*show"
    check "globals added" has_regex dry.out "globals added: .*added"
    check "globals changed in type" has_regex dry.out "globals changed in type: total"
    check "kept is not changed" lacks_text dry.out "kept"
    check "would commit now" has_line dry.out "  would commit now"
    [ "$CASE_FAILED" = 0 ] || show dry.out
    say p "1"
    check "nothing changed" expect_output p "data1 total=6 kept=7"
    check "one version" versions_are data_v1.c 1
    run_dvm dry.out dry.err update --dry-run st_v1.c st_v2.c
    check "dry run of a program that is not running exits 1" equals "$status" 1
    finish p
    end
}

# Rule 1: every running instance is updated.
case_two_instances() {
    begin two_instances
    start a echo_v1.c
    start b echo_v1.c
    local pa=${PID_OF[a]} pb=${PID_OF[b]}
    run_dvm up.out up.err update echo_v1.c echo_v2.c
    check "update exits 0 (got $status)" equals "$status" 0
    check "a committed" committed up.out "$pa" 2
    check "b committed" committed up.out "$pb" 2
    say a "1"
    say b "2"
    check "a runs new code" expect_output a "echo2 1: 1"
    check "b runs new code" expect_output b "echo2 1: 2"
    finish a
    finish b
    end
}

# Rule 4 (groups): fmt and session form a group; a change to fmt alone makes
# session restricted.  Without the group the same change commits at once.
case_groups() {
    begin groups
    start p grp_v1.c
    local pid=${PID_OF[p]} client cs
    say p "go"
    check "session runs" expect_output p "in session"
    run_dvm dry.out dry.err update --dry-run grp_v1.c grp_v2.c
    check "dry run: session restricted" has_regex dry.out "restricted: .*session"
    spawn /dev/null bg.out bg.err "$DVM" update grp_v1.c grp_v2.c
    client=$SPAWNED
    check "pending, waiting for session" \
        until_true 10 status_matches grp_v1.c '"waits_for": \["session"\]'
    say p "5"
    check "old fmt meanwhile" expect_output p "g 10"
    say p "end"
    wait "$client"
    cs=$?
    check "commits when session returns (exit $cs)" equals "$cs" 0
    say p "go"
    say p "5"
    check "new fmt" expect_output p "g 15"
    finish p
    start q grp_nogroup_v1.c
    pid=${PID_OF[q]}
    say q "go"
    check "session runs" expect_output q "in session"
    update_ok grp_nogroup_v1.c grp_nogroup_v2.c 2 "$pid"
    say q "5"
    check "without the group: the running session calls the new fmt" expect_output q "g 15"
    finish q
    end
}

# Rule 7: updates sent while an earlier one is pending commit in the order
# sent, each re-planned against the version current at its turn.
case_queued_updates() {
    begin queued_updates
    start p grp_v1.c
    local pid=${PID_OF[p]} c2 c3 s2 s3
    say p "go"
    check "session runs" expect_output p "in session"
    spawn /dev/null q2.out q2.err "$DVM" update grp_v1.c grp_v2.c
    c2=$SPAWNED
    check "the first is pending" until_true 10 status_matches grp_v1.c '"pending": \[\{"id"'
    spawn /dev/null q3.out q3.err "$DVM" update grp_v1.c grp_v3.c
    c3=$SPAWNED
    check "both are pending" until_true 10 status_matches grp_v1.c '"pending": \[\{"id": [0-9]+, [^]]*\]\}, \{"id"'
    say p "end"
    wait "$c2"
    s2=$?
    wait "$c3"
    s3=$?
    check "the first commits (exit $s2)" equals "$s2" 0
    check "as version 2" committed q2.out "$pid" 2
    check "the second commits (exit $s3)" equals "$s3" 0
    check "as version 3" committed q3.out "$pid" 3
    say p "go"
    say p "5"
    check "the last one's code runs" expect_output p "g 20"
    finish p
    end
}

# Binding: a function pointer stored in a global before the update calls the
# new version after it.
case_funcptr_global() {
    begin funcptr_global
    start p fp_v1.c
    local pid=${PID_OF[p]}
    say p "a"
    check "v1 through the pointer" expect_output p "fp1 a"
    update_ok fp_v1.c fp_v2.c 2 "$pid"
    say p "b"
    check "the stored pointer reaches the new greet" expect_output p "fp2 b"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    end
}

# Rule 6: a call through a function pointer whose procedure's signature
# changed goes through the interprocedure.
case_funcptr_signature() {
    begin funcptr_signature
    start p fps_v1.c
    local pid=${PID_OF[p]}
    say p "5"
    check "v1" expect_output p "r=10"
    update_ok fps_v1.c fps_v2.c 2 "$pid"
    say p "5"
    check "op(5) -> twice_v1(5) -> twice(5, 1000)" expect_output p "r=1010"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    check "dvm run wrote nothing to stderr" is_empty p.err
    end
}

# C static locals are globals named function.variable: kept across updates
# (the new initializer does not apply).
case_static_local() {
    begin static_local
    start p st_v1.c
    local pid=${PID_OF[p]}
    say p "x"
    say p "x"
    say p "x"
    check "v1" expect_output p "st1 id=3"
    run_dvm dry.out dry.err update --dry-run st_v1.c st_v2.c
    check "next_id.n is neither added nor changed" lacks_text dry.out "next_id.n"
    update_ok st_v1.c st_v2.c 2 "$pid"
    say p "x"
    # main's active frame keeps its own code (st1); next_id is the new one.
    check "n kept its value 3 (new next_id adds 10)" expect_output p "st1 id=13"
    update_ok st_v1.c st_v1.c 3 "$pid"
    say p "x"
    check "n kept across a second update" expect_output p "st1 id=14"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    end
}

# Rule 3: the whole binding table switches at once: a() then b() in a loop
# never sees b older than a, across two updates while the program spins.
case_atomic_switch() {
    begin atomic_switch
    start p atom_v1.c
    local pid=${PID_OF[p]}
    check "spinning" expect_output p "spinning"
    update_ok atom_v1.c atom_v2.c 2 "$pid"
    sleep 0.2
    update_ok atom_v1.c atom_v3.c 3 "$pid"
    wait_exit p
    check "the program ends by itself (status $status)" equals "$status" 0
    check "no call saw half an update" has_line p.out "bad=0"
    end
}

# The control channel shrugs off a misbehaving client of a C program.
case_abuse() {
    begin abuse
    start p echo_v1.c
    local pid=${PID_OF[p]} sock mode reply n=0
    sock="$SOCKDIR/$pid.sock"
    for mode in garbage oversized halfway; do
        reply=$(abuse "$sock" "$mode" 2>&1)
        case $mode in
            halfway) check "$mode: no reply (got: $reply)" equals "$reply" "(no reply)" ;;
            *) check "$mode: an error reply (got: $reply)" has_text <(printf '%s\n' "$reply") '"ok": false' ;;
        esac
        n=$((n + 1))
        say p "l$n"
        check "$mode: the program keeps running" expect_output p "echo1 $n: l$n"
    done
    update_ok echo_v1.c echo_v2.c 2 "$pid"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    check "dvm run wrote nothing to stderr" is_empty p.err
    end
}

# Rule 8: a pointer local that points into a local of the frame moves with
# it; when that local does not carry over, the frame keeps its old code and
# `dvm status` says why.
case_pointer_local() {
    begin pointer_local
    start p ptr_v1.c
    local pid=${PID_OF[p]}
    say p "1"
    check "v1" expect_output p "ptr1 0 1"
    update_ok ptr_v1.c ptr_v2.c 2 "$pid"
    say p "2"
    check "the frame moved with its pointer" expect_output p "ptr2 1 2"
    say p "3"
    check "the moved pointer still points at buf" expect_output p "ptr2 2 3"
    update_ok ptr_v1.c ptr_renamed.c 3 "$pid"
    say p "4"
    check "buf does not carry over: the frame stays" expect_output p "ptr2 3 4"
    run_dvm st.out st.err status ptr_v1.c
    check "status says why" has_text st.out "pointer p points into a local that does not carry over"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    end
}

# Rule 5 for a static local: next_id.n (a struct) gains a field and is mapped
# by default; next_id, whose old code uses it, is restricted (not active here).
case_static_local_mapping() {
    begin static_local_mapping
    start p stm_v1.c
    local pid=${PID_OF[p]}
    say p "x"
    say p "x"
    check "v1" expect_output p "id=2"
    run_dvm dry.out dry.err update --dry-run stm_v1.c stm_v2.c
    check "the plan names next_id.n" has_regex dry.out "globals changed in type: next_id\\.n"
    update_ok stm_v1.c stm_v2.c 2 "$pid"
    say p "x"
    check "value carried, calls zero" expect_output p "id=102001"
    finish p
    check "the program exits 0 (got $status)" equals "$status" 0
    end
}

# Rule 4: a pending update whose program exits: the client says so, exits 1.
case_program_exits_while_pending() {
    begin program_exits_while_pending
    start p sess_v1.c
    local pid=${PID_OF[p]} client cs
    say p "go"
    check "session runs" expect_output p "in session"
    spawn /dev/null ex.out ex.err "$DVM" update sess_v1.c sess_v2.c
    client=$SPAWNED
    check "the update is pending" until_true 10 status_matches sess_v1.c '"waits_for": \["session"\]'
    kill -TERM "$pid"  # ends inside session: the update can never commit
    wait_exit p
    check "SIGTERM ends it (status $status)" equals "$status" 143
    wait "$client"
    cs=$?
    check "the client exits 1 (got $cs)" equals "$cs" 1
    check "it says the program exited" has_line ex.err "dvm update: pid $pid: the program exited"
    end
}

run_cases fgets_blocked getchar_blocked sleep_not_cut waits_for_restricted timeout strict refused \
    mappers default_mapping bitfield_mapping interprocedures version_spaces updatepoint_moves_frame dry_run \
    two_instances groups queued_updates funcptr_global funcptr_signature static_local \
    atomic_switch abuse pointer_local static_local_mapping program_exits_while_pending
