#!/usr/bin/python3
"""HuBERT teacher benchmark: this project's HuBERT-base against torchaudio's eager model with the same weights and
threads, on the same 10 minutes of speech cut into utterances, in one run.

    /usr/bin/python3 bench/bench_hubert.py [--build build] [--minutes 10] [--utterance_seconds 12] [--threads N ...]
                                           [--repeats 2]
    python3 bench/bench_hubert.py --device cuda --teacher_batch 1 16 --utterance_range 2 20   # a GPU server
    python3 bench/bench_hubert.py --device cuda --teacher_batch 16 --teacher_dtype float32 bfloat16

The model is torchaudio's `hubert_base` geometry with random seeded weights, drawn in plain torch and written in
Hugging Face's folder layout (so that m2ds's side runs where torchaudio is missing; the eager side is then skipped
with a message). Both sides compute hidden_states[9] (9 of 12 transformer layers) of every utterance normalised as
Wav2Vec2Processor does. Each time is the best of --repeats runs, since a shared machine's other load only adds time.

Without --teacher_batch: `m2ds extract --model DIR --layers 9 --clip` over the WAV files against torchaudio, one
utterance per forward pass. m2ds's time includes starting the process, reading the 380 MB weights and decoding the
WAV files; the line below the table also gives it without that start-up (`m2ds extract` of one 1-s file).

With --teacher_batch B ...: `m2ds prepare DIR -o OUT --teacher hubert:HF_DIR --device D --teacher_batch B` (the whole
preparation: decoding, log-mel, teacher, .npz files), one row per B, against torchaudio at the same batch (utterances
sorted by length, zero-padded, `lengths` given), every wave zero-padded to 7 s as prepare pads speech. Prints
utterances/s, the hours LibriSpeech 960 h (281,241 utterances) would take at that rate, and how far the batched
teacher features are from the one-at-a-time float32 ones (B = 1 against each other B). --teacher_dtype float32
bfloat16 adds rows in bfloat16 (`m2ds prepare --teacher_dtype`, torchaudio's model and input converted alike).
Needs python3-torch, python3-torchaudio and pocketsphinx-testdata (packaging/install-deps.sh --tests --reference).
"""
import argparse
import collections
import copy
import glob
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "golden", "hubert"))
from bench_common import machine_description, make_speech, read_wav, write_pcm16  # noqa: E402
from make_hubert_references import BASE, CONV_KERNELS, TINY, build, hf_config, write_folder, zero_mean_unit_var  # noqa: E402

LIBRISPEECH_UTTERANCES, LIBRISPEECH_HOURS = 281241, 960.0
PAD_SECONDS = 7.0  # m2ds prepare's default --pad_seconds
RATE = 16000


def write_wav(path, samples):
    write_pcm16(path, np.clip(np.round(samples * 32768.0), -32768, 32767).astype("<i2").tobytes())


def utterance_lengths(total, fixed, span, seed=0):
    """Sample counts of consecutive utterances covering `total` samples: all `fixed` seconds long, or drawn uniformly
    from the seconds range `span` (LibriSpeech's utterances run from ~1 to ~35 s, 12.3 s on average)."""
    rng = np.random.default_rng(seed)
    lengths, covered = [], 0
    while covered < total:
        seconds = rng.uniform(*span) if span else fixed
        lengths.append(min(int(seconds * RATE), total - covered))
        covered += lengths[-1]
    return lengths


def utterances(work, minutes, fixed, span):
    """`minutes` of pocketsphinx speech cut into WAV files in work/utterances; returns their paths and samples."""
    speech = os.path.join(work, "speech.wav")
    make_speech(speech, minutes * 60)
    samples = read_wav(speech).numpy()
    folder = os.path.join(work, "utterances")
    os.makedirs(folder)
    paths, waves, start = [], [], 0
    for i, length in enumerate(utterance_lengths(len(samples), fixed, span)):
        path = os.path.join(folder, f"utt{i:04d}.wav")
        write_wav(path, samples[start:start + length])
        start += length
        paths.append(path)
        waves.append(read_wav(path).numpy())  # exactly what m2ds decodes
    return paths, waves


def random_hubert_weights(geometry, pos_kernel, pos_groups, seed):
    """Hugging Face HubertModel names and shapes of a group-norm, post-LN model (hubert_base's layout, weight norm as
    weight_g / weight_v), random seeded values drawn in plain torch: He-normal convolutions (activations stay O(1)
    through the 7 layers, as HF initialises them), PyTorch's default uniform linear layers, norms near 1, small
    biases."""
    g = torch.Generator().manual_seed(seed)
    c, h, f = geometry["conv_dim"], geometry["hidden"], geometry["intermediate"]
    tensors = collections.OrderedDict()

    def norm(name, size):
        tensors[name + ".weight"] = 1.0 + 0.2 * torch.randn(size, generator=g)
        tensors[name + ".bias"] = 0.1 * torch.randn(size, generator=g)

    def linear(name, outputs, inputs):
        bound = 1.0 / inputs ** 0.5
        tensors[name + ".weight"] = (torch.rand(outputs, inputs, generator=g) * 2 - 1) * bound
        tensors[name + ".bias"] = 0.1 * torch.randn(outputs, generator=g)

    norm("feature_extractor.conv_layers.0.layer_norm", c)
    for i, kernel in enumerate(CONV_KERNELS):
        inputs = 1 if i == 0 else c
        tensors[f"feature_extractor.conv_layers.{i}.conv.weight"] = \
            torch.randn(c, inputs, kernel, generator=g) * (2.0 / (inputs * kernel)) ** 0.5
    norm("feature_projection.layer_norm", c)
    linear("feature_projection.projection", h, c)
    v = (torch.rand(h, h // pos_groups, pos_kernel, generator=g) * 2 - 1) / (h // pos_groups * pos_kernel) ** 0.5
    tensors["encoder.pos_conv_embed.conv.bias"] = 0.1 * torch.randn(h, generator=g)
    tensors["encoder.pos_conv_embed.conv.weight_g"] = \
        v.norm(dim=(0, 1), keepdim=True) * (1.0 + 0.3 * torch.rand(1, 1, pos_kernel, generator=g))
    tensors["encoder.pos_conv_embed.conv.weight_v"] = v
    norm("encoder.layer_norm", h)
    for layer in range(geometry["layers"]):
        prefix = f"encoder.layers.{layer}."
        for projection in ("k_proj", "v_proj", "q_proj", "out_proj"):
            linear(prefix + "attention." + projection, h, h)
        norm(prefix + "layer_norm", h)
        linear(prefix + "feed_forward.intermediate_dense", f, h)
        linear(prefix + "feed_forward.output_dense", h, f)
        norm(prefix + "final_layer_norm", h)
    return tensors


def eager_model(config, tensors, device):
    """torchaudio's model holding `tensors` (HF names), or None with the reason when torchaudio cannot be used."""
    try:
        model = build(config, seed=0)
        model.load_state_dict(torchaudio_names(tensors, model.state_dict()), strict=True)
    except Exception as error:  # no torchaudio, no wav2vec2_model, its library failing to load, other names
        return None, f"torchaudio's wav2vec2_model is not usable here ({type(error).__name__}: {str(error)[:300]})"
    return model.to(device).eval(), None


def torchaudio_names(tensors, own):
    """`tensors` (HF names) renamed to torchaudio's, whose weight norm may be a parametrization (torch >= 2.1)."""
    parametrized = any("parametrizations.weight.original0" in name for name in own)
    renamed = collections.OrderedDict()
    for name, tensor in tensors.items():
        if name.startswith("feature_projection."):
            name = "encoder." + name
        elif name.startswith("encoder."):
            name = "encoder.transformer." + name[len("encoder."):]
        if parametrized:  # torchaudio on torch >= 2.1: weight norm as a parametrization
            name = name.replace("weight_g", "parametrizations.weight.original0").replace("weight_v", "parametrizations.weight.original1")
        renamed[name] = tensor
    return renamed


def eager_batches(waves, batch, pad_samples, device, dtype=torch.float32):
    """The normalised waves, zero-padded to pad_samples, in batches of `batch` sorted by length: (input, lengths)."""
    normalised = [zero_mean_unit_var(np.pad(w, (0, max(0, pad_samples - len(w))))) for w in waves]
    order = sorted(range(len(normalised)), key=lambda i: len(normalised[i]))
    batches = []
    for first in range(0, len(order), batch):
        group = [normalised[i] for i in order[first:first + batch]]
        x = torch.zeros(len(group), max(len(w) for w in group))
        for row, w in enumerate(group):
            x[row, :len(w)] = torch.from_numpy(w)
        lengths = torch.tensor([len(w) for w in group]) if batch > 1 else None
        batches.append((x.to(device, dtype), None if lengths is None else lengths.to(device)))
    return batches


def eager_seconds(model, batches, threads, device, layer):
    torch.set_num_threads(threads)
    cuda = device.startswith("cuda")
    with torch.inference_mode():
        if cuda:
            model.extract_features(batches[0][0], batches[0][1], num_layers=layer)  # warm-up: context and kernels
            torch.cuda.synchronize()
        start = time.perf_counter()
        for x, lengths in batches:
            model.extract_features(x, lengths, num_layers=layer)
        if cuda:
            torch.cuda.synchronize()
    return time.perf_counter() - start


def timed(command):
    start = time.perf_counter()
    run = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({run.returncode}): {run.stderr[-2000:]}")
    return time.perf_counter() - start


def m2ds_extract_seconds(m2ds, folder, paths, threads, output, layer, device):
    return timed([m2ds, "--threads", str(threads), "extract", "--model", folder, "--layers", str(layer), "--clip",
                  "--device", device, *paths, "-o", output])


def m2ds_prepare_seconds(m2ds, folder, source, threads, output, layer, device, batch, dtype="float32"):
    """Seconds of `m2ds prepare` of `source` into the fresh folder `output` (prepare reuses what a folder holds)."""
    return timed([m2ds, "--threads", str(threads), "prepare", source, "-o", output, "--teacher", f"hubert:{folder}:{layer}",
                  "--device", device, "--teacher_batch", str(batch), "--teacher_dtype", dtype])


def teacher_difference(one, other):
    """Largest |difference| between the teacher features (arr_1) of the same .npz files in two prepared folders, and
    the largest |value|."""
    worst, largest = 0.0, 0.0
    for path in glob.glob(os.path.join(one, "**", "*.npz"), recursive=True):
        a = np.load(path)["arr_1"]
        b = np.load(os.path.join(other, os.path.relpath(path, one)))["arr_1"]
        worst = max(worst, float(np.abs(a - b).max()))
        largest = max(largest, float(np.abs(a).max()))
    return worst, largest


def extract_table(args, m2ds, folder, paths, waves, model, work, layer):
    audio_seconds = sum(len(w) for w in waves) / RATE
    print(f"{'threads':>8} {'torchaudio s':>13} {'m2ds s':>9} {'ratio':>7} {'m2ds start-up s':>16} {'ratio w/o start-up':>19} "
          f"{'m2ds x realtime':>16}")
    for threads in args.threads:
        batches = eager_batches(waves, 1, 0, args.device)
        eager = min(eager_seconds(model, batches, threads, args.device, layer) for _ in range(args.repeats)) if model else float("nan")
        ours = min(m2ds_extract_seconds(m2ds, folder, paths, threads, os.path.join(work, "clip.npy"), layer, args.device)
                   for _ in range(args.repeats))
        startup = min(m2ds_extract_seconds(m2ds, folder, [os.path.join(work, "one", "one.wav")], threads,
                                           os.path.join(work, "one.npy"), layer, args.device) for _ in range(args.repeats))
        print(f"{threads:>8} {eager:>13.2f} {ours:>9.2f} {eager / ours:>6.2f}x {startup:>16.2f} {eager / (ours - startup):>18.2f}x "
              f"{audio_seconds / ours:>15.1f}x")


def prepare_table(args, m2ds, folder, waves, model, work, layer):
    """One row per --teacher_batch and --teacher_dtype: torchaudio at that batch and dtype against m2ds prepare."""
    audio_seconds = sum(len(w) for w in waves) / RATE
    source, one = os.path.join(work, "utterances"), os.path.join(work, "one")
    print(f"{'threads':>8} {'batch':>6} {'dtype':>9} {'torchaudio s':>13} {'m2ds s':>9} {'ratio':>7} {'start-up s':>11} "
          f"{'ratio w/o':>10} {'utt/s':>8} {'x realtime':>11} {'LS960 h (utts)':>15} {'LS960 h (audio)':>16}")
    prepared = {}
    for dtype in args.teacher_dtype:
        eager_model = copy.deepcopy(model).to(getattr(torch, dtype)) if model and dtype != "float32" else model
        for threads in args.threads:
            for batch in args.teacher_batch:
                batches = eager_batches(waves, batch, int(PAD_SECONDS * RATE), args.device, getattr(torch, dtype))
                eager = (min(eager_seconds(eager_model, batches, threads, args.device, layer) for _ in range(args.repeats))
                         if eager_model else float("nan"))
                del batches
                ours, startup = float("inf"), float("inf")
                for repeat in range(args.repeats):
                    output = os.path.join(work, f"prepared-t{threads}-b{batch}-{dtype}-{repeat}")
                    ours = min(ours, m2ds_prepare_seconds(m2ds, folder, source, threads, output, layer, args.device, batch, dtype))
                    startup = min(startup, m2ds_prepare_seconds(m2ds, folder, one, threads, output + "-one", layer, args.device,
                                                                batch, dtype))
                    prepared[(batch, dtype)] = output
                net = ours - startup
                rate, realtime = len(waves) / net, audio_seconds / net
                print(f"{threads:>8} {batch:>6} {dtype:>9} {eager:>13.2f} {ours:>9.2f} {eager / ours:>6.2f}x {startup:>11.2f} "
                      f"{eager / net:>9.2f}x {rate:>8.1f} {realtime:>10.1f}x {LIBRISPEECH_UTTERANCES / rate / 3600:>15.2f} "
                      f"{LIBRISPEECH_HOURS / realtime:>16.2f}", flush=True)
    reference = prepared.get((1, "float32"))
    for (batch, dtype), output in prepared.items():
        if reference and output != reference:
            worst, largest = teacher_difference(reference, output)
            print(f"teacher features, batch {batch} {dtype} against one at a time in float32: max |difference| {worst:.3g} "
                  f"(max |value| {largest:.3g})")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--utterance_seconds", type=float, default=12.0, help="LibriSpeech utterances average 12.3 s")
    parser.add_argument("--utterance_range", type=float, nargs=2, metavar=("MIN", "MAX"),
                        help="utterance lengths drawn uniformly from MIN..MAX seconds instead")
    parser.add_argument("--threads", type=int, nargs="+", default=[os.cpu_count()])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--device", default="cpu", help="cpu | cuda | cuda:N, for both sides")
    parser.add_argument("--teacher_batch", type=int, nargs="+", help="time m2ds prepare at these teacher batches")
    parser.add_argument("--teacher_dtype", nargs="+", default=["float32"], choices=["float32", "bfloat16"],
                        help="and in these precisions (m2ds prepare --teacher_dtype; torchaudio's model converted alike)")
    parser.add_argument("--tiny", action="store_true", help="a 2-layer model, to try the script quickly")
    args = parser.parse_args()
    m2ds = os.path.join(args.build, "bin", "m2ds")
    geometry = TINY if args.tiny else BASE
    layer = min(9, geometry["layers"])
    with tempfile.TemporaryDirectory() as work:
        config = hf_config(geometry, "group", False, False, 128 if geometry is BASE else 16, 16 if geometry is BASE else 4, "hubert")
        tensors = random_hubert_weights(geometry, config["num_conv_pos_embeddings"], config["num_conv_pos_embedding_groups"], seed=1)
        folder = os.path.join(work, "hubert")
        write_folder(folder, config, tensors)
        model, why = eager_model(config, tensors, args.device)
        paths, waves = utterances(work, args.minutes, args.utterance_seconds, args.utterance_range)
        os.makedirs(os.path.join(work, "one"))
        write_wav(os.path.join(work, "one", "one.wav"), waves[0][:RATE])
        audio_seconds = sum(len(w) for w in waves) / RATE
        print("machine:", machine_description(args.build, args.device))
        lengths = (f"of {args.utterance_range[0]:g}-{args.utterance_range[1]:g} s (mean {audio_seconds / len(waves):.1f} s)"
                   if args.utterance_range else f"of {args.utterance_seconds:g} s")
        print(f"HuBERT-{'tiny' if args.tiny else 'base'} (random weights) hidden_states[{layer}], {audio_seconds:.0f} s of speech in "
              f"{len(paths)} utterances {lengths}, device {args.device}, torch {torch.__version__}")
        if model is None:
            print(f"eager side skipped: {why}")
        if args.teacher_batch:
            prepare_table(args, m2ds, folder, waves, model, work, layer)
        else:
            extract_table(args, m2ds, folder, paths, waves, model, work, layer)


if __name__ == "__main__":
    main()
