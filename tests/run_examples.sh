#!/usr/bin/env bash
# Runs the example programs' live-update demos (programs/*/demo.sh) and checks
# that each one ends well and shows its update taking effect.
# Usage: tests/run_examples.sh DVM
set -u
dvm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
export XDG_RUNTIME_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dvm-examples.XXXXXX")
trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT
passed=0 failed=0

# demo NAME PATTERN: the demo exits 0 and its output matches PATTERN (an
# extended regex showing the new version at work).
demo() {
  local name=$1 pattern=$2 out
  out=$(timeout 120 "$here/programs/$name/demo.sh" "$dvm" 2>&1)
  local rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL $name: exit status $rc"
    printf '%s\n' "$out" | tail -n 15 | sed 's/^/    /'
    failed=$((failed + 1))
  elif ! printf '%s\n' "$out" | grep -Eq "$pattern"; then
    echo "FAIL $name: no line matching /$pattern/"
    printf '%s\n' "$out" | tail -n 15 | sed 's/^/    /'
    failed=$((failed + 1))
  else
    echo "PASS $name"
    passed=$((passed + 1))
  fi
}

demo longrun '^v2 n=.*best='
demo reservation 'committed as version 5'
demo tally-c 'committed as version 3'
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
