#!/usr/bin/env bash
# Downloads (here, on the development machine: apt-get download needs no root) the Debian 12 packages that a bare
# GPU machine with pip PyTorch lacks to build and run core + m2ds, and the speech that the device checks use, into
# DIR (default bench/device/debs, ignored by git). bench/device/gpu-checks.sh unpacks them there with dpkg -x into a
# private prefix. Prints each package's size and the total, which must stay well inside the device tool's 64 MiB.
#   bench/device/fetch-debs.sh [DIR]
set -euo pipefail

dir=${1:-$(dirname "$0")/debs}
# What packaging/cmake/M2dsDependencies.cmake and core/*/CMakeLists.txt find, with what their .pc files require
# (pkg-config --cflags sndfile walks flac, ogg, vorbis, vorbisenc, opus and libmpg123) and their run-time libraries.
# Not here: Torch (pip), Qt (-DM2DS_BUILD_GUI=OFF), libgloo-dev (its 2022 headers do not match PyTorch 2.x's
# ProcessGroupGloo.hpp, and a Gloo include folder found by core/train would break the build), libc6/libstdc++6/
# libgcc-s1 (every machine that runs PyTorch has them).
packages=(
  libsndfile1 libsndfile1-dev                       # audio files (core/audio)
  libflac12 libflac-dev libogg0 libogg-dev libvorbis0a libvorbisenc2 libvorbis-dev
  libopus0 libopus-dev libmpg123-0 libmpg123-dev libmp3lame0 libmp3lame-dev
  libfftw3-double3 libfftw3-single3 libfftw3-dev    # FFTs of the log-mel front-end
  libsoxr0 libsoxr-dev                              # resampling
  nlohmann-json3-dev libcli11-dev                   # header-only
  zlib1g zlib1g-dev                                 # .npz archives (core/common)
  libprotobuf32 libprotobuf-dev libprotoc32 protobuf-compiler  # TensorBoard event files (core/tensorboard): protoc + libprotobuf 3.21
  libgomp1                                          # OpenMP of FFTW and soxr
  pkgconf pkgconf-bin libpkgconf3                   # pkg-config, used only where the machine has none
  pocketsphinx-testdata                             # 16 kHz speech (librivox, cards) for the benchmarks and the training check
)

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
rm -f "$dir"/*.deb
if ! (cd "$dir" && apt-get download "${packages[@]}" >"$dir/download.log" 2>&1); then
  cat "$dir/download.log" >&2
  echo "fetch-debs.sh: apt-get download failed (run 'apt-get update' first?)" >&2
  exit 1
fi

# An epoch in a name ("zlib1g_1%3a1.2.13"): plain names travel to the device and back without question.
for deb in "$dir"/*%3a*.deb; do [ -e "$deb" ] && mv "$deb" "${deb//%3a/-}"; done
echo "fetch-debs.sh: ${#packages[@]} packages in $dir"
for deb in "$dir"/*.deb; do
  printf '%8s  %s\n' "$(du -k "$deb" | cut -f1)K" "$(basename "$deb")"
done
# Dependencies not carried, which the device must already have (expected: libc6, libstdc++6, libgcc-s1 and a few
# libraries that nothing here loads: libvorbisfile3, libout123-0, libsyn123-0, fftw's long/quad precisions).
carried=" ${packages[*]} "
missing=$(for deb in "$dir"/*.deb; do dpkg-deb -f "$deb" Depends; done | tr ',' '\n' | sed 's/(.*//; s/|.*//; s/[[:space:]]//g; s/:any$//' |
          sort -u | while read -r name; do [[ -z "$name" || "$carried" == *" $name "* ]] || printf '%s ' "$name"; done)
echo "not carried (depended on, assumed present or unused): ${missing:-none}"
echo "total: $(cat "$dir"/*.deb | wc -c | awk '{printf "%.1f MiB", $1 / 1048576}')"
