#!/usr/bin/env bash
# Reproduces the demo model models/demo/m2d_s_vit_demo-80x208p80x2.safetensors: a small M2D-S (ViT 96-d, 4 blocks,
# 80x208 crops, 80x2 patches) pretrained by this project with denoising distillation on the Debian test speech
# (pocketsphinx-testdata + asterisk-core-sounds en/es/fr, 1,666 utterances) mixed with sonic-pi-samples music and
# ambience at the official noise_ratio 0.2, regressing 40 MFCCs of the clean speech (no HuBERT is available here).
# Deviations from the official schedule, for a run of minutes on a laptop CPU instead of days on 4 GPUs:
# 60 epochs (warm-up 5) at lr 1.5e-3, and an EMA from 0.99 to 0.999 so that the target encoder follows the
# ~1,500 updates. Takes ~10 min on 2 cores; needs `packaging/install-deps.sh --tests` and a build.
#   models/demo/train_demo_model.sh [BUILD_DIR] [WORK_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
m2ds="$build/bin/m2ds"

# One fairseq-style manifest over the speech folders (root line, then relative paths).
manifest="$work/speech.tsv"
echo /usr/share > "$manifest"
(cd /usr/share && find pocketsphinx/test/data asterisk/sounds/en_US_f_Allison asterisk/sounds/es_MX_f_Allison \
   asterisk/sounds/fr_CA_f_June -name '*.wav' | LC_ALL=C sort | sed 's/$/\t0/') >> "$manifest"

"$m2ds" --threads 2 train --speech "$manifest" --noise /usr/share/sonic-pi/samples --teacher mfcc \
  --model m2d_s_vit_demo --output_dir "$work/run" --batch_size 64 --epochs 60 --warmup_epochs 5 --lr 1.5e-3 \
  --ema_decay_init 0.99 --ema_decay 0.999 --save_freq 20 --eval_freq 10 --rankme_samples 256 --log_every 13 --seed 0
"$m2ds" ckpt convert "$work/run/checkpoint-59.safetensors" "$here/m2d_s_vit_demo-80x208p80x2.safetensors"
echo "demo model written; training log: $work/run/log.jsonl"
