#!/usr/bin/env bash
# Remote procedures and cluster updates, end to end: real etcd and
# nats-server on loopback (data in a temporary directory), dvm nodes as
# separate processes.  Usage: run_tests.sh DVM
DVM=$1
. "$(dirname "$0")/lib.sh"

node_opts() { echo --etcd "$ETCD_URL" --nats "$NATS_URL"; }

# inventory_node NAME [SOURCE]: a node of inventory logging its calls to $T/NAME.out
inventory_node() {
  spawn "$DVM" run "${2:-$PROGS/inventory_v1.pas}" $(node_opts) --node-log "$T/$1.log" >"$T/$1.out" 2>"$T/$1.err"
}

# client NAME ID COUNT: a caller of inventory.reserve (its pid in $!)
client() { caller "$1" "$PROGS/client.pas" "$2 $3" $(node_opts); }

test_values_errors_and_self_calls() {
  start_servers
  spawn "$DVM" run "$PROGS/types_svc.c" --nats "$NATS_URL" 2>"$T/svc.err"
  sleep 0.3
  "$DVM" run "$PROGS/types_client.pas" --nats "$NATS_URL" >"$T/out" 2>"$T/err" && return 1
  printf '21 -28 2.50\n6005\n' | diff - "$T/out"
  grep -q 'types_client.pas:7:1: runtime error: remote call shapes.crash failed: runtime error: division by zero (.*types_svc.c:12:' "$T/err"
  grep -q 'at main (version 1) .*types_client.pas:13:' "$T/err"
  # A program serves its own calls while it waits for them (waiting is idle).
  printf 'abc\nxyz\n' | "$DVM" run "$PROGS/echo_self.pas" --nats "$NATS_URL" >"$T/echo"
  printf 'ABC!\nXYZ!\n' | diff - "$T/echo"
  # No node of the service: the caller keeps trying until its timeout.
  "$DVM" run "$PROGS/sig_client.pas" --nats "$NATS_URL" --call-timeout 0.5 --node-log "$T/none.log" 2>"$T/none" && return 1
  grep -q 'remote call pricing.price: no node of service pricing is up (tried for 0.5 s)' "$T/none"
  grep -q 'remote calls made: 1, 1 without a reply$' "$T/none.log"
  # Without NATS a remote call is a clear runtime error.
  "$DVM" run "$PROGS/sig_client.pas" 2>"$T/nonats" && return 1
  grep -q 'started without NATS' "$T/nonats"
  # What cannot cross is a compile error at the declaration.
  "$DVM" compile "$PROGS/bad_var.pas" -o "$T/x.dbc" 2>"$T/c1" && return 1
  grep -q "bad_var.pas:3:20: error: parameter 'x' of exported procedure 'inc2' is a var parameter" "$T/c1"
  "$DVM" compile "$PROGS/bad_ptr.c" -o "$T/y.dbc" 2>"$T/c2" && return 1
  grep -q "bad_ptr.c:2:5: error: parameter 1 of remote function 'peek' cannot cross to another program: it is a pointer" "$T/c2"
}

# stopper NAME: a node of stopper reading its input from the fifo $T/NAME.in
# (kept open on fd 7 of this test); its pid in $!.
stopper() {
  mkfifo "$T/$1.in"
  exec 7<>"$T/$1.in"
  "$DVM" run "$PROGS/stopper.pas" --nats "$NATS_URL" --node-log "$T/$1.log" <"$T/$1.in" >"$T/$1.out" 2>"$T/$1.err" &
  track $!
}

# halt or exit inside a served call ends the node's program with that status,
# after the caller has its answer; nothing of the program runs after it.
test_halt_in_served_call() {
  start_servers
  # Blocked reading its input.
  stopper s1
  local s1=$!
  sleep 0.3
  echo 3 | "$DVM" run "$PROGS/stop_client.pas" --nats "$NATS_URL" --call-timeout 3 >"$T/c1.out" 2>"$T/c1.err" &&
    return 1
  grep -q 'runtime error: remote call stopper.quit failed: the procedure ended its program (exit status 3): the node has stopped' "$T/c1.err"
  local rc=0
  wait "$s1" || rc=$?
  [ "$rc" = 3 ]
  grep -q '^quitting 3$' "$T/s1.out" && ! grep -q 'after the halt' "$T/s1.out"
  exec 7>&-
  # In serve.
  stopper s2
  local s2=$!
  echo serve >&7
  sleep 0.3
  echo 0 | "$DVM" run "$PROGS/stop_client.pas" --nats "$NATS_URL" >"$T/c2.out"
  grep -q '^answer 0$' "$T/c2.out"
  echo 4 | "$DVM" run "$PROGS/stop_client.pas" --nats "$NATS_URL" --call-timeout 3 >/dev/null 2>"$T/c3.err" && return 1
  grep -q 'exit status 4' "$T/c3.err"
  rc=0
  wait "$s2" || rc=$?
  [ "$rc" = 4 ]
  ! grep -q 'after the halt' "$T/s2.out"
  # Its log sums up the calls it served, the last one included.
  grep -q 'calls served: 2; arrival to reply median [0-9.]* [um]*s, 99th percentile' "$T/s2.log"
}

# A served call that fails releases the strings its frames held: 6000
# failing calls that each leave about 1 KB would fill the node's 1 MB of
# program memory, and the good calls after them would fail.
test_failed_served_call_releases_strings() {
  start_servers
  spawn "$DVM" run "$PROGS/leaky.pas" --nats "$NATS_URL" --memory 1M 2>"$T/leaky.err"
  sleep 0.3
  "$(dirname "$DVM")/rpc_bench" "$NATS_URL" leaky 3000 8 boom >"$T/boom.out"
  grep -q '^failed: 6000 of 6000 calls' "$T/boom.out"
  "$(dirname "$DVM")/rpc_bench" "$NATS_URL" leaky 20 1 fine >"$T/fine.out"
  grep -q '^failed: 0 of 40 calls' "$T/fine.out"
}

# The connection to NATS breaks while a call is in flight (the server is
# killed).  Restarted at once, the reply still comes: the call ran once and
# its caller has the answer.  Kept down past the caller's timeout: the caller
# stops with a runtime error at its timeout, never hangs, and the call ran
# once all the same.
test_nats_lost_during_call() {
  start_servers
  spawn "$DVM" run "$PROGS/slow.pas" --nats "$NATS_URL" >"$T/slow.out" 2>"$T/slow.err"
  sleep 0.3
  caller c1 "$PROGS/slow_client.pas" 1500 --nats "$NATS_URL" --call-timeout 10
  local c=$!
  wait_for "the call running" 5 "grep -q '^exec 1500' '$T/slow.out'"
  kill -9 "$NATS_PID"
  wait "$NATS_PID" 2>/dev/null || true
  start_nats
  wait "$c"
  grep -q '^answer 1500$' "$T/c1.out"
  # Down for longer than the caller waits.
  local start=$(date +%s%N)
  caller c2 "$PROGS/slow_client.pas" 1000 --nats "$NATS_URL" --call-timeout 2
  c=$!
  wait_for "the call running" 5 "grep -q '^exec 1000' '$T/slow.out'"
  kill -9 "$NATS_PID"
  wait "$NATS_PID" 2>/dev/null || true
  local rc=0
  wait "$c" || rc=$?
  local took_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  [ "$rc" = 1 ]
  grep -q 'runtime error: remote call slow.slow: the connection to NATS was lost while the call was in flight; it may or may not have run' "$T/c2.err"
  [ "$took_ms" -lt 3500 ] || { echo "  the caller took $took_ms ms"; return 1; }
  start_nats
  # The node reconnected and serves; each call ran once.
  echo 10 | "$DVM" run "$PROGS/slow_client.pas" --nats "$NATS_URL" --call-timeout 10 >"$T/c3.out"
  grep -q '^answer 10$' "$T/c3.out"
  [ "$(grep -c '^exec 1500' "$T/slow.out")" = 1 ] && [ "$(grep -c '^exec 1000' "$T/slow.out")" = 1 ]
}

# A node that computes for longer than NATS's pings may go unanswered keeps
# its connection (the program's thread reads NATS only while it waits; a
# helper reads meanwhile), and a call that comes meanwhile is served after.
test_busy_node_keeps_its_connection() {
  start_servers
  spawn "$DVM" run "$PROGS/busy.c" --nats "$NATS_URL" --node-log "$T/busy.log" >"$T/busy.out" 2>"$T/busy.err"
  sleep 0.3
  caller c1 "$PROGS/busy_client.pas" 7 --nats "$NATS_URL" --call-timeout 20
  local c=$!
  wait_for "the first call spinning" 10 "grep -q '^spinning 7 s' '$T/busy.out'"
  echo 0 | "$DVM" run "$PROGS/busy_client.pas" --nats "$NATS_URL" --call-timeout 20 >"$T/c2.out" 2>"$T/c2.err"
  wait "$c"
  grep -q '^answer 7$' "$T/c1.out"
  grep -q '^answer 0$' "$T/c2.out"
  printf 'spinning 7 s\nspun 7 s\nspinning 0 s\nspun 0 s\n' | diff - "$T/busy.out"
  if grep -q "lost the connection" "$T/busy.log"; then cat "$T/busy.log"; return 1; fi
}

# Arguments and results near NATS's message limit (480 KB) cross whole, both
# ways: the socket takes such a message in several writes.
test_bulk_values() {
  start_servers
  spawn "$DVM" run "$PROGS/bulk.pas" --nats "$NATS_URL" >"$T/bulk.out" 2>"$T/bulk.err"
  sleep 0.3
  "$DVM" run "$PROGS/bulk_client.pas" --nats "$NATS_URL" >"$T/c.out" 2>"$T/c.err" || { cat "$T/c.err"; return 1; }
  grep -q '^bad 0$' "$T/c.out"
}

# After serving a call a node stays awake polling for the next one for
# --busy-poll microseconds, then sleeps; with --busy-poll 0 it sleeps at
# once.  Seen in the CPU time the node spends in the 1.2 s after one call
# and in the second after that.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# ticks_after_one_call US: sets TICKS to the two counts
ticks_after_one_call() {
  spawn "$DVM" run "$PROGS/inventory_v1.pas" --nats "$NATS_URL" --busy-poll "$1" >"$T/busy$1.out" 2>&1
  local node=$! a b c
  sleep 0.3
  echo "1 1" | "$DVM" run "$PROGS/client.pas" --nats "$NATS_URL" >"$T/c$1.out" 2>&1 || { cat "$T/c$1.out"; return 1; }
  a=$(cpu_ticks "$node"); sleep 1.2
  b=$(cpu_ticks "$node"); sleep 1
  c=$(cpu_ticks "$node")
  stop_pid "$node"
  wait "$node" 2>/dev/null || true
  TICKS="$((b - a)) $((c - b))"
}
test_node_polls_awake_after_serving() {
  start_servers
  local awake asleep
  ticks_after_one_call 1000000
  awake=($TICKS)
  ticks_after_one_call 0
  asleep=($TICKS)
  echo "CPU ticks after a call, then a second later: --busy-poll 1000000: ${awake[*]}; --busy-poll 0: ${asleep[*]}"
  [ "${awake[0]}" -ge 20 ] && [ "${awake[1]}" -le 5 ] && [ "${asleep[0]}" -le 5 ]
}

# A served call whose own remote call gives up at its --call-timeout fails
# at its caller; the late reply to it must not be taken for the reply to the
# next call made at the same depth (a reply subject is used again only after
# its call ended with its reply).  busy.spin(N) computes until the clock's
# N-th whole second from now, without waiting.
test_late_reply_after_a_nested_timeout() {
  start_servers
  spawn "$DVM" run "$PROGS/busy.c" --nats "$NATS_URL" >"$T/busy.out" 2>"$T/busy.err"
  spawn "$DVM" run "$PROGS/relay.pas" --nats "$NATS_URL" --call-timeout 4 >"$T/relay.out" 2>"$T/relay.err"
  sleep 0.3
  echo 6 | "$DVM" run "$PROGS/relay_client.pas" --nats "$NATS_URL" --call-timeout 20 >"$T/c1.out" 2>"$T/c1.err" && return 1
  grep -q 'remote call relay.fwd failed: .*no node of service busy answered within 4 s' "$T/c1.err" || { cat "$T/c1.err"; return 1; }
  # The next call waits behind the first: the first's late reply comes
  # while it waits, its own a second later.
  echo 1 | "$DVM" run "$PROGS/relay_client.pas" --nats "$NATS_URL" --call-timeout 20 --node-log "$T/c2.log" \
    >"$T/c2.out" 2>"$T/c2.err" || { cat "$T/c2.err"; return 1; }
  grep -q '^answer 1$' "$T/c2.out"
  # The caller's log sums up its calls when it ends.
  grep -q 'remote calls made: 1, 0 without a reply; round trip median [0-9.]* s, 99th percentile' "$T/c2.log"
  printf 'spinning 6 s\nspun 6 s\nspinning 1 s\nspun 1 s\n' | diff - "$T/busy.out"
}

# SIGTERM makes a node give its lease back before it ends: an update started
# right after does not count on it (its record is gone at once, not when its
# lease would have run out), and the node ends as SIGTERM ends a program
# (status 143), its control socket removed.
test_signal_gives_the_lease_back() {
  start_servers
  inventory_node n1
  mkdir -m 700 "$T/xdg"
  XDG_RUNTIME_DIR="$T/xdg" inventory_node n2
  local n2=$!
  wait_for "2 nodes" 10 'nodes_are inventory 2'
  wait_for "n2's control socket" 5 "[ -S '$T/xdg/dvm/$n2.sock' ]"
  kill -TERM "$n2"
  local rc=0
  wait "$n2" || rc=$?
  [ "$rc" = 143 ]
  nodes_are inventory 1
  [ ! -e "$T/xdg/dvm/$n2.sock" ]
  grep -q 'node stopping on signal 15; giving its lease back' "$T/n2.log"
  "$DVM" update --cluster inventory "$PROGS/inventory_v2.pas" $(node_opts) >"$T/update.out"
  grep -q 'update .*: COMMIT' "$T/update.out"
}

test_one_update_for_two_services() {
  start_servers
  inventory_node n1
  inventory_node n2
  spawn "$DVM" run "$PROGS/front_v1.pas" $(node_opts) --node-log "$T/front.log" >"$T/front.out" 2>"$T/front.err"
  wait_for "3 nodes registered" 10 'nodes_are inventory 2 && nodes_are front 1'
  client c1 1 60
  local c1=$!
  client c2 2 60
  local c2=$!
  sleep 0.5
  "$DVM" update --cluster inventory "$PROGS/inventory_v2.pas" front "$PROGS/front_v2.pas" \
    --etcd "$ETCD_URL" --nats "$NATS_URL" >"$T/update.out"
  grep -q 'update .*: COMMIT' "$T/update.out"
  [ "$(grep -c 'committed as version 2' "$T/update.out")" = 3 ]
  wait_for "inventory at 2 everywhere" 5 'all_at inventory 2'
  all_at front 2
  wait "$c1" "$c2"
  check_calls "$T/n1.out" "$T/n2.out" -- "$T/c1.out:$T/c1.err" "$T/c2.out:$T/c2.err"
  # Both clients finished, every call answered, the last ones by version 2.
  [ "$(grep -c '^got 1 ' "$T/c1.out")" = 60 ] && [ "$(grep -c '^got 2 ' "$T/c2.out")" = 60 ]
  tail -1 "$T/c1.out" | grep -q '2$'
  # Both inventory nodes served calls (one queue group).
  grep -q '^exec' "$T/n1.out" && grep -q '^exec' "$T/n2.out"
  # The front end's own calls reach version 2 after the update.
  wait_for "front sees version 2" 5 'tail -1 "$T/front.out" | grep -q " 2\$"'
}

test_late_node_runs_committed_version() {
  start_servers
  inventory_node n1
  local n1=$!
  wait_for "registered" 10 'nodes_are inventory 1'
  "$DVM" update --cluster inventory "$PROGS/inventory_v2.pas" $(node_opts) >/dev/null
  # Started with the version 1 source, it runs the cluster's version 2.
  kill "$n1"
  inventory_node late
  wait_for "late node registered" 10 'nodes_are inventory 1'
  all_at inventory 2
  client c 3 3
  wait $!
  grep -q '^got 3 3 32$' "$T/c.out"
  grep -q 'running the cluster version 2' "$T/late.log"
}

test_old_signature_through_interprocedure() {
  start_servers
  spawn "$DVM" run "$PROGS/sig_v1.pas" $(node_opts) >/dev/null
  wait_for "registered" 10 'nodes_are pricing 1'
  [ "$("$DVM" run "$PROGS/sig_client.pas" --nats "$NATS_URL")" = 4 ]
  "$DVM" update --cluster pricing "$PROGS/sig_v2.pas" $(node_opts) >/dev/null
  # A caller compiled against price(item) is served by price_v1.
  [ "$("$DVM" run "$PROGS/sig_client.pas" --nats "$NATS_URL")" = 407 ]
}

test_refused_dry_run_and_queue() {
  start_servers
  inventory_node n1
  local n1=$!
  inventory_node n2
  wait_for "registered" 10 'nodes_are inventory 2'
  # A node refuses (the planner: a global retyped with no mapping): ABORT.
  "$DVM" update --cluster inventory "$PROGS/inventory_bad.pas" $(node_opts) >"$T/bad.out" 2>"$T/bad.err" && return 1
  grep -q 'ABORT: node .* refused: .*calls' "$T/bad.err"
  all_at inventory 1
  # A dry run: each node's plan, nothing changes.
  "$DVM" update --cluster inventory "$PROGS/inventory_v2.pas" --dry-run $(node_opts) >"$T/dry.out"
  [ "$(grep -c 'WOULD ACCEPT' "$T/dry.out")" = 2 ] && grep -q 'body changed: reserve' "$T/dry.out"
  all_at inventory 1
  # Two updates at once: they commit one after the other, in order.
  "$DVM" update --cluster inventory "$PROGS/inventory_v2.pas" $(node_opts) >"$T/u1.out" &
  local u1=$!
  track $u1
  sleep 0.05
  "$DVM" update --cluster inventory "$PROGS/inventory_v1.pas" $(node_opts) >"$T/u2.out"
  wait $u1
  grep -q 'version 1 -> 2' "$T/u1.out" && grep -q 'version 2 -> 3' "$T/u2.out"
  all_at inventory 3
  [ "$(updates_in_progress)" = 0 ]
  # The status shows every node with its service, host, pid and version.
  "$DVM" status --cluster --etcd "$ETCD_URL" | grep -q 'inventory .* version 3 .*running'
  # A local update of a cluster node is refused.
  "$DVM" update "$PROGS/inventory_v1.pas" "$PROGS/inventory_v2.pas" --pid "$n1" 2>"$T/local.err" && return 1
  grep -q 'update it with dvm update --cluster' "$T/local.err"
}

run_test test_values_errors_and_self_calls
run_test test_halt_in_served_call
run_test test_failed_served_call_releases_strings
run_test test_nats_lost_during_call
run_test test_busy_node_keeps_its_connection
run_test test_bulk_values
run_test test_node_polls_awake_after_serving
run_test test_late_reply_after_a_nested_timeout
run_test test_signal_gives_the_lease_back
run_test test_one_update_for_two_services
run_test test_late_node_runs_committed_version
run_test test_old_signature_through_interprocedure
run_test test_refused_dry_run_and_queue
finish_tests
