#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz in a clang build folder of their own (configured on first use: no GUI,
# no tests, no torch target compiled) and runs each, one after another, for SECONDS on its committed corpus (read
# only; new inputs go to BUILD_FUZZ_DIR/corpus/, what the libraries print to stdout is dropped). Prints executions and
# coverage per target; the libFuzzer logs are BUILD_FUZZ_DIR/logs/fuzz_X.log. Exit 1 when a target finds a crash,
# sanitizer report, leak, timeout or out-of-memory (the input is kept in BUILD_FUZZ_DIR/findings/), 77 (a skip) when
# clang's libFuzzer is missing and CI is not set.
#   tests/fuzz/run-fuzzers.sh BUILD_FUZZ_DIR SECONDS [fuzz_X ...]
# The compile step runs under nice and the lock file $M2DS_BUILD_LOCK (default /tmp/m2ds-build.lock), so that it
# waits for other builds on a shared machine.
set -uo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: run-fuzzers.sh BUILD_FUZZ_DIR SECONDS [fuzz_X ...]}
seconds=${2:?usage: run-fuzzers.sh BUILD_FUZZ_DIR SECONDS [fuzz_X ...]}
shift 2
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in "$source_dir"/tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi

compiler=$(command -v clang++-14 || command -v clang++ || true)
if [ -z "$compiler" ] || [ ! -f "$("$compiler" -print-resource-dir)/lib/linux/libclang_rt.fuzzer-x86_64.a" ]; then
  echo "run-fuzzers.sh: no clang++ with libFuzzer (Debian: clang-14 libclang-rt-14-dev, packaging/install-deps.sh --tests)" >&2
  [ "${CI:-}" = true ] && exit 1
  exit 77
fi

started=$SECONDS
if [ ! -f "$build/CMakeCache.txt" ]; then
  mkdir -p "$build"
  cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DM2DS_BUILD_FUZZERS=ON -DM2DS_BUILD_GUI=OFF -DM2DS_BUILD_TESTS=OFF -DM2DS_BUILD_BENCH=OFF > "$build/configure.log" 2>&1 ||
    { cat "$build/configure.log" >&2; exit 1; }
fi
flock "${M2DS_BUILD_LOCK:-/tmp/m2ds-build.lock}" nice -n 19 cmake --build "$build" --target "${targets[@]}" > "$build/build.log" 2>&1 ||
  { tail -n 50 "$build/build.log" >&2; exit 1; }
echo "run-fuzzers.sh: built ${#targets[@]} targets in $((SECONDS - started)) s"

export LSAN_OPTIONS="suppressions=$source_dir/tests/fuzz/lsan-suppressions.txt:print_suppressions=0"
symbolizer=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)
[ -z "$symbolizer" ] || export ASAN_SYMBOLIZER_PATH="$symbolizer"
failed=0
for target in "${targets[@]}"; do
  name=${target#fuzz_}
  mkdir -p "$build/corpus/$name" "$build/findings" "$build/logs"
  log="$build/logs/$target.log"
  nice -n 19 "$build/tests/fuzz/$target" "$build/corpus/$name" "$source_dir/tests/fuzz/corpus/$name" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -close_fd_mask=1 \
    -artifact_prefix="$build/findings/$target-" > "$log" 2>&1
  status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  coverage=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1)
  if [ $status -eq 0 ]; then
    printf '%-20s %10s execs  %s  ok\n' "$target" "${execs:-?}" "${coverage:-cov: ? ft: ?}"
  else
    failed=1
    printf '%-20s %10s execs  %s  FAILED (exit %d)\n' "$target" "${execs:-?}" "${coverage:-cov: ? ft: ?}" $status
    grep -E 'ERROR:|SUMMARY:|fuzz finding|Test unit written|==[0-9]+==' "$log" | head -n 20
  fi
done
echo "run-fuzzers.sh: ${#targets[@]} targets, $seconds s each, $((SECONDS - started)) s in all"
exit $failed
