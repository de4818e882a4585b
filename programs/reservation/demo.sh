#!/usr/bin/env bash
# Runs the reservation service (v1.pas) and updates it live to versions 2..5
# while it keeps serving commands from its standard input:
#   v2  a bug fix (cancel gives the seats back)
#   v3  a signature change: book gets a class; an interprocedure serves old callers
#       (a batch started under v2 keeps booking through it)
#   v4  the booking record gains a price; a mapper prices the old bookings
#   v5  a new command, stats
# Usage: programs/reservation/demo.sh [path/to/dvm]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dvm=${1:-$here/../../build/dvm}
work=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null || true; kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT

mkfifo "$work/in"
"$dvm" run "$here/v1.pas" < "$work/in" > "$work/out" 2>&1 &
pid=$!
exec 3> "$work/in"

shown=0
show() {  # prints what the program wrote since the last call
  sleep "${1:-0.3}"
  local lines
  lines=$(wc -l < "$work/out")
  if [ "$lines" -gt "$shown" ]; then tail -n +"$((shown + 1))" "$work/out" | sed 's/^/  | /'; fi
  shown=$lines
}
send() { echo "> $*"; echo "$*" >&3; show; }
update() {
  echo "\$ dvm update v1.pas $1"
  "$dvm" update "$here/v1.pas" "$here/$1" | sed 's/^/  /'
}

show
send book ann 3
send book bob 2
send cancel ann
send list
echo "-- version 1 forgot to give ann's seats back; fix it without stopping:"
update v2.pas
send book cy 4
send cancel cy
send list
echo "-- start a batch under version 2, and change book's signature while it runs:"
echo "batch dee 4" >&3; echo "> batch dee 4"
sleep 0.7
update v3.pas
show 2.2
send book eve 2 vip
send list
echo "-- version 4 prices every booking; its mapper prices the old ones:"
update v4.pas
send book fay 1 vip
send list
echo "-- version 5 brings a new command:"
update v5.pas
send stats
echo "\$ dvm status"
"$dvm" status | sed 's/^/  /'
exec 3>&-
wait $pid
show 0
