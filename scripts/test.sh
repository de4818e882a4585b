#!/usr/bin/env bash
# Builds dvm (installing what is missing) and runs every test: the unit
# tests and the conformance, compile-error and runtime-error programs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh Release
cd build
ctest --output-on-failure -j"$(nproc)"
