#!/usr/bin/env bash
# The GPU checks, run on the device machine from the repository root (bench/device/README.md has the exact call):
# unpacks the .debs of bench/device/fetch-debs.sh into a private prefix (never into /), builds core + m2ds against
# the machine's pip PyTorch, then times M2D extraction and the HuBERT teacher on CUDA against eager PyTorch and
# checks two `m2ds train` ranks against one process. Each stage has its own time budget and writes its results to
# $OUT as it goes, so a stopped run still returns what finished:
#   environment.txt  GPU, driver, torch, torchaudio, compilers, what the prefix supplies
#   build.txt        configure + build log        extract.txt  bench_extraction.py, chunks per pass 1 and 16 (one recording, 12 s utterances)
#   hubert.txt       bench_hubert.py, teacher batch 1 and 16, float32 and bfloat16     train.txt  check_two_ranks.py
#   summary.txt      one line per stage: ok / failed / out of time, and its seconds
#
#   bench/device/gpu-checks.sh [--configure-only] [--stages build,extract,hubert,train] [--debs DIR]
#                              [--prefix DIR] [--build DIR] [--torch-dir DIR] [--device cuda] [--minutes 10]
# --configure-only stops after cmake's configure (to try the prefix on any machine: --torch-dir names a Torch
# CMake folder, e.g. Debian's /usr/lib/x86_64-linux-gnu/cmake/Torch, and --device cpu). --minutes: the speech that
# the extraction and HuBERT stages time (a short one tries the stages on a CPU build: --stages extract,hubert,train).
# Budgets (seconds) from M2DS_BUDGET_BUILD, _EXTRACT, _HUBERT, _TRAIN.
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
debs=$repo/bench/device/debs
prefix=/tmp/m2ds-prefix
build=/tmp/m2ds-build
torch_dir=""
device=cuda
minutes=10
stages=build,extract,hubert,train
configure_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --configure-only) configure_only=1 ;;
    --stages) stages=$2; shift ;;
    --debs) debs=$2; shift ;;
    --prefix) prefix=$2; shift ;;
    --build) build=$2; shift ;;
    --torch-dir) torch_dir=$2; shift ;;
    --device) device=$2; shift ;;
    --minutes) minutes=$2; shift ;;
    *) echo "gpu-checks.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
debs=$(realpath -m "$debs") prefix=$(realpath -m "$prefix") build=$(realpath -m "$build")
OUT=${OUT:-/tmp/m2ds-device-out}
mkdir -p "$OUT"
summary=$OUT/summary.txt
python=${PYTHON:-python3}
export PYTHONUNBUFFERED=1
arch_lib=usr/lib/x86_64-linux-gnu

note() { echo "$*" | tee -a "$summary"; }

# Runs "$@" under `timeout BUDGET`, its output to $OUT/NAME.txt as it comes, and notes the outcome.
stage() {
  local name=$1 budget=$2 start=$SECONDS rc
  shift 2
  echo "== $name (budget ${budget}s): $*" >>"$OUT/$name.txt"
  # bash -c: a stage may be one of this script's functions (exported below).
  timeout --kill-after=10 "$budget" bash -c '"$@"' stage "$@" >>"$OUT/$name.txt" 2>&1
  rc=$?
  case $rc in
    0) note "$name: ok ($((SECONDS - start)) s)" ;;
    124|137) note "$name: out of time after $((SECONDS - start)) s (budget $budget s)" ;;
    *) note "$name: failed, exit $rc ($((SECONDS - start)) s): see $name.txt" ;;
  esac
  return $rc
}

# dpkg -x every .deb into the prefix (ar + tar where dpkg-deb is missing), then make it relocatable: .pc files and
# absolute symbolic links point into the prefix, and prefix/ldpath links each shared library the machine lacks
# (by soname), so that LD_LIBRARY_PATH never shadows the machine's own libraries.
unpack_prefix() {
  [ -f "$prefix/.unpacked" ] && return 0
  local deb link target lib name z
  mkdir -p "$prefix/ldpath"
  local member
  ls "$debs"/*.deb >/dev/null || return 1
  for deb in "$debs"/*.deb; do
    if command -v dpkg-deb >/dev/null; then
      dpkg-deb -x "$deb" "$prefix" || return 1
    else
      member=$(ar t "$deb" | grep '^data\.tar')
      case $member in *.xz) z=-J ;; *.zst) z=--zstd ;; *.gz) z=-z ;; *) z= ;; esac
      ar p "$deb" "$member" | tar -x $z -C "$prefix" || return 1
    fi
  done
  find "$prefix" -name '*.pc' -exec sed -i "s#=/usr#=$prefix/usr#; s#-I/usr/#-I$prefix/usr/#g; s#-L/usr/#-L$prefix/usr/#g" {} +
  find "$prefix" -type l -lname '/*' | while read -r link; do
    target=$(readlink "$link")
    [ -e "$prefix$target" ] && ln -sfn "$prefix$target" "$link"
  done
  for lib in "$prefix/$arch_lib"/lib*.so.* "$prefix"/lib/x86_64-linux-gnu/lib*.so.*; do
    name=$(basename "$lib")
    [[ "$name" =~ \.so\.[0-9]+$ ]] || continue
    ldconfig -p 2>/dev/null | grep -q "^[[:space:]]*$name " || ln -sfn "$lib" "$prefix/ldpath/$name"
  done
  touch "$prefix/.unpacked"
}

environment() {
  echo "date: $(date -u +%FT%TZ)"
  grep PRETTY_NAME /etc/os-release
  echo "cores: $(nproc); memory: $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv,noheader
  for tool in cmake ninja nvcc g++ pkg-config dpkg-deb; do
    printf '%-11s %s\n' "$tool:" "$(command -v $tool >/dev/null && $tool --version 2>&1 | grep -m1 -E '[0-9]+\.[0-9]+' || echo missing)"
  done
  "$python" - <<'EOF'
import glob, os, site, sys
import torch
print(f"python {sys.version.split()[0]} ({sys.executable}); torch {torch.__version__}, CUDA {torch.version.cuda}, "
      f"cuDNN {torch.backends.cudnn.version()}, cxx11 ABI {torch.compiled_with_cxx11_abi()}, GPU available {torch.cuda.is_available()}")
if torch.cuda.is_available():
    p = torch.cuda.get_device_properties(0)
    print(f"GPU 0: {p.name}, compute {p.major}.{p.minor}, {p.total_memory / 2**30:.1f} GiB, {p.multi_processor_count} SMs")
try:
    import torchaudio
    print(f"torchaudio {torchaudio.__version__}, wav2vec2_model: {hasattr(torchaudio.models, 'wav2vec2_model')}")
except Exception as error:
    print(f"torchaudio: not importable ({type(error).__name__}: {error})")
include = os.path.join(os.path.dirname(torch.__file__), "include")
print("Gloo headers in torch's include folder:", os.path.exists(os.path.join(include, "gloo", "algorithm.h")))
EOF
  echo "NCCL headers: ${nccl_include:-none found}"
  echo "Torch CMake folder: $torch_dir"
  local cpu_lib
  cpu_lib=$("$python" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib", "libtorch_cpu.so"))')
  [ -f "$cpu_lib" ] && command -v nm >/dev/null &&
    echo "protobuf symbols exported by $cpu_lib: $(nm -DC --defined-only "$cpu_lib" 2>/dev/null | grep -c 'google::protobuf')"
  echo "prefix: $prefix ($(du -sh "$prefix" | cut -f1)); libraries this machine lacks, taken from it:"
  ls "$prefix/ldpath" | tr '\n' ' '
  echo
}

configure() {
  local generator=Ninja pkg_config
  command -v ninja >/dev/null || generator="Unix Makefiles"
  pkg_config=$(command -v pkg-config || echo "$prefix/usr/bin/pkgconf")
  [ -d /usr/local/cuda/bin ] && export PATH=$PATH:/usr/local/cuda/bin
  cmake -S "$repo" -B "$build" -G "$generator" -DCMAKE_BUILD_TYPE=Release -DM2DS_BUILD_GUI=OFF -DM2DS_BUILD_TESTS=OFF \
    -DM2DS_BUILD_BENCH=ON -DM2DS_TORCH_UNITY=OFF -DTorch_DIR="$torch_dir" \
    -DCMAKE_PREFIX_PATH="$prefix/usr;$(dirname "$torch_dir")" -DPKG_CONFIG_EXECUTABLE="$pkg_config" \
    -DProtobuf_PROTOC_EXECUTABLE="$prefix/usr/bin/protoc" -DProtobuf_INCLUDE_DIR="$prefix/usr/include" \
    ${nccl_include:+-DM2DS_NCCL_INCLUDE_DIR="$nccl_include"} || return 1
  echo "== what the configure found (each should be under $prefix, Torch under its own folder):"
  grep -E '^(pkgcfg_lib_(SNDFILE_sndfile|SOXR_soxr|FFTW3_fftw3)|Protobuf_(LIBRARY_RELEASE|INCLUDE_DIR|PROTOC_EXECUTABLE)|ZLIB_(LIBRARY_RELEASE|INCLUDE_DIR)|CLI11_DIR|nlohmann_json_DIR|Torch_DIR|M2DS_(GLOO|NCCL)_INCLUDE_DIR|M2DS_C10_CUDA_LIBRARY):' \
    "$build/CMakeCache.txt"
  grep -h 'SNDFILE_INCLUDEDIR:INTERNAL\|SOXR_INCLUDEDIR:INTERNAL\|FFTW3_INCLUDEDIR:INTERNAL' "$build/CMakeCache.txt"
}

build_targets() {
  configure && cmake --build "$build" --target m2ds m2ds-bench-extract -j "$(nproc)" && "$build/bin/m2ds" --version
}

# --- main --------------------------------------------------------------------------------------------------------
: >"$summary"
if [ -z "$torch_dir" ]; then
  torch_dir=$("$python" -c 'import os, torch; print(os.path.join(torch.utils.cmake_prefix_path, "Torch"))') || exit 1
fi
nccl_include=$("$python" - <<'EOF' 2>/dev/null
import glob, os, site, sys
for root in site.getsitepackages() + [site.getusersitepackages()]:
    for header in sorted(glob.glob(os.path.join(root, "nvidia", "**", "nccl.h"), recursive=True)):
        print(os.path.dirname(header))
        sys.exit()
EOF
)
[ -z "$nccl_include" ] && [ -f /usr/include/nccl.h ] && nccl_include=/usr/include
if ! unpack_prefix >>"$OUT/build.txt" 2>&1; then
  note "prefix: unpacking $debs into $prefix failed: see build.txt"
  exit 1
fi
note "prefix: $prefix from $(ls "$debs"/*.deb | wc -l) packages"
export repo prefix build torch_dir nccl_include arch_lib python device minutes
# One 10-minute recording, then the same speech as 12 s utterances (LibriSpeech-like files sharing passes).
extract_rows() {
  "$python" bench/bench_extraction.py --build "$build" --device "$device" --minutes "$minutes" --chunks_per_pass 1 16 &&
    "$python" bench/bench_extraction.py --build "$build" --device "$device" --minutes "$minutes" --chunks_per_pass 1 16 \
      --utterance_seconds 12
}
export -f configure build_targets extract_rows
export LD_LIBRARY_PATH=$prefix/ldpath${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export PKG_CONFIG_LIBDIR=$prefix/$arch_lib/pkgconfig:$prefix/usr/share/pkgconfig
export M2DS_SPEECH_DIR=$prefix/usr/share/pocketsphinx/test/data
environment >"$OUT/environment.txt" 2>&1
if [ $configure_only = 1 ]; then
  stage build 300 configure
  exit
fi
[[ ",$stages," == *,build,* ]] && { stage build "${M2DS_BUDGET_BUILD:-300}" build_targets || exit 1; }
[[ ",$stages," == *,extract,* ]] &&
  stage extract "${M2DS_BUDGET_EXTRACT:-120}" extract_rows
[[ ",$stages," == *,hubert,* ]] &&
  stage hubert "${M2DS_BUDGET_HUBERT:-200}" "$python" bench/bench_hubert.py --build "$build" --device "$device" \
    --minutes "$minutes" --utterance_range 2 20 --teacher_batch 1 16 --teacher_dtype float32 bfloat16 --repeats 1
train_device=$device
[ "$device" = cuda ] && train_device=cuda:0
[[ ",$stages," == *,train,* ]] &&
  stage train "${M2DS_BUDGET_TRAIN:-150}" "$python" bench/device/check_two_ranks.py --m2ds "$build/bin/m2ds" \
    --audio "$M2DS_SPEECH_DIR" --work /tmp/m2ds-two-ranks --device "$train_device" --timeout 40
note "done in $SECONDS s"
