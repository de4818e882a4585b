#!/usr/bin/env bash
# Measurements of updating (run by `make -C benchmarks update`):
#  1. the commit pause for updates that change 10, 100 and 500 procedures
#     (median of RUNS updates each, as `dvm update` reports it), with the
#     interpreter and with every procedure compiled (--jit=on: the new
#     version's machine code is made before the commit);
#  2. a soak run: SOAK successive updates to a program running as machine code
#     (--jit=on) under continuous input, checking that no input line is lost
#     and that memory stays flat.
# The cost of being updatable (dvm vs dvm --no-update) is in the ratio columns
# "jit=on no-update / jit=on" and "jit=off no-update / jit=off" of `make bench`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dvm=${DVM:-$root/build/dvm}
runs=${RUNS:-7}
soak=${SOAK:-500}
work=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null || true; kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# A program with n procedures; `variant` changes every body.
gen() {
  local n=$1 variant=$2 out=$3
  {
    echo "program many;"
    echo "var total: integer; line: string;"
    for ((k = 1; k <= n; k++)); do
      echo "procedure p$k(x: integer); begin total := total + x * $k + $variant end;"
    done
    echo "begin"
    echo "  while not eof do begin readln(line); p1(length(line)); writeln(total) end"
    echo "end."
  } > "$out"
}

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

echo "## Commit pause"
echo
echo "| --jit | procedures changed | median pause (us) | min | max | updates |"
echo "|---|--:|--:|--:|--:|--:|"
for mode in off on; do
for n in 10 100 500; do
  gen "$n" 0 "$work/v0.pas"
  gen "$n" 1 "$work/v1.pas"
  "$dvm" compile "$work/v0.pas" -o "$work/v0.dbc"
  "$dvm" compile "$work/v1.pas" -o "$work/v1.dbc"
  rm -f "$work/in"
  mkfifo "$work/in"
  "$dvm" run --jit=$mode "$work/v0.dbc" < "$work/in" > "$work/out" &
  pid=$!
  exec 3> "$work/in"
  sleep 0.3
  : > "$work/pauses"
  for ((i = 1; i <= runs; i++)); do
    img=$([ $((i % 2)) -eq 1 ] && echo v1 || echo v0)
    "$dvm" update --pid "$pid" "$work/v0.dbc" "$work/$img.dbc" | sed -n 's/.*pause \([0-9]*\) us.*/\1/p' >> "$work/pauses"
    echo "x" >&3
  done
  exec 3>&-
  wait "$pid" || true
  count=$(wc -l < "$work/pauses")
  echo "| $mode | $n | $(median < "$work/pauses") | $(sort -n "$work/pauses" | head -1) | $(sort -n "$work/pauses" | tail -1) | $count |"
done
done

echo
echo "## Soak: $soak updates of a program running as machine code, under continuous input"
echo
gen 20 0 "$work/s0.pas"
gen 20 1 "$work/s1.pas"
"$dvm" compile "$work/s0.pas" -o "$work/s0.dbc"
"$dvm" compile "$work/s1.pas" -o "$work/s1.dbc"
rm -f "$work/in"
mkfifo "$work/in"
"$dvm" run --jit=on "$work/s0.dbc" < "$work/in" > "$work/out" &
pid=$!
# The feeder writes numbered lines all through the run.
touch "$work/feeding"
(
  i=0
  while [ -e "$work/feeding" ]; do
    i=$((i + 1))
    echo "line $i"
    [ $((i % 50)) -eq 0 ] && sleep 0.01
  done
  echo "$i" > "$work/sent"
) > "$work/in" &
feeder=$!
sleep 0.3
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
failed=0
for ((i = 1; i <= soak; i++)); do
  img=$([ $((i % 2)) -eq 1 ] && echo s1 || echo s0)
  "$dvm" update --pid "$pid" "$work/s0.dbc" "$work/$img.dbc" > /dev/null || failed=$((failed + 1))
  if [ "$i" -eq 50 ] || [ "$soak" -lt 50 -a "$i" -eq 1 ]; then rss50=$(rss); fi
done
rss_end=$(rss)
rm -f "$work/feeding"
wait "$feeder"
wait "$pid" || true
sent=$(cat "$work/sent")
got=$(wc -l < "$work/out")
echo "| updates | failed | lines sent | lines answered | RSS after 50 updates (KiB) | RSS at the end (KiB) |"
echo "|--:|--:|--:|--:|--:|--:|"
echo "| $soak | $failed | $sent | $got | $rss50 | $rss_end |"
[ "$failed" -eq 0 ] && [ "$sent" -eq "$got" ]
