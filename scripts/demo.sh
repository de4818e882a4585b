#!/usr/bin/env bash
# Builds dvm (installing what is missing) and runs the demo program.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh Release >/dev/null
echo "== dvm run programs/demo/queens.pas"
build/dvm run programs/demo/queens.pas
