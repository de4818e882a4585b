#!/usr/bin/env bash
# Fault tests of cluster updates and remote calls: every node in a network
# namespace of its own, joined by a veth link to a bridge that the test makes
# (and removes, also when it fails); etcd and nats-server listen on the
# bridge's address.  Participants are killed before their vote, after it, and
# after the decision; the updater is killed; a link is cut with `ip link set
# down` and delayed with `tc netem`; etcd and nats-server are restarted under
# load.  After each: every node at the decided version, no call run twice,
# no call lost without a runtime error at its caller.
# Needs root (network namespaces); skips, saying why, where they cannot be made.
# Usage: faults.sh DVM
DVM=$1
. "$(dirname "$0")/lib.sh"

TAG=$$
NET=10.213.$((RANDOM % 200 + 20))
BRIDGE=dvb$TAG

ns_name() { echo "dvn$TAG$1"; }
host_link() { echo "dvh$TAG$1"; }

remove_network() {
  local k
  # A host end whose peer never reached its namespace outlives the namespace.
  for k in 1 2 3 4 5 6; do
    ip netns del "$(ns_name $k)" 2>/dev/null || true
    ip link del "$(host_link $k)" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
}

make_network() {
  ip link add "$BRIDGE" type bridge || return 1
  ip addr add "$NET.1/24" dev "$BRIDGE" && ip link set "$BRIDGE" up || return 1
  local k
  for k in 1 2 3 4; do
    local ns=$(ns_name $k) h=$(host_link $k) c=dvc$TAG$k
    ip netns add "$ns" || return 1
    ip link add "$h" type veth peer name "$c" || return 1
    ip link set "$c" netns "$ns" && ip link set "$h" master "$BRIDGE" && ip link set "$h" up || return 1
    ip -n "$ns" addr add "$NET.$((10 + k))/24" dev "$c" && ip -n "$ns" link set "$c" up && ip -n "$ns" link set lo up ||
      return 1
  done
}

if [ "$(id -u)" != 0 ] || ! ip netns add "dvprobe$TAG" 2>/dev/null; then
  echo "SKIP: fault tests need network namespaces, which this machine cannot create here (needs root and ip netns)"
  echo "0 passed, 0 failed, 9 skipped"
  exit 0
fi
ip netns del "dvprobe$TAG"
trap 'stop_tests; remove_network; [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
if ! make_network; then
  echo "SKIP: the veth links and bridge of the fault tests cannot be made here"
  echo "0 passed, 0 failed, 9 skipped"
  exit 0
fi

node_opts() { echo --etcd "$ETCD_URL" --nats "$NATS_URL"; }

# node K NAME [SOURCE]: a node of inventory in namespace K; its pid in $!.
node() {
  spawn ip netns exec "$(ns_name "$1")" "$DVM" run "${3:-$PROGS/inventory_v1.pas}" $(node_opts) \
    --node-log "$T/$2.log" >"$T/$2.out" 2>"$T/$2.err"
}

# client NAME ID COUNT: a caller on the host; its pid in $!.
client() { caller "$1" "$PROGS/client.pas" "$2 $3" $(node_opts) --call-timeout 3; }

update_async() {
  "$DVM" update --cluster inventory "$PROGS/inventory_v2.pas" $(node_opts) "$@" >"$T/update.out" 2>"$T/update.err" &
  UPDATER=$!
  track $UPDATER
}

node_id_of() { sed -n 's/^[^ ]* \([^ ]*\) joined as a node.*/\1/p' "$T/$1.log" | head -1; }
plan_written() { etcd_has dvm/updates/ && [ -n "$(etcdctl --endpoints="$ETCD_URL" get --keys-only --prefix dvm/updates/ | grep /plan)" ]; }
voted() { [ "$(etcd_get "dvm/votes/$(update_id)/$1")" = PREPARED ]; }
update_id() { etcdctl --endpoints="$ETCD_URL" get --keys-only --prefix dvm/updates/ | grep /plan | tail -1 | cut -d/ -f3; }
decided() { etcd_has "dvm/updates/$(update_id)/decision"; }
no_update() { [ "$(updates_in_progress)" = 0 ]; }
gone() { ! etcd_has "dvm/nodes/inventory/$1"; }

test_participant_dies_before_voting() {
  start_servers "$NET.1"
  node 1 a; node 2 b
  local b=$!
  wait_for "2 nodes" 10 'nodes_are inventory 2'
  kill -STOP "$b"
  update_async --timeout 15
  wait_for "plan" 5 plan_written
  kill -9 "$b"
  wait "$UPDATER" && return 1
  grep -q 'ABORT: node .* left the cluster before the decision' "$T/update.err"
  wait_for "no update in progress" 5 no_update
  all_at inventory 1
}

test_participant_dies_after_prepared() {
  start_servers "$NET.1"
  node 1 a
  local a=$!
  node 2 b
  local b=$!
  wait_for "2 nodes" 10 'nodes_are inventory 2'
  local id_a=$(node_id_of a)
  kill -STOP "$b"
  update_async --timeout 15
  wait_for "a voted" 5 "plan_written && voted $id_a"
  kill -9 "$a"
  wait_for "a's lease expired" 8 "gone $id_a"
  kill -CONT "$b"
  wait "$UPDATER" && return 1
  grep -q 'ABORT: node .* left the cluster before the decision' "$T/update.err"
  wait_for "no update in progress" 5 no_update
  # b, stopped past its lease, registers again once it runs: then every node
  # is at the version decided.
  wait_for "all at 1" 5 'all_at inventory 1'
  node 3 a2
  wait_for "a again" 10 'nodes_are inventory 2'
  all_at inventory 1
}

test_participant_dies_after_commit() {
  start_servers "$NET.1"
  node 1 a
  local a=$!
  node 2 b
  wait_for "2 nodes" 10 'nodes_are inventory 2'
  update_async --timeout 15
  wait_for "decided" 5 decided
  kill -9 "$a"
  wait "$UPDATER"
  grep -q 'COMMIT' "$T/update.out"
  wait_for "b at 2" 8 'all_at inventory 2'
  # Restarted from the version 1 source, it comes up at version 2.
  node 3 a2
  wait_for "a again" 10 'nodes_are inventory 2'
  all_at inventory 2
  client c 7 3
  wait $!
  grep -q '^got 7 3 32$' "$T/c.out"
}

test_updater_dies() {
  start_servers "$NET.1"
  node 1 a; node 2 b
  local b=$!
  wait_for "2 nodes" 10 'nodes_are inventory 2'
  kill -STOP "$b"
  update_async --timeout 4
  wait_for "plan" 5 plan_written
  kill -9 "$UPDATER"
  kill -CONT "$b"
  # Nobody decides COMMIT for it; the nodes abort at the deadline.
  wait_for "the update ended" 12 no_update
  [ "$(etcd_get "dvm/updates/$(update_id)/decision" | grep -c deadline)" = 1 ]
  all_at inventory 1
}

test_link_cut_during_update() {
  start_servers "$NET.1"
  ip link set "$(host_link 3)" up
  node 1 a; node 2 b
  local b=$!
  node 3 c
  wait_for "3 nodes" 10 'nodes_are inventory 3'
  local id_c=$(node_id_of c)
  # Cut off before the plan: it cannot vote, so the update aborts.
  ip link set "$(host_link 3)" down
  update_async --timeout 10
  wait "$UPDATER" && return 1
  grep -q 'ABORT' "$T/update.err"
  ip link set "$(host_link 3)" up
  wait_for "c back" 15 'nodes_are inventory 3 && no_update'
  all_at inventory 1
  grep -q 'registered again at version 1' "$T/c.log"
  # Cut off after its vote: whatever the decision, it follows it once back.
  kill -STOP "$b"
  update_async --timeout 10
  wait_for "c voted" 5 "plan_written && voted $id_c"
  ip link set "$(host_link 3)" down
  kill -CONT "$b"
  wait "$UPDATER" || true
  local decision=1
  grep -q 'COMMIT' "$T/update.out" && decision=2
  sleep 1
  ip link set "$(host_link 3)" up
  wait_for "c back again" 15 "nodes_are inventory 3 && no_update"
  wait_for "every node at the decided version" 5 "all_at inventory $decision"
}

test_delay_with_netem() {
  start_servers "$NET.1"
  node 1 a; node 4 b
  if ! tc qdisc add dev "$(host_link 4)" root netem delay 150ms 2>"$T/tc.err"; then
    echo "  skip: tc netem is not available in this kernel ($(cat "$T/tc.err"))"
    return 77
  fi
  ip netns exec "$(ns_name 4)" tc qdisc add dev "dvc${TAG}4" root netem delay 150ms
  wait_for "2 nodes" 10 'nodes_are inventory 2'
  client c 1 30
  local c=$!
  "$DVM" update --cluster inventory "$PROGS/inventory_v2.pas" $(node_opts) >"$T/update.out"
  grep -q 'COMMIT' "$T/update.out"
  wait "$c"
  all_at inventory 2
  check_calls "$T/a.out" "$T/b.out" -- "$T/c.out:$T/c.err"
  [ "$(grep -c '^got' "$T/c.out")" = 30 ]
}

test_etcd_restart_under_load() {
  start_servers "$NET.1"
  node 1 a; node 2 b
  wait_for "2 nodes" 10 'nodes_are inventory 2'
  client c1 1 120
  local c1=$!
  client c2 2 120
  local c2=$!
  sleep 0.5
  kill "$ETCD_PID"
  wait "$ETCD_PID" || true
  sleep 1
  start_etcd
  wait_for "nodes registered after the restart" 10 'nodes_are inventory 2'
  "$DVM" update --cluster inventory "$PROGS/inventory_v2.pas" $(node_opts) >"$T/update.out"
  grep -q COMMIT "$T/update.out"
  wait "$c1" "$c2"
  all_at inventory 2
  check_calls "$T/a.out" "$T/b.out" -- "$T/c1.out:$T/c1.err" "$T/c2.out:$T/c2.err"
  [ "$(grep -c '^got' "$T/c1.out")" = 120 ]
}

test_nats_restart_under_load() {
  start_servers "$NET.1"
  node 1 a; node 2 b
  wait_for "2 nodes" 10 'nodes_are inventory 2'
  client c1 1 100
  local c1=$!
  client c2 2 100
  local c2=$!
  sleep 0.7
  kill -9 "$NATS_PID"
  sleep 0.5
  start_nats
  # A call in flight when the server died ends its caller with a runtime error; the others go on.
  wait "$c1" || true
  wait "$c2" || true
  check_calls "$T/a.out" "$T/b.out" -- "$T/c1.out:$T/c1.err" "$T/c2.out:$T/c2.err"
  # The nodes reconnected: new calls are served, and an update commits.
  client c3 3 5
  wait $!
  [ "$(grep -c '^got' "$T/c3.out")" = 5 ]
  "$DVM" update --cluster inventory "$PROGS/inventory_v2.pas" $(node_opts) >"$T/update.out"
  all_at inventory 2
}

# For tests/distributed/cleanup_test.sh: a test that fails (or, with
# DVM_FAULTS_HANG set, waits to be stopped from outside) with nodes running
# in the namespaces, one of them stopped and one link cut and delayed.
test_fails_with_link_down() {
  start_servers "$NET.1"
  node 1 a; node 2 b
  kill -STOP $!
  node 3 c
  wait_for "3 nodes" 10 'nodes_are inventory 3' || true
  ip link set "$(host_link 3)" down
  tc qdisc add dev "$(host_link 1)" root netem delay 10ms 2>/dev/null || true
  echo "  nodes up, link cut"
  [ -z "${DVM_FAULTS_HANG:-}" ] || sleep 600
  false
}

if [ -n "${DVM_FAULTS_ONLY:-}" ]; then
  run_test "$DVM_FAULTS_ONLY"
  finish_tests
  exit
fi
# Messages far larger than the sockets' buffers: with 4 KB TCP buffers in the
# namespaces of the service and its caller, every 480 KB argument and result
# leaves in many partial writes and arrives over many reads, both ways (the
# program's thread and the NATS helper thread share the writing).
test_bulk_values_through_small_buffers() {
  start_servers "$NET.1"
  local k
  for k in 1 2; do
    ip netns exec "$(ns_name $k)" sysctl -qw net.ipv4.tcp_wmem="4096 4096 4096" net.ipv4.tcp_rmem="4096 4096 4096" ||
      { echo "  skip: the namespace's socket buffer sizes cannot be set"; return 0; }
  done
  spawn ip netns exec "$(ns_name 1)" "$DVM" run "$PROGS/bulk.pas" --nats "$NATS_URL" >"$T/bulk.out" 2>"$T/bulk.err"
  sleep 0.5
  local rc=0
  ip netns exec "$(ns_name 2)" "$DVM" run "$PROGS/bulk_client.pas" --nats "$NATS_URL" --call-timeout 30 \
    >"$T/c.out" 2>"$T/c.err" || rc=$?
  for k in 1 2; do
    ip netns exec "$(ns_name $k)" sysctl -qw net.ipv4.tcp_wmem="4096 16384 4194304" net.ipv4.tcp_rmem="4096 131072 6291456"
  done
  [ "$rc" = 0 ] || { cat "$T/c.err"; return 1; }
  grep -q '^bad 0$' "$T/c.out"
}

run_test test_participant_dies_before_voting
run_test test_participant_dies_after_prepared
run_test test_participant_dies_after_commit
run_test test_updater_dies
run_test test_link_cut_during_update
run_test test_delay_with_netem
run_test test_etcd_restart_under_load
run_test test_nats_restart_under_load
run_test test_bulk_values_through_small_buffers
finish_tests
