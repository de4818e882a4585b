#!/usr/bin/env bash
# A distributed program updated live: two warehouses (service inventory) and a
# reservation front end that books with them over NATS.  While requests
# flow, one cluster update replaces both services; every request is answered,
# by version 1 before the commit and version 2 after it.
# Usage: programs/cluster/demo.sh [path/to/dvm]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dvm=${1:-$root/build/dvm}
work=$(mktemp -d /tmp/dvm-cluster-demo.XXXXXX)
export DVM_CLUSTER_DIR=$work/servers DVM_ETCD_PORT=${DVM_ETCD_PORT:-2579} DVM_NATS_PORT=${DVM_NATS_PORT:-4422}
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  "$root/scripts/cluster.sh" down 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }

step "a local cluster: etcd and nats-server on loopback"
eval "$("$root/scripts/cluster.sh" up)"

step "two warehouses (service inventory) and the reservation front end"
for w in 1 2; do
  "$dvm" run "$here/inventory_v1.pas" --node-log "$work/warehouse$w.log" >/dev/null &
  pids+=($!)
done
sleep 1
# Requests arrive one every 0.1 s; a negative quantity restocks (version 2 only).
{
  for i in $(seq 1 12); do echo "3 apple"; sleep 0.1; done
  sleep 1.5
  for i in $(seq 1 6); do echo "2 pear"; sleep 0.1; done
  echo "-10 apple"
  echo "0 plum"
} | "$dvm" run "$here/reservation_v1.pas" --node-log "$work/front.log" >"$work/front.out" &
front=$!
pids+=($front)
sleep 1
"$dvm" status --cluster

step "one update of both services while requests flow"
"$dvm" update --cluster inventory "$here/inventory_v2.pas" reservation "$here/reservation_v2.pas"

wait "$front"
step "what the front end answered (version 1 before the commit, version 2 after)"
cat "$work/front.out"

step "the cluster now"
"$dvm" status --cluster
