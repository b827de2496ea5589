#!/usr/bin/env bash
# CTest `librispeech_recipe` (label e2e): models/recipes/m2d_s_librispeech.sh end to end on a tiny LibriSpeech-layout
# tree (SPEAKER/CHAPTER/SPEAKER-CHAPTER-UTT.flac made here with sox from pocketsphinx-testdata, plus a dev-clean set
# the recipe must leave out), the tiny random HuBERT of tests/golden/hubert and three sonic-pi-samples as noise, for
# a few iterations of the tiny preset; then the checkpoint must load (`m2ds ckpt info`).
#   tests/app/cli/run_librispeech_recipe.sh SOURCE_DIR M2DS
# Exit 77 (skipped) when a packaged recording or sox is missing on a developer machine; under CI=true that fails.
set -euo pipefail
source_dir=$1
m2ds=$2
speech=/usr/share/pocketsphinx/test/data
noise=/usr/share/sonic-pi/samples
missing() {
  echo "missing $1 (install $2: packaging/install-deps.sh --tests)" >&2
  if [ "${CI:-}" = true ]; then exit 1; fi
  exit 77
}
[ -d "$speech/librivox" ] || missing "$speech/librivox" pocketsphinx-testdata
[ -f "$noise/ambi_choir.flac" ] || missing "$noise" sonic-pi-samples
command -v sox > /dev/null || missing sox sox

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tree="$work/LibriSpeech"
utt=0
for wav in "$speech"/librivox/*.wav "$speech"/cards/00[1-3].wav; do
  speaker=$((103 + utt % 2))
  folder="$tree/train-clean-100/$speaker/1240"
  mkdir -p "$folder"
  sox "$wav" "$folder/$speaker-1240-$(printf %04d "$utt").flac"
  utt=$((utt + 1))
done
mkdir -p "$tree/dev-clean/251/136"
sox "$speech/cards/004.wav" "$tree/dev-clean/251/136/251-136-0000.flac"
mkdir -p "$work/noise"
for sample in ambi_choir ambi_drone ambi_glass_hum; do ln -s "$noise/$sample.flac" "$work/noise/"; done

"$source_dir/models/recipes/m2d_s_librispeech.sh" --m2ds "$m2ds" --work "$work/out" --threads 2 \
  --hubert_layer 2 --model m2d_s_vit_tiny --input_size 80x64 --epochs 2 --warmup_epochs 1 --batch_size 4 --accum_iter 1 \
  "$tree" "$work/noise" "$source_dir/tests/golden/hubert/tiny/base" -- --norm_stats_crops 16 --eval_freq 0 --log_every 1 \
  --save_freq 1 > "$work/recipe.log" 2>&1 || { cat "$work/recipe.log"; exit 1; }

fail() { cat "$work/recipe.log"; echo "librispeech_recipe: $1" >&2; exit 1; }
prepared=$(find "$work/out/ls960_hybrid7s_hubaseL9" -name '*.npz' | wc -l)
[ "$prepared" -eq "$utt" ] || fail "$prepared prepared utterances, expected the $utt of train-clean-100 (dev-clean left out)"
# Paths relative to the recordings' common folder (train-clean-100 here; the LibriSpeech root with all three sets).
[ -f "$work/out/ls960_hybrid7s_hubaseL9/103/1240/103-1240-0000.npz" ] || fail "the SPEAKER/CHAPTER layout is not kept"
grep -q '"teacher": "hubert:.*:2"' "$work/out/ls960_hybrid7s_hubaseL9/prepared.json" || fail "prepared.json does not name the HuBERT teacher"
checkpoint=$(ls "$work"/out/run/checkpoint-*.safetensors | tail -n 1)
[ -n "$checkpoint" ] || fail "no checkpoint"
"$m2ds" ckpt info "$checkpoint" > "$work/info.txt" || fail "m2ds ckpt info cannot read $checkpoint"
grep -q "m2d_s_vit_tiny\|embed_dim\|depth" "$work/info.txt" || { cat "$work/info.txt"; fail "ckpt info does not describe the model"; }
grep -q "trained checkpoint" "$work/recipe.log" || fail "the recipe did not finish"
echo "librispeech_recipe: $utt utterances prepared, $(basename "$checkpoint") loads"
