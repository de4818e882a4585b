#!/usr/bin/env bash
# Measurements of remote calls and cluster updates (docs/BENCHMARKS.md):
#  1. remote call round trip on loopback (median, 99th percentile) and calls
#     per second through one service node (build/rpc_bench), beside the same
#     client against a responder that does nothing (the floor of NATS and the
#     client's own threads);
#  2. the same round trip between two dvm programs (a Pascal caller's loop,
#     timed by the caller itself: its node log sums up its calls);
#     1 and 2 also run with nats-server, the node and the caller placed on one
#     CPU (taskset), interleaved with the kernel's own placement;
#  3. prepare-to-commit of one cluster update for 1, 10 and 100 nodes of one
#     service (plan written -> every commit recorded, as dvm update prints it),
#     with the time the nodes took to join and their resident memory;
#  4. the cost of being a cluster node for a program that makes no remote
#     call (a CPU benchmark with and without --nats/--etcd, interleaved).
# Usage: benchmarks/distributed_bench.sh [build dir] [runs]   (etcd and
# nats-server are started on loopback and stopped at the end; about 3 min)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
runs=${2:-11}
DVM=$build/dvm
export DVM
. "$root/tests/distributed/lib.sh"
T=$WORK/bench
mkdir -p "$T"
trap 'stop_everything; rm -rf "$WORK"' EXIT
# Nodes reserve little: program memory and stacks are reserved, not touched,
# but a hundred processes on one machine should not reserve gigabytes.
small="--memory 4M --stack 1M"
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# A round trip is a chain of hand-offs (caller, nats-server, node, nats-server,
# caller): placed on one CPU, each party runs as soon as the one before blocks,
# and no CPU halts and is woken between them (docs/BENCHMARKS.md).
one_cpu_possible() { [ "$(nproc)" -gt 1 ] && command -v taskset >/dev/null; }
on_one_cpu() { local p; for p in "$@"; do taskset -a -p -c 0 "$p" >/dev/null; done; }
on_all_cpus() { local p; for p in "$@"; do taskset -a -p -c "0-$(($(nproc) - 1))" "$p" >/dev/null; done; }

# A fresh etcd and nats-server (no record of the nodes of an earlier section).
fresh_servers() {
  cleanup_processes
  rm -rf "$T/etcd"
  start_servers
  opts="--etcd $ETCD_URL --nats $NATS_URL $small"
}

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
fresh_servers
"$DVM" compile "$PROGS/inventory_v1.pas" -o "$T/v1.dbc"
"$DVM" compile "$PROGS/inventory_v2.pas" -o "$T/v2.dbc"

echo "== 1. round trip and throughput (nats_floor: NATS alone, read by libnats's threads and by the waiting thread; rpc_bench -> its own echo responder; rpc_bench -> one dvm node, as started by default, with --busy-poll 0, and with nats-server, node and client on CPU 0)"
spawn "$DVM" run "$T/v1.dbc" $opts >/dev/null
# The same service under another name, on a node that sleeps as soon as it has served a call.
sed 's/^program Inventory;/program Asleep;/' "$PROGS/inventory_v1.pas" >"$T/asleep.pas"
spawn "$DVM" run "$T/asleep.pas" $opts --busy-poll 0 >/dev/null
wait_for "the nodes" 20 "nodes_are inventory 1 && nodes_are asleep 1"
node_pid=$(pgrep -f "dvm run $T/v1.dbc")
"$build/rpc_bench" - wake 20000
for i in 1 2 3; do  # interleaved: the floor and the nodes under the same load
  echo "floor: $("$build/nats_floor" "$NATS_URL" 10000 threads)"
  echo "floor: $("$build/nats_floor" "$NATS_URL" 10000 owner)"
  echo "echo:  $("$build/rpc_bench" "$NATS_URL" echo 10000 32 | tr '\n' ' ')"
  echo "node:  $("$build/rpc_bench" "$NATS_URL" inventory 10000 32 | tr '\n' ' ')"
  echo "node --busy-poll 0: $("$build/rpc_bench" "$NATS_URL" asleep 10000 32 | tr '\n' ' ')"
  if one_cpu_possible; then
    on_one_cpu "$NATS_PID" "$node_pid"
    echo "node, all on CPU 0: $(taskset -c 0 "$build/rpc_bench" "$NATS_URL" inventory 10000 32 | tr '\n' ' ')"
    on_all_cpus "$NATS_PID" "$node_pid"
  fi
done

echo "== 2. round trip between two dvm programs (a Pascal caller's loop of 5000 calls: the median and 99th percentile its node log reports, and the wall time per call, start included; then with nats-server, node and caller on CPU 0)"
cat >"$T/loop.pas" <<'EOF'
program Loop;
var i, r: integer;
function reserve(client: integer; seq: integer; item: string): integer; external 'inventory';
begin
  for i := 1 to 5000 do r := reserve(1, i, 'x');
  writeln(r);
end.
EOF
"$DVM" compile "$T/loop.pas" -o "$T/loop.dbc"
# dvm_caller ARRAY [COMMAND PREFIX...]: one run of the loop; the median its
# log reports is appended to ARRAY.
dvm_caller() {
  local -n into=$1
  local s e line
  shift
  rm -f "$T/caller.log"
  s=$(date +%s%N); "$@" "$DVM" run "$T/loop.dbc" --nats "$NATS_URL" --node-log "$T/caller.log" >/dev/null; e=$(date +%s%N)
  line=$(sed -n 's/.*remote calls made: \(.*\)/\1/p' "$T/caller.log")
  into+=("$(echo "$line" | sed -n 's/.*round trip median \([0-9]*\) us.*/\1/p')")
  echo "dvm caller${*:+ (${*})}: $line; wall $(( (e - s) / 5000 / 1000 )) us per call"
}
medians=() one_cpu=()
for i in 1 2 3 4 5; do  # interleaved: as placed by the kernel, then all on CPU 0
  dvm_caller medians
  if one_cpu_possible; then
    on_one_cpu "$NATS_PID" "$node_pid"
    dvm_caller one_cpu taskset -c 0
    on_all_cpus "$NATS_PID" "$node_pid"
  fi
done
echo "round trip from a dvm caller: median of the medians $(median "${medians[@]}") us (${medians[*]})"
[ ${#one_cpu[@]} -gt 0 ] &&
  echo "the same with nats-server, node and caller on CPU 0: median of the medians $(median "${one_cpu[@]}") us (${one_cpu[*]})"

echo "== 3. prepare-to-commit for 1, 10 and 100 nodes of one service (5 updates each)"
for n in 1 10 100; do
  fresh_servers
  s=$(now_ms)
  for i in $(seq "$n"); do spawn "$DVM" run "$T/v1.dbc" $opts >/dev/null 2>>"$T/nodes.err"; done
  wait_for "$n nodes" 120 "nodes_are inventory $n"
  joined=$(( $(now_ms) - s ))
  rss=$(ps -o rss= -p "$(pgrep -d, -f "dvm run $T/v1.dbc")" | awk '{s += $1; if ($1 > m) m = $1} END {printf "mean %d KiB, max %d KiB", s / NR, m}')
  echo "$n nodes: all registered $joined ms after the first started; resident memory per node $rss"
  decision=() commit=()
  for round in 1 2 3 4 5; do
    src=$T/v2.dbc
    [ $((round % 2)) = 0 ] && src=$T/v1.dbc
    out=$(timeout 120 "$DVM" update --cluster inventory "$src" --etcd "$ETCD_URL" --nats "$NATS_URL" --timeout 60 2>&1) || {
      echo "$n nodes, update $round failed:"; echo "$out" | grep -v '^node ' | head -5; continue; }
    times=$(echo "$out" | sed -n 's/.*plan to decision \(.*\) ms, plan to every commit recorded \(.*\) ms/\1 \2/p')
    decision+=("${times% *}") commit+=("${times#* }")
  done
  [ ${#commit[@]} -gt 0 ] &&
    echo "$n nodes: plan to decision median $(median "${decision[@]}") ms, plan to every commit recorded median $(median "${commit[@]}") ms (each: ${commit[*]})"
done
cleanup_processes

echo "== 4. cost of being a cluster node (fib, and hello for the fixed cost of joining and leaving; $runs runs each, interleaved)"
fresh_servers
"$DVM" compile "$root/benchmarks/pascal/fib.pas" -o "$T/fib.dbc"
printf 'program Hello;\nbegin\n  writeln(1);\nend.\n' >"$T/hello.pas"
"$DVM" compile "$T/hello.pas" -o "$T/hello.dbc"
for prog in hello fib; do
  plain=() node=() ratio=()
  for i in $(seq "$runs"); do
    s=$(date +%s%N); "$DVM" run "$T/$prog.dbc" >/dev/null; e=$(date +%s%N); p=$(( (e - s) / 1000000 ))
    s=$(date +%s%N); "$DVM" run "$T/$prog.dbc" $opts >/dev/null; e=$(date +%s%N); q=$(( (e - s) / 1000000 ))
    plain+=("$p") node+=("$q") ratio+=("$(awk -v a="$q" -v b="$p" 'BEGIN {printf "%.3f", a / b}')")
  done
  echo "$prog: plain median $(median "${plain[@]}") ms, as a cluster node median $(median "${node[@]}") ms; node / plain per pair: median $(median "${ratio[@]}") (${ratio[*]})"
done

echo "== 4b. the same counted in instructions of the program's thread (callgrind; fib(25) and fib(28): the difference between them is the work)"
if command -v valgrind >/dev/null; then
  for n in 25 28; do
    sed "s/N = 39/N = $n/; s/program fibbench;/program fib$n;/" "$root/benchmarks/pascal/fib.pas" >"$T/fib$n.pas"
    "$DVM" compile "$T/fib$n.pas" -o "$T/fib$n.dbc"
    for mode in plain node; do
      o=""
      [ $mode = node ] && o=$opts
      valgrind --tool=callgrind --separate-threads=yes --smc-check=all --callgrind-out-file="$T/cg.$n.$mode.%p" \
        "$DVM" run "$T/fib$n.dbc" $o >/dev/null 2>"$T/cg.$n.$mode.err"
      eval "ir_${n}_$mode=$(sed -n 's/^summary: //p' "$T"/cg.$n.$mode.*-01)"
    done
    echo "fib($n): program thread $(eval echo \$ir_${n}_plain) instructions plain, $(eval echo \$ir_${n}_node) as a node (+$(( ir_${n}_node - ir_${n}_plain )))"
  done
  echo "work (fib(28) - fib(25)): plain $((ir_28_plain - ir_25_plain)), as a node $((ir_28_node - ir_25_node)) instructions"
else
  echo "(valgrind is not installed: skipped)"
fi
