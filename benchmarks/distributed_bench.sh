#!/usr/bin/env bash
# Measurements of remote calls and cluster updates (docs/BENCHMARKS.md):
#  1. remote call round trip on loopback (median, 99th percentile) and calls
#     per second through one service node (build/rpc_bench);
#  2. the same round trip between two dvm programs (a Pascal caller's loop);
#  3. prepare-to-commit of one cluster update for 1, 10 and 100 nodes of one
#     service (plan written -> every commit recorded, as dvm update prints it);
#  4. the cost of being a cluster node for a program that makes no remote
#     call (a CPU benchmark with and without --nats/--etcd, interleaved).
# Usage: benchmarks/distributed_bench.sh [build dir]   (etcd and nats-server
# are started on loopback and stopped at the end)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
DVM=$build/dvm
export DVM
. "$root/tests/distributed/lib.sh"
T=$WORK/bench
mkdir -p "$T"
trap 'cleanup_processes; rm -rf "$WORK"' EXIT
start_servers
opts="--etcd $ETCD_URL --nats $NATS_URL --memory 64M --stack 16M"
"$DVM" compile "$PROGS/inventory_v1.pas" -o "$T/v1.dbc"
"$DVM" compile "$PROGS/inventory_v2.pas" -o "$T/v2.dbc"

echo "== 1. round trip and throughput (rpc_bench -> one dvm node)"
spawn "$DVM" run "$T/v1.dbc" $opts >/dev/null
sleep 0.5
"$build/rpc_bench" "$NATS_URL" inventory 20000 32

echo "== 2. round trip between two dvm programs (Pascal caller, 5000 calls)"
cat >"$T/loop.pas" <<'EOF'
program Loop;
var i, r: integer;
function reserve(client: integer; seq: integer; item: string): integer; external 'inventory';
begin
  for i := 1 to 5000 do r := reserve(1, i, 'x');
  writeln(r);
end.
EOF
s=$(date +%s%N)
"$DVM" run "$T/loop.pas" --nats "$NATS_URL" >/dev/null
e=$(date +%s%N)
echo "mean round trip: $(( (e - s) / 5000 / 1000 )) us per call (including the program's start)"
cleanup_processes
rm -rf "$T/etcd"  # a fresh cluster: no record of the nodes just killed
start_servers

echo "== 3. prepare-to-commit for 1, 10 and 100 nodes of one service"
for n in 1 10 100; do
  for i in $(seq "$n"); do spawn "$DVM" run "$T/v1.dbc" $opts >/dev/null 2>&1; done
  wait_for "$n nodes" 120 "nodes_are inventory $n"
  for round in 1 2 3 4 5; do
    src=$T/v2.dbc
    [ $((round % 2)) = 0 ] && src=$T/v1.dbc
    "$DVM" update --cluster inventory "$src" --etcd "$ETCD_URL" --nats "$NATS_URL" --timeout 60 |
      sed -n "s/.*plan to decision \(.*\) ms, plan to every commit recorded \(.*\) ms/$n nodes: decision \1 ms, all committed \2 ms/p"
  done
  cleanup_processes
  rm -rf "$T/etcd"
  start_servers
done

echo "== 4. cost of being a cluster node (fib, 5 runs each, interleaved)"
prog=$root/benchmarks/pascal/fib.pas
"$DVM" compile "$prog" -o "$T/fib.dbc"
plain=() node=()
for i in 1 2 3 4 5; do
  s=$(date +%s%N); "$DVM" run "$T/fib.dbc" >/dev/null; e=$(date +%s%N); plain+=($(( (e - s) / 1000000 )))
  s=$(date +%s%N); "$DVM" run "$T/fib.dbc" --etcd "$ETCD_URL" --nats "$NATS_URL" >/dev/null; e=$(date +%s%N)
  node+=($(( (e - s) / 1000000 )))
done
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
echo "fib: plain $(median "${plain[@]}") ms, as a cluster node $(median "${node[@]}") ms (medians of 5)"
