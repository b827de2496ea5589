#!/usr/bin/env bash
# Builds the Debian packages from a build folder (cpack -G DEB), installs them with apt-get, checks that the
# installed programs run on the installed data, removes them and checks that nothing is left.
#   packaging/check-packages.sh BUILD_DIR
# Works as root or through sudo, with no stdin (CI=true). A headless build (-DM2DS_BUILD_GUI=OFF) checks m2ds alone.
# The packages must not be installed before (they are removed at the end, also when a check fails).
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1/CPackConfig.cmake" ]; then
  echo "usage: packaging/check-packages.sh BUILD_DIR (a configured and built build folder)" >&2
  exit 2
fi
build_dir=$(cd "$1" && pwd)
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
apt_get() { DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get -y -qq "$@" </dev/null; }
step() { echo "check-packages.sh: $*"; }
fail() { echo "check-packages.sh: FAILED: $*" >&2; exit 1; }

step "building the packages in $build_dir"
rm -f "$build_dir"/m2ds_*.deb "$build_dir"/m2ds-workbench_*.deb
(cd "$build_dir" && cpack -G DEB >/dev/null)
packages=(m2ds)
debs=("$build_dir"/m2ds_*.deb)
if compgen -G "$build_dir/m2ds-workbench_*.deb" >/dev/null; then
  packages+=(m2ds-workbench)
  debs+=("$build_dir"/m2ds-workbench_*.deb)
fi
for deb in "${debs[@]}"; do
  echo "  $(basename "$deb"): $(du -k "$deb" | cut -f1) KiB, Depends: $(dpkg-deb -f "$deb" Depends)"
done
if dpkg-deb -f "$build_dir"/m2ds_*.deb Depends | grep -q -i qt; then fail "m2ds depends on Qt"; fi

for package in "${packages[@]}"; do
  if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    fail "$package is installed already; remove it first (apt-get remove ${packages[*]})"
  fi
done
remove_packages() { apt_get remove "${packages[@]}" >/dev/null; }
step "installing ${packages[*]}"
trap remove_packages EXIT
apt_get install --no-install-recommends "${debs[@]}" >/dev/null

step "m2ds on the installed data"
[ "$(command -v m2ds)" = /usr/bin/m2ds ] || fail "m2ds is not /usr/bin/m2ds"
m2ds --version
m2ds info /usr/share/m2ds/demo/m2ds-demo.flac
test_recording=/usr/share/pocketsphinx/test/data/cards/001.wav  # packaging/install-deps.sh --tests
if [ -f "$test_recording" ]; then m2ds info "$test_recording"; fi
m2ds ckpt info /usr/share/m2ds/demo/m2d_s_vit_demo-80x208p80x2.safetensors >/dev/null
zgrep -q '^\.TH M2DS "1"' /usr/share/man/man1/m2ds.1.gz || fail "no man page m2ds(1)"

if [[ " ${packages[*]} " == *" m2ds-workbench "* ]]; then
  step "m2ds-workbench, offscreen, on the installed demo"
  export QT_QPA_PLATFORM=offscreen
  export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
  timeout 300 m2ds-workbench --check-demo || fail "m2ds-workbench --check-demo"
  zgrep -q '^\.TH M2DS-WORKBENCH "1"' /usr/share/man/man1/m2ds-workbench.1.gz || fail "no man page m2ds-workbench(1)"
  [ -f /usr/share/icons/hicolor/48x48/apps/m2ds-workbench.png ] || fail "no 48x48 icon"
  desktop_file=/usr/share/applications/io.github.m2ds.workbench.desktop
  grep -q '^Exec=m2ds-workbench %F$' "$desktop_file" || fail "$desktop_file: no Exec line"
  if command -v desktop-file-validate >/dev/null; then desktop-file-validate --no-hints "$desktop_file"; fi
  if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net /usr/share/metainfo/io.github.m2ds.workbench.metainfo.xml >/dev/null
  fi
  if command -v update-mime-database >/dev/null; then  # shared-mime-info's dpkg trigger ran it
    for type in x-safetensors x-pytorch-checkpoint; do
      [ -f "/usr/share/mime/application/$type.xml" ] || fail "MIME type application/$type not registered"
    done
  fi
fi

step "removing ${packages[*]}"
trap - EXIT
remove_packages
for path in /usr/share/m2ds /usr/bin/m2ds /usr/bin/m2ds-workbench /usr/share/applications/io.github.m2ds.workbench.desktop \
            /usr/share/icons/hicolor/48x48/apps/m2ds-workbench.png /usr/share/mime/application/x-safetensors.xml; do
  [ ! -e "$path" ] || fail "$path is left after apt-get remove"
done
step "ok"
