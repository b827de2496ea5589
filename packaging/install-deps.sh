#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test the M2D-S Workbench.
# Idempotent: packages already present are skipped. Works as root or through sudo.
#   packaging/install-deps.sh            build + run dependencies
#   packaging/install-deps.sh --tests      also the test recordings
#   packaging/install-deps.sh --reference  also python3-torch/torchaudio for tests/golden scripts and bench/
set -euo pipefail

build_packages=(
  pkg-config cmake ninja-build ccache g++
  qt6-base-dev qt6-base-dev-tools qt6-multimedia-dev
  libqcustomplot-dev libqcustomplot2.1-qt6
  libsndfile1-dev libfftw3-dev libsoxr-dev nlohmann-json3-dev libcli11-dev zlib1g-dev
  libtorch-dev libgloo-dev libopenblas0-openmp
  libprotobuf-dev protobuf-compiler
  espeak-ng sox
  dpkg-dev file help2man librsvg2-bin  # Debian packages (cpack -G DEB, dpkg-shlibdeps), man pages, icon PNGs
)
# The test recordings of shared/design.md (real speech, music and noise from Debian packages; never committed).
test_packages=(
  pocketsphinx-testdata
  asterisk-core-sounds-en-wav asterisk-core-sounds-es-wav asterisk-core-sounds-fr-wav asterisk-core-sounds-en-g722
  codec2-examples klettres-data sonic-pi-samples
  python3-protobuf  # reads the TensorBoard event files in tst_m2dsTrain
  openssh-server openssh-client rsync  # tst_SshLaunch starts its own sshd on 127.0.0.1 (remote launch targets)
  slurm-wlm munge  # tst_SlurmLaunch starts its own munged, slurmctld and slurmd: a single-node cluster on localhost
  clang-14 libclang-rt-14-dev llvm-14  # libFuzzer, the sanitizers and their symbolizer: tests/fuzz/run-fuzzers.sh
)
# Only for regenerating reference fixtures (tests/golden) and for the benchmarks (bench/).
reference_packages=(python3-torch python3-torchaudio python3-sklearn python3-faiss)

wanted=("${build_packages[@]}")
for arg in "$@"; do
  case "$arg" in
    --tests) wanted+=("${test_packages[@]}") ;;
    --reference) wanted+=("${reference_packages[@]}") ;;
    *) echo "install-deps.sh: unknown option '$arg' (use --tests, --reference)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps.sh: all ${#wanted[@]} packages present"
  exit 0
fi

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "install-deps.sh: installing ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
# munge's package starts a system-wide munged where systemd runs (in a container invoke-rc.d starts nothing, and
# slurmd/slurmctld need an /etc/slurm/slurm.conf first). The tests start their own, so one installed here is
# stopped and disabled again.
if [[ " ${missing[*]} " == *" munge "* ]] && [ -d /run/systemd/system ]; then
  "${as_root[@]}" systemctl disable --now munge.service || true
fi
