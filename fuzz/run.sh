#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/*.cpp) in build-fuzz and runs each one for
# SECONDS (default 60).  Usage: fuzz/run.sh [SECONDS] [TARGET...]
#
# The build is Debug (assertions on) with ASan and UBSan, at -O1: a few times
# the inputs per second of -O0 on the front ends.
#
# Corpora live in fuzz/corpus-TARGET (kept between runs, not committed).  A
# target that knows the DVM_FUZZ_SEEDS variable writes its own seed inputs
# into the corpus at start-up; files in fuzz/seeds/TARGET/ are copied in too.
# The front-end targets are seeded at run time with the repository's own
# sources (fuzz_pascal: every .pas under tests/ and programs/; fuzz_c: every .c).
# Crashes are written to the repository root as crash-*, leak-*, timeout-*.
# Exit status: 0 when every target ran its time without a finding.
set -euo pipefail

seconds=${1:-60}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for src in "$root"/fuzz/*.cpp; do targets+=("$(basename "$src" .cpp)"); done
fi

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DDVM_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
  "-DCMAKE_CXX_FLAGS=-O1 -fsanitize=fuzzer-no-link,address,undefined" -DDVM_WERROR=OFF >/dev/null
cmake --build "$build" -j2 --target "${targets[@]}"

# UBSan only reports by default; make a report a finding.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

status=0
cd "$root"
for target in "${targets[@]}"; do
  corpus="$root/fuzz/corpus-$target"
  mkdir -p "$corpus"
  if [ -d "$root/fuzz/seeds/$target" ]; then cp -n "$root/fuzz/seeds/$target"/* "$corpus"/ 2>/dev/null || true; fi
  # fuzz_jit's generator takes 4 bytes per choice: libFuzzer's slowly growing
  # length limit would keep it to a few choices for most of a short run.
  extra=()
  case $target in
    fuzz_pascal) ext=pas ;;
    fuzz_c) ext=c ;;
    fuzz_jit) ext="" extra=(-max_len=4096 -len_control=0) ;;
    *) ext="" ;;
  esac
  if [ -n "$ext" ]; then
    # seed-tests_c_run_funcptr.c and the like: one file per source, not committed.
    while IFS= read -r -d '' f; do
      rel=${f#"$root"/}
      cp -n "$f" "$corpus/seed-${rel//\//_}" 2>/dev/null || true
    done < <(find "$root/tests" "$root/programs" -name "*.$ext" -type f -print0)
  fi
  echo "== $target: ${seconds}s, corpus $corpus"
  if ! DVM_FUZZ_SEEDS="$corpus" "$build/$target" "$corpus" -max_total_time="$seconds" \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${extra[@]}"; then
    echo "== $target: FOUND A PROBLEM (see the crash-* file above)"
    status=1
  fi
done
exit $status
