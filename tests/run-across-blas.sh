#!/usr/bin/env bash
# Re-runs the numerics tests (CTest label `parity`, except `slow`) once per OpenBLAS kernel this CPU can run, and once
# with $OPENBLAS_CORETYPE as the caller's environment has it, and fails if any of them fails under any kernel. The
# references were made on one machine; this proves the tests hold whichever kernel another machine's OpenBLAS picks.
#
#   tests/run-across-blas.sh BUILD_DIR [KERNEL ...]     (default kernels: every one of KERNELS this CPU supports)
#
# Registered in CTest as `numerics_across_blas` (label `blas`), so README command (b) and CI run it. It never changes
# the environment of anything else: each kernel is set for one inner ctest only.
set -uo pipefail
build=${1:?usage: tests/run-across-blas.sh BUILD_DIR [KERNEL ...]}
shift
m2ds="$build/bin/m2ds"

# OpenBLAS kernel names, weakest first, each with the CPU flags (/proc/cpuinfo) its code needs.
declare -A needs=(
  [Prescott]="pni" [Nehalem]="sse4_2 popcnt" [Sandybridge]="avx" [Haswell]="avx2 fma" [Zen]="avx2 fma"
  [SkylakeX]="avx512f avx512bw avx512dq avx512vl avx512cd" [Cooperlake]="avx512f avx512bw avx512vl avx512_bf16"
)
KERNELS=(Prescott Nehalem Sandybridge Haswell Zen SkylakeX Cooperlake)
[ $# -gt 0 ] && KERNELS=("$@")

flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
supported() { local flag; for flag in ${needs[$1]:-unknown-kernel}; do [[ $flags == *" $flag "* ]] || return 1; done; }

# The kernel OpenBLAS actually runs with this environment ("" when the BLAS is not OpenBLAS).
kernel_in_use() { "$m2ds" --version | sed -n 's/^BLAS: .*kernel //p'; }

if [ -z "$(kernel_in_use)" ]; then
  echo "run-across-blas: the BLAS behind $m2ds is not OpenBLAS ($("$m2ds" --version | tail -n 1)): one run with it"
  ctest --test-dir "$build" -L parity -LE 'slow|blas' --output-on-failure
  exit $?
fi

failed=()
summary=()
run_with() {  # label, then the environment command prefix
  local label=$1; shift
  local got; got=$("$@" "$m2ds" --version | sed -n 's/^BLAS: .*kernel //p')
  local log; log=$(mktemp)
  if "$@" ctest --test-dir "$build" -L parity -LE 'slow|blas' --output-on-failure >"$log" 2>&1; then
    summary+=("$label (OpenBLAS kernel $got): passed")
  else
    summary+=("$label (OpenBLAS kernel $got): FAILED")
    failed+=("$label")
    sed -n '/Failed\|FAIL!/p' "$log" | head -20
  fi
  rm -f "$log"
}

if [ -n "${OPENBLAS_CORETYPE+set}" ]; then
  run_with "environment's OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE" env
  run_with "OPENBLAS_CORETYPE unset" env -u OPENBLAS_CORETYPE
else
  run_with "OPENBLAS_CORETYPE unset (as in this environment)" env
fi
for kernel in "${KERNELS[@]}"; do
  if ! supported "$kernel"; then
    summary+=("OPENBLAS_CORETYPE=$kernel: skipped, this CPU lacks ${needs[$kernel]:-(unknown kernel name)}")
    continue
  fi
  got=$(OPENBLAS_CORETYPE=$kernel kernel_in_use)
  if [ "${got,,}" != "${kernel,,}" ]; then
    summary+=("OPENBLAS_CORETYPE=$kernel: skipped, OpenBLAS ran kernel '$got' instead")
    continue
  fi
  run_with "OPENBLAS_CORETYPE=$kernel" env OPENBLAS_CORETYPE="$kernel"
done

echo "Numerics tests (ctest -L parity -LE slow) under each OpenBLAS kernel, CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "run-across-blas: failed under ${failed[*]}"
  exit 1
fi
echo "run-across-blas: all passed"
