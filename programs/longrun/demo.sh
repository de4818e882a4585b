#!/usr/bin/env bash
# Starts the long computation (v1.pas), then updates its running loop to v2:
# the frame of `search` moves at its update point and keeps n, best, bestlen.
# Usage: programs/longrun/demo.sh [path/to/dvm]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dvm=${1:-$here/../../build/dvm}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$dvm" run "$here/v1.pas" > "$out" &
pid=$!
sleep 0.5
echo "\$ dvm update v1.pas v2.pas"
"$dvm" update "$here/v1.pas" "$here/v2.pas"
wait $pid
cat "$out"
