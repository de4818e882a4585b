#!/usr/bin/env bash
# Runs the C tally service (v1.c) and updates it live:
#   v2  a bug fix in show
#   v3  add() gains a weight (signature change; the running main of v1 keeps
#       calling add(name, n) through the interprocedure add_v2) and every
#       entry gains a field (the struct array is mapped by default)
# Usage: programs/tally-c/demo.sh [path/to/dvm]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dvm=${1:-$here/../../build/dvm}
work=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null || true; kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
mkfifo "$work/in"
"$dvm" run "$here/v1.c" < "$work/in" > "$work/out" 2>&1 &
pid=$!
exec 3> "$work/in"
shown=0
show() {
  sleep 0.3
  local lines
  lines=$(wc -l < "$work/out")
  if [ "$lines" -gt "$shown" ]; then tail -n +"$((shown + 1))" "$work/out" | sed 's/^/  | /'; fi
  shown=$lines
}
send() { echo "> $*"; echo "$*" >&3; show; }
update() { echo "\$ dvm update v1.c $1"; "$dvm" update "$here/v1.c" "$here/$1" | sed 's/^/  /'; }

show
send add apples 3
send add pears 4
send show
update v2.c
send show
update v3.c
send add apples 2
send add plums 5 3
send show
exec 3>&-
wait $pid
