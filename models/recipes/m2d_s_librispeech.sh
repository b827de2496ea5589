#!/usr/bin/env bash
# The official M2D-S recipe (Niizumi et al., Interspeech 2023; shared/spec/m2d-s.md sections 3 and 4) with this
# project alone, no Python: LibriSpeech speech + a noise set + a Hugging Face HuBERT folder -> a trained checkpoint.
#
#   models/recipes/m2d_s_librispeech.sh [OPTIONS] LIBRISPEECH NOISE HUBERT_DIR [-- EXTRA m2ds train FLAGS]
#
#   LIBRISPEECH  the LibriSpeech root: every train*/SPEAKER/CHAPTER/*.flac is used (train-clean-100 + train-clean-360
#                + train-other-500 = LS-960, 281,241 files), as speech/extract_offline_ls960.py takes them
#   NOISE        background noise: audio files (any folder, .csv or .tsv m2ds reads; the paper: AudioSet)
#   HUBERT_DIR   facebook/hubert-base-ls960 in Hugging Face's layout (config.json + model.safetensors or
#                pytorch_model.bin)
#
# Steps (each resumable: run the script again after an interruption and it continues):
#   1. m2ds prepare --teacher hubert:HUBERT_DIR:9: the official .npz files (log-mel of the wave padded to 7 s,
#      HuBERT hidden_states[9] of the same padded, normalised wave, the valid length) in WORK/ls960_hybrid7s_hubaseL9;
#      under the --launcher too, so that with torchrun every process (GPU) prepares its share of the corpus
#   2. m2ds prepare --noise: the noise log-mels in WORK/noise
#   3. m2ds train with the official hyper-parameters (80x608 crops, 80x2 patches, mask 0.6, effective batch 2048 =
#      4 processes x 256 x accum 2, blr 3e-4, 1000 epochs with 60 of warm-up, loss_off 0.5, noise_ratio 0.2, EMA
#      0.99995 -> 0.99999, clip 3.0, seed 0), into WORK/run; then `m2ds ckpt info` of the last checkpoint. Precision is
#      m2ds's auto (bf16 on CUDA, float32 on CPU); add `-- --amp fp16` for the paper's fp16 + GradScaler.
#
# Options (defaults: the paper's run):
#   --work DIR            where everything goes (default ./m2d_s_librispeech)
#   --m2ds PATH           the m2ds executable (default: m2ds next to this tree's build, else on PATH)
#   --launcher "CMD"      prefix of the speech preparation and training commands, e.g. "torchrun --nproc_per_node 4"
#                         (default: one process)
#   --teacher_dtype T     float32 (default, the paper's features) or bfloat16 (faster on GPUs, ~2 % off)
#   --hubert_layer L      hidden_states index of the teacher (default 9)
#   --model PRESET        m2ds preset (default m2d_s_vit_base)
#   --input_size FxT      crop (default 80x608; the paper also trains 80x400 and 80x512)
#   --epochs N  --warmup_epochs N  --batch_size N  --accum_iter N     (default 1000, 60, 256, 2)
#   --threads N           CPU threads of every m2ds step (default: all)
#   --workers N           recordings prepared at once / batches prepared ahead (default 2)
# Everything after `--` is passed to m2ds train as it is (e.g. --device cuda --save_freq 50).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work=./m2d_s_librispeech
m2ds=""
launcher=""
hubert_layer=9
teacher_dtype=float32
model=m2d_s_vit_base
input_size=80x608
epochs=1000
warmup_epochs=60
batch_size=256
accum_iter=2
threads=0
workers=2
positional=()
extra=()

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-2}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --work) work=$2; shift 2 ;;
    --m2ds) m2ds=$2; shift 2 ;;
    --launcher) launcher=$2; shift 2 ;;
    --hubert_layer) hubert_layer=$2; shift 2 ;;
    --teacher_dtype) teacher_dtype=$2; shift 2 ;;
    --model) model=$2; shift 2 ;;
    --input_size) input_size=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --warmup_epochs) warmup_epochs=$2; shift 2 ;;
    --batch_size) batch_size=$2; shift 2 ;;
    --accum_iter) accum_iter=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    --) shift; extra=("$@"); break ;;
    -*) echo "m2d_s_librispeech.sh: unknown option $1" >&2; usage ;;
    *) positional+=("$1"); shift ;;
  esac
done
[ ${#positional[@]} -eq 3 ] || usage
librispeech=$(cd "${positional[0]}" && pwd)
noise=${positional[1]}
hubert=${positional[2]}
if [ -z "$m2ds" ]; then
  if [ -x "$here/../../build/bin/m2ds" ]; then m2ds="$here/../../build/bin/m2ds"; else m2ds=m2ds; fi
fi
mkdir -p "$work"
speech="$work/ls960_hybrid7s_hubaseL9"

# 1. The training utterances as extract_offline_ls960.py finds them (train*/**/*.flac, sorted), as a fairseq manifest
#    (root line, then relative paths), so that dev/test folders beside them are left out.
manifest="$work/ls960_train.tsv"
shopt -s nullglob
train_sets=("$librispeech"/train*)
echo "$librispeech" > "$manifest.part"
[ ${#train_sets[@]} -eq 0 ] || (cd "$librispeech" && find -L "${train_sets[@]#"$librispeech"/}" -name '*.flac' | LC_ALL=C sort | sed 's/$/\t0/') >> "$manifest.part"
[ "$(wc -l < "$manifest.part")" -gt 1 ] || { echo "m2d_s_librispeech.sh: no train*/**/*.flac under $librispeech" >&2; exit 1; }
mv "$manifest.part" "$manifest"
# shellcheck disable=SC2086  # the launcher is a command prefix with its own arguments
$launcher "$m2ds" --threads "$threads" prepare "$manifest" -o "$speech" --teacher "hubert:$hubert:$hubert_layer" \
  --teacher_dtype "$teacher_dtype" --workers "$workers"

# 2. The noise log-mels.
"$m2ds" --threads "$threads" prepare --noise "$noise" -o "$work/noise" --workers "$workers"

# 3. Pre-training with the official flags (speech/train_speech.py), on the prepared files.
# shellcheck disable=SC2086  # the launcher is a command prefix of several words
$launcher "$m2ds" --threads "$threads" train --speech "$speech/files.csv" --noise "$work/noise/files.csv" --teacher npz \
  --model "$model" --input_size "$input_size" --patch_size 80x2 --mask_ratio 0.6 \
  --batch_size "$batch_size" --accum_iter "$accum_iter" --epochs "$epochs" --warmup_epochs "$warmup_epochs" \
  --blr 3e-4 --min_lr 0 --weight_decay 0.05 --loss_m2d 1.0 --loss_off 0.5 --noise_ratio 0.2 \
  --ema_decay_init 0.99995 --ema_decay 0.99999 --clip_grad 3.0 --seed 0 --workers "$workers" \
  --output_dir "$work/run" --resume auto "${extra[@]}"

checkpoint=$(ls -t "$work"/run/checkpoint-*.safetensors | head -n 1)
"$m2ds" ckpt info "$checkpoint"
echo "m2d_s_librispeech.sh: trained checkpoint $checkpoint"
