#!/usr/bin/env bash
# `ctest -L slow -R fairseq`: m2ds cluster learn + assign on real speech (asterisk digits), then the files read as
# fairseq, scikit-learn and faiss read them (check_fairseq_files.py; packaging/install-deps.sh --tests --reference).
set -euo pipefail
m2ds=${1:?usage: run_fairseq_check.sh M2DS WORK_DIR}
work=${2:?usage: run_fairseq_check.sh M2DS WORK_DIR}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work/speech"
for language in en_US_f_Allison es_MX_f_Allison fr_CA_f_June; do
  for digit in 0 1 2 3 4 5 6 7 8 9; do cp "/usr/share/asterisk/sounds/$language/digits/$digit.wav" "$work/speech/${language:0:2}_$digit.wav"; done
done
for kind in "--mfcc" "--model $here/../../../models/demo/m2d_s_vit_demo-80x208p80x2.safetensors --layer 3"; do
  # shellcheck disable=SC2086  # $kind is two or four words on purpose
  "$m2ds" cluster learn "$work/speech" $kind -k 16 --cache "$work/cache" -o "$work/km"
  # shellcheck disable=SC2086
  "$m2ds" cluster assign --centroids "$work/km/centroids.npy" "$work/speech" $kind --cache "$work/cache" -o "$work/labels/train"
  /usr/bin/python3 "$here/check_fairseq_files.py" "$work/labels/train.km" "$work/km/centroids.npy"
done
