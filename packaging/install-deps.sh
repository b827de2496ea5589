#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test the M2D-S Workbench.
# Idempotent: packages already present are skipped. Works as root or through sudo.
#   packaging/install-deps.sh            build + run dependencies
#   packaging/install-deps.sh --tests    also the test recordings and reference tooling
set -euo pipefail

build_packages=(
  pkg-config cmake ninja-build ccache g++
  qt6-base-dev qt6-base-dev-tools qt6-multimedia-dev qt6-l10n-tools
  libqcustomplot-dev libqcustomplot2.1-qt6
  libsndfile1-dev libfftw3-dev libsoxr-dev nlohmann-json3-dev libcli11-dev
  libopenblas0-openmp
  espeak-ng sox
)
test_packages=(
  xvfb xauth
  pocketsphinx-testdata
  asterisk-core-sounds-en-wav asterisk-core-sounds-es-wav asterisk-core-sounds-fr-wav
  codec2-examples klettres-data sonic-pi-samples
  python3-numpy
)
reference_packages=(python3-torch python3-torchaudio)

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
