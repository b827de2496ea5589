#!/usr/bin/env bash
# Makes resources/demo/m2ds-demo.flac, the recording the workbench opens on first start:
# two synthetic voices (espeak-ng) over quiet brown noise and a short tone sweep (sox), 16 kHz mono FLAC.
# Deterministic for a given espeak-ng/sox version (sox -R). Needs: espeak-ng sox (packaging/install-deps.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

espeak-ng -v en-us -s 150 -w "$work/a.wav" \
  "Masked modeling duo for speech learns from noisy speech. It predicts the masked parts of the input from the visible ones."
espeak-ng -v en-gb+f3 -s 140 -p 60 -w "$work/b.wav" \
  "Zero, one, two, three, four, five. The quick brown fox jumps over the lazy dog."
sox -R "$work/a.wav" -r 16000 -c 1 -b 16 "$work/a16.wav" pad 0.4 0.3
sox -R "$work/b.wav" -r 16000 -c 1 -b 16 "$work/b16.wav" pad 0.2 0.4
sox -R -n -r 16000 -c 1 -b 16 "$work/sweep.wav" synth 1.2 sine 200-6000 vol 0.25 fade 0.05 1.2 0.05
sox -R "$work/a16.wav" "$work/sweep.wav" "$work/b16.wav" "$work/speech.wav"
length=$(soxi -D "$work/speech.wav")
sox -R -n -r 16000 -c 1 -b 16 "$work/noise.wav" synth "$length" brownnoise vol 0.03
sox -R -m "$work/speech.wav" "$work/noise.wav" -r 16000 -c 1 -b 16 "$here/m2ds-demo.flac" norm -3
soxi "$here/m2ds-demo.flac"
