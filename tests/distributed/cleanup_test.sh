#!/usr/bin/env bash
# The fault tests leave nothing behind, however they end: a test that fails
# with nodes running, a link down and a qdisc on a veth, and a run stopped
# from outside (SIGTERM, as a timeout would) while a test is in the middle.
# Afterwards no namespace, bridge or veth link of the run may remain, and no
# process it started (found by a mark in their environment).
# Needs root, as the fault tests do; skips, saying so, elsewhere.
# Usage: cleanup_test.sh DVM
DVM=$1
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" != 0 ] || ! ip netns add "dvprobe$$" 2>/dev/null; then
  echo "SKIP: needs network namespaces (root and ip netns)"
  exit 0
fi
ip netns del "dvprobe$$"

failed=0
mark=dvm-cleanup-$$-$RANDOM  # given to the fault runs only

marked_pids() {
  grep -l -a "DVM_CLEANUP_MARK=$mark" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 | grep -vx "$$" || true
}

# leftovers TAG: what a fault run whose shell had pid TAG left behind.
leftovers() {
  local tag=$1 what=""
  ip netns list | grep -q "^dvn$tag" && what="$what namespaces($(ip netns list | grep "^dvn$tag" | tr '\n' ' '))"
  ip -br link | grep -qE "^dv[bhc]$tag" && what="$what links($(ip -br link | grep -E "^dv[bhc]$tag" | cut -d' ' -f1 | tr '\n' ' '))"
  local p
  p=$(marked_pids)
  for q in $p; do what="$what process($q: $(tr '\0' ' ' <"/proc/$q/cmdline" 2>/dev/null | cut -c1-60))"; done
  echo "$what"
}

# check NAME TAG: fails NAME when anything was left behind, and removes it.
check() {
  local name=$1 tag=$2 left
  left=$(leftovers "$tag")
  if [ -n "$left" ]; then
    echo "FAIL $name: left behind:$left"
    failed=1
    for q in $(marked_pids); do kill -CONT "$q" 2>/dev/null; kill -9 "$q" 2>/dev/null; done
    ip -br link | grep -oE "^dv[bhc]$tag[0-9]*" | while read -r l; do ip link del "$l" 2>/dev/null; done
    ip netns list | grep -oE "^dvn$tag[0-9]*" | while read -r n; do ip netns del "$n"; done
  else
    echo "ok   $name"
  fi
}

# 1. A test that fails with nodes up, one stopped, a link down.
out=$(mktemp)
DVM_CLEANUP_MARK=$mark DVM_FAULTS_ONLY=test_fails_with_link_down "$here/faults.sh" "$DVM" >"$out" 2>&1 &
run=$!
wait "$run"
status=$?
# Where the fault tests skip (a chroot cannot make the veth links), there is
# nothing to clean up but what the attempt made.
if grep -q "^SKIP:" "$out"; then
  check "a run that skipped" "$run"
  echo "SKIP: the fault tests skip here: $(grep -m1 '^SKIP:' "$out" | cut -c7-)"
  rm -f "$out"
  exit $failed
fi
[ "$status" = 0 ] && { echo "FAIL a failing test: the run passed"; failed=1; }
grep -q "nodes up, link cut" "$out" || { echo "FAIL a failing test never got its nodes up:"; cat "$out"; failed=1; }
grep -q "1 failed" "$out" || { echo "FAIL a failing test was not reported:"; cat "$out"; failed=1; }
check "a failing test" "$run"
rm -rf $(sed -n 's/.*logs in \(\/tmp\/dvm-dist\.[A-Za-z0-9]*\).*/\1/p' "$out")

# 2. The run stopped from outside in the middle of a test.
DVM_CLEANUP_MARK=$mark DVM_FAULTS_ONLY=test_fails_with_link_down DVM_FAULTS_HANG=1 "$here/faults.sh" "$DVM" >"$out" 2>&1 &
run=$!
for i in $(seq 300); do grep -q "nodes up, link cut" "$out" && break; sleep 0.1; done
grep -q "nodes up, link cut" "$out" || { echo "FAIL a stopped run never got its nodes up:"; cat "$out"; failed=1; }
kill -TERM "$run"
for i in $(seq 150); do kill -0 "$run" 2>/dev/null || break; sleep 0.1; done
kill -0 "$run" 2>/dev/null && { echo "FAIL a stopped run did not end within 15 s"; failed=1; kill -9 "$run"; }
wait "$run" 2>/dev/null
check "a run stopped by SIGTERM" "$run"
rm -f "$out"
exit $failed
