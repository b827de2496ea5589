#!/usr/bin/python3
"""Tiny HuBERT models in Hugging Face's folder layout, and reference hidden states for the C++ parity tests.

    /usr/bin/python3 tests/golden/hubert/make_hubert_references.py                 # tiny models, committed fixtures
    /usr/bin/python3 tests/golden/hubert/make_hubert_references.py --base DIR      # hubert_base geometry, `ctest -L slow`

The models are torchaudio's (`torchaudio.models.wav2vec2_model`, the importer torchaudio uses for HF checkpoints),
random and seeded, every norm perturbed so that each parameter matters. torchaudio's sub-modules carry HF's names
(utils/import_huggingface.py loads `feature_extractor`, `feature_projection` and `encoder` state dicts as they are):
torchaudio `encoder.feature_projection.` is HF `feature_projection.`, torchaudio `encoder.transformer.` is HF `encoder.`.

Writes into OUT (tests/golden/hubert/tiny by default):
  base/            config.json + model.safetensors: group-norm feature encoder, post-LN ("base"), HF names, no prefix,
                   positional-conv weight norm as weight_g / weight_v
  base_bin/        config.json + pytorch_model.bin: the same weights, `hubert.` prefix, weight norm spelled
                   parametrizations.weight.original0 / original1 (transformers >= 4.30 on torch >= 2.1)
  base_torchaudio/ config.json + hubert_tiny.pth: torchaudio's plain state dict of the same model (its own names)
  large/           config.json + model.safetensors: layer-norm feature encoder with conv bias, pre-LN ("stable layer
                   norm", as large models), odd positional kernel, `wav2vec2.` prefix and an `lm_head` to ignore
  bad/*/           missing key, wrong shape, config that does not match the weights, unsupported feat_extract_norm,
                   no weights file, config.json that is not JSON
  wave_*.npy       inputs: real speech (pocketsphinx goforward.raw, 16 kHz) and synthetic edge cases
  normalised_speech.npy   Wav2Vec2FeatureExtractor's zero_mean_unit_var_norm of wave_speech (float32 numpy)
  <model>_<wave>_h<i>.npy hidden_states[i] in HF's indexing ([T, hidden] float32; speech is normalised first)
"""
import argparse
import collections
import json
import os
import shutil
import struct

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
SPEECH = "/usr/share/pocketsphinx/test/data/goforward.raw"  # 16 kHz 16-bit mono PCM, 2.8 s
CONV_KERNELS = [10, 3, 3, 3, 3, 2, 2]
CONV_STRIDES = [5, 2, 2, 2, 2, 2, 2]
TINY = dict(conv_dim=16, hidden=32, layers=2, heads=4, intermediate=64)
BASE = dict(conv_dim=512, hidden=768, layers=12, heads=12, intermediate=3072)


def hf_config(geometry, norm, stable, conv_bias, pos_kernel, pos_groups, model_type):
    architecture = "HubertModel" if model_type == "hubert" else "Wav2Vec2ForCTC"
    return {
        "architectures": [architecture], "model_type": model_type, "hidden_size": geometry["hidden"],
        "num_hidden_layers": geometry["layers"], "num_attention_heads": geometry["heads"],
        "intermediate_size": geometry["intermediate"], "hidden_act": "gelu", "feat_extract_activation": "gelu",
        "conv_dim": [geometry["conv_dim"]] * 7, "conv_kernel": CONV_KERNELS, "conv_stride": CONV_STRIDES,
        "conv_bias": conv_bias, "feat_extract_norm": norm, "do_stable_layer_norm": stable,
        "num_conv_pos_embeddings": pos_kernel, "num_conv_pos_embedding_groups": pos_groups, "layer_norm_eps": 1e-5,
        "feat_proj_layer_norm": True, "hidden_dropout": 0.1, "attention_dropout": 0.1, "activation_dropout": 0.0,
        "feat_proj_dropout": 0.1, "layerdrop": 0.1, "vocab_size": 32, "torch_dtype": "float32",
    }


def build(config, seed):
    """torchaudio's model for an HF config (import_huggingface._get_config), random weights, perturbed norms."""
    import torchaudio  # here, so that bench/bench_hubert.py can use this file's other functions without torchaudio
    torch.manual_seed(seed)
    model = torchaudio.models.wav2vec2_model(
        extractor_mode=f"{config['feat_extract_norm']}_norm",
        extractor_conv_layer_config=list(zip(config["conv_dim"], config["conv_kernel"], config["conv_stride"])),
        extractor_conv_bias=config["conv_bias"], encoder_embed_dim=config["hidden_size"],
        encoder_projection_dropout=0.0, encoder_pos_conv_kernel=config["num_conv_pos_embeddings"],
        encoder_pos_conv_groups=config["num_conv_pos_embedding_groups"],
        encoder_num_layers=config["num_hidden_layers"], encoder_num_heads=config["num_attention_heads"],
        encoder_attention_dropout=0.0, encoder_ff_interm_features=config["intermediate_size"],
        encoder_ff_interm_dropout=0.0, encoder_dropout=0.0, encoder_layer_norm_first=config["do_stable_layer_norm"],
        encoder_layer_drop=0.0, aux_num_out=None).eval()
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.startswith("feature_extractor.") and name.endswith("conv.weight"):
                torch.nn.init.kaiming_normal_(parameter)  # HF's init: activations stay O(1) through 7 layers
            elif name.endswith("weight_g"):
                parameter.mul_(1.0 + 0.3 * torch.rand_like(parameter))
            elif "norm" in name and name.endswith("weight"):
                parameter.copy_(1.0 + 0.2 * torch.randn_like(parameter))
            elif name.endswith("bias"):
                parameter.copy_(0.1 * torch.randn_like(parameter))
    return model


def hf_state_dict(model):
    """torchaudio names → HF HubertModel / Wav2Vec2Model names (the mapping import_huggingface.py relies on)."""
    renamed = collections.OrderedDict()
    for name, tensor in model.state_dict().items():
        name = name.replace("encoder.feature_projection.", "feature_projection.", 1)
        name = name.replace("encoder.transformer.", "encoder.", 1)
        renamed[name] = tensor.detach().clone().contiguous()
    return renamed


def write_safetensors(path, tensors):
    """The safetensors layout: u64 little-endian header size, JSON header (padded to 8 bytes), raw F32 data."""
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name, tensor in tensors.items():
        data = tensor.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def write_folder(folder, config, tensors, weights_name="model.safetensors"):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    if weights_name.endswith(".safetensors"):
        write_safetensors(os.path.join(folder, weights_name), tensors)
    elif weights_name:
        torch.save(tensors, os.path.join(folder, weights_name))


def parametrized_spelling(tensors, prefix):
    """transformers >= 4.30 on torch >= 2.1: weight_norm as a parametrization (original0 = g, original1 = v)."""
    out = collections.OrderedDict()
    for name, tensor in tensors.items():
        name = name.replace("conv.weight_g", "conv.parametrizations.weight.original0")
        name = name.replace("conv.weight_v", "conv.parametrizations.weight.original1")
        out[prefix + name] = tensor
    return out


def hidden_states(model, wave, stable):
    """HF's output_hidden_states: [0] the transformer input (after pos conv, and the encoder LayerNorm for post-LN
    models), [i] the output of layer i; pre-LN models apply the encoder LayerNorm to the last one."""
    with torch.no_grad():
        features, _ = model.feature_extractor(wave[None], None)
        x, _ = model.encoder._preprocess(features)
        transformer = model.encoder.transformer
        x = transformer._preprocess(x)
        states = [x]
        for layer in transformer.layers:
            x = layer(x)
            states.append(x)
        if stable:
            states[-1] = transformer.layer_norm(states[-1])
    return [s[0].numpy().astype(np.float32) for s in states]


def zero_mean_unit_var(wave):
    """Wav2Vec2FeatureExtractor.zero_mean_unit_var_norm on one unpadded float32 wave."""
    return ((wave - wave.mean()) / np.sqrt(wave.var() + 1e-7)).astype(np.float32)


def waves(rng):
    speech = np.fromfile(SPEECH, dtype="<i2").astype(np.float32)[4000:36000] / 32768.0  # 2 s: 99 frames
    return {
        "speech": speech,
        "exact400": speech[8000:8400],  # one receptive field: one frame
        "odd401": speech[9000:9401],
        "odd5557": (0.3 * rng.standard_normal(5557)).astype(np.float32),
    }


def write_bad_folders(out, config, tensors):
    bad = os.path.join(out, "bad")
    missing = collections.OrderedDict((k, v) for k, v in tensors.items() if k != "encoder.layers.1.final_layer_norm.bias")
    write_folder(os.path.join(bad, "missing_key"), config, missing)
    wrong = collections.OrderedDict(tensors)
    wrong["encoder.layers.0.attention.q_proj.weight"] = torch.zeros(16, config["hidden_size"])
    write_folder(os.path.join(bad, "wrong_shape"), config, wrong)
    write_folder(os.path.join(bad, "config_mismatch"), dict(config, hidden_size=48), tensors)
    # The config is rejected before any weights are read: these folders need none.
    write_folder(os.path.join(bad, "unsupported_norm"), dict(config, feat_extract_norm="batch"), tensors, weights_name="")
    write_folder(os.path.join(bad, "no_weights"), config, tensors, weights_name="")
    os.makedirs(os.path.join(bad, "not_json"), exist_ok=True)
    with open(os.path.join(bad, "not_json", "config.json"), "w") as f:
        f.write("{ this is not json\n")


def save(out, name, array):
    np.save(os.path.join(out, name + ".npy"), np.ascontiguousarray(array, dtype=np.float32))


def write_references(out, label, model, stable, inputs):
    for wave_name, wave in inputs.items():
        for i, state in enumerate(hidden_states(model, torch.from_numpy(wave), stable)):
            save(out, f"{label}_{wave_name}_h{i}", state)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", metavar="DIR", help="hubert_base geometry (~380 MB) into DIR instead of the tiny fixtures")
    options = parser.parse_args()
    out = options.base or os.path.join(HERE, "tiny")
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    inputs = waves(np.random.default_rng(12))
    for name, wave in inputs.items():
        save(out, f"wave_{name}", wave)
    inputs["speech"] = zero_mean_unit_var(inputs["speech"])  # the HF pipeline: Wav2Vec2Processor, then the model
    save(out, "normalised_speech", inputs["speech"])
    torch.set_num_threads(1)

    geometry = BASE if options.base else TINY
    base_config = hf_config(geometry, "group", False, False, 128, 16, "hubert")
    base = build(base_config, seed=1)
    base_tensors = hf_state_dict(base)
    write_folder(os.path.join(out, "base"), base_config, base_tensors)
    write_references(out, "base", base, False, inputs)
    if options.base:
        print(f"wrote {out}")
        return
    write_folder(os.path.join(out, "base_bin"), base_config, parametrized_spelling(base_tensors, "hubert."),
                 weights_name="pytorch_model.bin")
    write_folder(os.path.join(out, "base_torchaudio"), base_config, base.state_dict(), weights_name="hubert_tiny.pth")
    write_bad_folders(out, base_config, base_tensors)

    large_config = hf_config(geometry, "layer", True, True, 31, 4, "wav2vec2")
    large = build(large_config, seed=2)
    large_tensors = parametrized_spelling(hf_state_dict(large), "wav2vec2.")
    large_tensors["lm_head.weight"] = torch.randn(32, geometry["hidden"])  # Wav2Vec2ForCTC's head: not the encoder's
    large_tensors["lm_head.bias"] = torch.randn(32)
    write_folder(os.path.join(out, "large"), large_config, large_tensors)
    write_references(out, "large", large, True, inputs)
    print(f"wrote {out}: base {sum(p.numel() for p in base.parameters())} parameters, "
          f"large {sum(p.numel() for p in large.parameters())}")


if __name__ == "__main__":
    main()
