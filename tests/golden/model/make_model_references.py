#!/usr/bin/python3
"""Checkpoints in the official layout and reference outputs for the C++ model's parity tests.

    /usr/bin/python3 tests/golden/model/make_model_references.py              # tiny geometry, committed fixtures
    /usr/bin/python3 tests/golden/model/make_model_references.py --vit-base DIR  # ViT-Base, ~1 GB, for `ctest -L slow`

Writes, for one geometry, into OUT (tests/golden/model/tiny by default):
  m2d_s_vit_tiny-80x64p80x2-231125/checkpoint-3.pth   official torch.save layout: {'model': OrderedDict,
      'optimizer': AdamW state after one step, 'epoch', 'scaler', 'args': argparse.Namespace}
  m2d_s_vit_tiny-…/module_prefixed.pth   {'model': OrderedDict with 'module.' prefixes} (a DDP-wrapped save)
  m2d_s_vit_tiny-…/encoder_only.pth      the encoder subset (util/to_encoder_only_weight.py), plain OrderedDict
  bad/*.pth               malformed and hostile files (os.system in the pickle, a 2^40-element tensor, wrong
                          shape, missing key, truncated zip, text)
  *.npy                   inputs and outputs of extraction, one masked forward and one EMA step
The model is the eager implementation in m2ds_eager.py (written from shared/spec/m2d-s.md). Fixed seeds.
"""
import argparse
import collections
import io
import os
import pickle
import sys
import zipfile

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from m2ds_eager import M2DS  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TINY = dict(input_size=(80, 64), patch=(80, 2), dim=32, depth=2, heads=4, decoder_dim=24, decoder_depth=2,
            decoder_heads=4, off_dim=40)
VIT_BASE = dict(input_size=(80, 608), patch=(80, 2), off_dim=768)


def save(out, name, tensor):
    np.save(os.path.join(out, name + ".npy"), np.ascontiguousarray(tensor.detach().numpy().astype(np.float32)))


def real_log_mel(frames):
    """A normalised log-mel of real speech: the front-end fixture of librivox 0870, (x + 7.1) / 4.2."""
    lms = np.load(os.path.join(HERE, "..", "frontend", "librivox_0870.expected.npy"))
    reps = int(np.ceil(frames / lms.shape[1]))
    return torch.from_numpy((np.tile(lms, (1, reps))[:, :frames] + 7.1) / 4.2)


def official_checkpoint(model, geometry, name, epoch=3):
    # A real AdamW state; zero gradients and no weight decay leave the weights (and so the references) unchanged.
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4, betas=(0.9, 0.95),
                                  weight_decay=0.0)
    loss = sum(p.sum() for p in model.parameters() if p.requires_grad) * 0.0
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    args = argparse.Namespace(model=name.split("-")[0], input_size=list(geometry["input_size"]),
                              patch_size=list(geometry["patch"]), mask_ratio=0.6, batch_size=256, accum_iter=2,
                              epochs=1000, warmup_epochs=60, blr=3e-4, lr=2.4e-3, min_lr=0.0, weight_decay=0.05,
                              loss_m2d=1.0, loss_off=0.5, noise_ratio=0.2, ema_decay_init=0.99995, ema_decay=0.99999,
                              seed=0, output_dir=name, resume="", norm_pix_loss=True,
                              data_path="data", csv_main="data/files_ls960_hybrid.csv", dist_url="env://",
                              distributed=False, world_size=1, gpu=None, eval_after=[], min_ds_size=None)
    scaler = {"scale": 65536.0, "growth_factor": 2.0, "backoff_factor": 0.5, "growth_interval": 2000, "_growth_tracker": 7}
    return {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch, "scaler": scaler, "args": args}


class _Storage:
    """Stands for a 4-float storage in a hand-made pickle."""


class _HugeTensor:
    def __reduce__(self):  # a tensor declaring 2^40 elements over a 4-element storage
        return torch._utils._rebuild_tensor_v2, (_Storage(), 0, (1 << 40,), (1,), False, collections.OrderedDict())


class _Hostile:
    def __reduce__(self):  # what a malicious checkpoint does: call os.system when unpickled
        return os.system, ("echo pwned",)


class _TorchLikePickler(pickle.Pickler):
    def persistent_id(self, obj):
        return ("storage", torch.FloatStorage, "0", "cpu", 4) if isinstance(obj, _Storage) else None


def write_zip_checkpoint(path, root):
    """torch.save's container (archive/data.pkl, archive/data/0, archive/version) around a hand-made pickle."""
    buffer = io.BytesIO()
    _TorchLikePickler(buffer, protocol=2).dump(root)
    archive = os.path.splitext(os.path.basename(path))[0]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr(f"{archive}/data.pkl", buffer.getvalue())
        z.writestr(f"{archive}/data/0", np.zeros(4, dtype=np.float32).tobytes())
        z.writestr(f"{archive}/version", "3\n")


def write_bad_files(out, state):
    """Malformed and hostile checkpoints for the importer's bad-file table."""
    os.makedirs(out, exist_ok=True)
    write_zip_checkpoint(os.path.join(out, "hostile.pth"), {"model": _Hostile()})
    write_zip_checkpoint(os.path.join(out, "huge.pth"), {"model": collections.OrderedDict(cls_token=_HugeTensor())})
    wrong = collections.OrderedDict(state)
    wrong["blocks.0.attn.qkv.weight"] = torch.zeros(10, 32)
    torch.save({"model": wrong}, os.path.join(out, "wrong_shape.pth"))
    missing = collections.OrderedDict((k, v) for k, v in state.items() if k != "blocks.1.norm2.bias")
    torch.save({"model": missing}, os.path.join(out, "missing_key.pth"))
    torch.save({"model": [1, 2, 3]}, os.path.join(out, "not_a_state_dict.pth"))
    with open(os.path.join(out, "truncated.pth"), "wb") as f:
        full = open(os.path.join(out, "wrong_shape.pth"), "rb").read()
        f.write(full[: len(full) // 2])
    with open(os.path.join(out, "text.pth"), "w") as f:
        f.write("this is not a checkpoint\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vit-base", metavar="DIR", help="write the ViT-Base references into DIR instead")
    options = parser.parse_args()
    geometry, out = (VIT_BASE, options.vit_base) if options.vit_base else (TINY, os.path.join(HERE, "tiny"))
    name = "m2d_s_vit_base-80x608p80x2-230220" if options.vit_base else "m2d_s_vit_tiny-80x64p80x2-231125"
    os.makedirs(os.path.join(out, name), exist_ok=True)
    torch.manual_seed(0)
    model = M2DS(**geometry).eval()

    # Extraction of a real log-mel longer than two chunks, with a short last chunk of odd length.
    frames = 2 * geometry["input_size"][1] + 21
    lms = real_log_mel(frames)
    save(out, "extract_input", lms)
    for layer, output in enumerate(model.encode_lms(lms[None, None])):
        save(out, f"extract_layer{layer}", output[0])

    # One masked forward on two real crops, with explicit noise and a random teacher.
    batch = torch.stack([real_log_mel(geometry["input_size"][1] + 50)[:, 50:], real_log_mel(geometry["input_size"][1])])[:, None]
    tokens = model.grid[0] * model.grid[1]
    noise = torch.rand(2, tokens, generator=torch.Generator().manual_seed(1234))
    teacher = torch.randn(2, model.grid[1], geometry["off_dim"], generator=torch.Generator().manual_seed(5))
    with torch.no_grad():
        result = model(batch, noise, 0.6, teacher=teacher)
    for key in ("latent", "pred", "target", "per_token_m2d", "offline"):
        save(out, f"masked_{key}", result[key])
    save(out, "masked_input", batch)
    save(out, "masked_noise", noise)
    save(out, "masked_teacher", teacher)
    save(out, "masked_ids_shuffle", torch.argsort(noise, dim=1).float())
    save(out, "masked_losses", torch.stack([result["loss_m2d"], result["loss_off"], result["loss"]]))

    checkpoint = official_checkpoint(model, geometry, name)
    folder = os.path.join(out, name)
    torch.save(checkpoint, os.path.join(folder, "checkpoint-3.pth"))
    if not options.vit_base:
        state = model.state_dict()
        torch.save({"model": collections.OrderedDict(("module." + k, v) for k, v in state.items())},
                   os.path.join(folder, "module_prefixed.pth"))
        encoder_keys = ("cls_token", "pos_embed", "patch_embed.", "blocks.", "norm.")
        torch.save(collections.OrderedDict((k, v) for k, v in state.items() if k.startswith(encoder_keys)),
                   os.path.join(folder, "encoder_only.pth"))
        write_bad_files(os.path.join(out, "bad"), state)

    # One EMA step of the target encoder.
    model.ema_update(0.99)
    save(out, "ema_target_blocks0_qkv_weight", model.target_blocks[0].attn.qkv.weight)
    save(out, "ema_target_norm_weight", model.target_norm.weight)
    print(f"wrote {out}: {sum(p.numel() for p in model.parameters())} parameters")


if __name__ == "__main__":
    main()
