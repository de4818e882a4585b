#!/usr/bin/env bash
# Builds dvm (installing what is missing) and runs the demo: a reservation
# service updated live through four new versions while it serves commands.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh Release >/dev/null
exec programs/reservation/demo.sh build/dvm
