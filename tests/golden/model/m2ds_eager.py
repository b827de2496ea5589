"""An eager PyTorch M2D-S written from shared/spec/m2d-s.md (sections 2, 3.2, 5, 7), used as the reference
for the C++ model's parity tests and as the baseline of the extraction benchmark.

Module and parameter names follow the official state_dict (`blocks.3.attn.qkv.weight`, `decoder_blocks.…`,
`target_blocks.…`, `offline_predictor.…`). Only Debian's python3-torch is needed.
"""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

LN_EPS = 1e-6


def sincos_pos_embed(dim, grid_rows, grid_cols):
    """MAE's 2-D sin-cos table with a zero cls row: [1 + rows*cols, dim], float64 maths then float32.
    The first half of the dims encodes the column (time) index, the second half the row (frequency) index."""
    omega = 1.0 / 10000 ** (np.arange(dim // 4, dtype=np.float64) / (dim / 4.0))
    cols, rows = np.meshgrid(np.arange(grid_cols, dtype=np.float64), np.arange(grid_rows, dtype=np.float64))

    def one_axis(positions):
        out = np.einsum("m,d->md", positions.reshape(-1), omega)
        return np.concatenate([np.sin(out), np.cos(out)], axis=1)

    table = np.concatenate([one_axis(cols), one_axis(rows)], axis=1)
    table = np.concatenate([np.zeros([1, dim]), table], axis=0)
    return torch.from_numpy(table.astype(np.float32))


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3, bias=True)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attention = ((q @ k.transpose(-2, -1)) * self.scale).softmax(dim=-1)
        self.last_attention = attention  # [B, heads, N, N], for the attention references
        return self.proj((attention @ v).transpose(1, 2).reshape(b, n, c))


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class Block(nn.Module):
    def __init__(self, dim, heads, mlp_ratio):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=LN_EPS)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=LN_EPS)
        self.mlp = Mlp(dim, int(dim * mlp_ratio))

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class PatchEmbed(nn.Module):
    def __init__(self, patch, dim):
        super().__init__()
        self.proj = nn.Conv2d(1, dim, kernel_size=patch, stride=patch)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)  # [B, rows*cols, D], index = row * cols + col


def norm_mse(target, pred):
    """Standardise the target per token (unbiased var, eps 1e-6), L2-normalise both, 2 - 2 cos; per token."""
    target = (target - target.mean(dim=-1, keepdim=True)) / (target.var(dim=-1, keepdim=True) + 1e-6) ** 0.5
    return 2 - 2 * (F.normalize(target, dim=-1) * F.normalize(pred, dim=-1)).sum(dim=-1)


class M2DS(nn.Module):
    def __init__(self, input_size=(80, 608), patch=(80, 2), dim=768, depth=12, heads=12, mlp_ratio=4.0,
                 decoder_dim=512, decoder_depth=8, decoder_heads=16, off_dim=768):
        super().__init__()
        self.input_size, self.patch = tuple(input_size), tuple(patch)
        self.grid = (input_size[0] // patch[0], input_size[1] // patch[1])
        tokens = self.grid[0] * self.grid[1]
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(sincos_pos_embed(dim, *self.grid)[None], requires_grad=False)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, decoder_dim))
        self.decoder_pos_embed = nn.Parameter(sincos_pos_embed(decoder_dim, *self.grid)[None], requires_grad=False)
        self.patch_embed = PatchEmbed(patch, dim)
        self.blocks = nn.ModuleList([Block(dim, heads, mlp_ratio) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=LN_EPS)
        self.decoder_embed = nn.Linear(dim, decoder_dim)
        self.decoder_blocks = nn.ModuleList([Block(decoder_dim, decoder_heads, mlp_ratio) for _ in range(decoder_depth)])
        self.decoder_norm = nn.LayerNorm(decoder_dim, eps=LN_EPS)
        self.decoder_pred = nn.Linear(decoder_dim, dim)
        self.target_blocks = nn.ModuleList([Block(dim, heads, mlp_ratio) for _ in range(depth)])
        self.target_norm = nn.LayerNorm(dim, eps=LN_EPS)
        self.offline_predictor = nn.Linear(self.grid[0] * dim, off_dim)
        assert self.pos_embed.shape[1] == 1 + tokens
        self.initialize_weights()

    def initialize_weights(self):
        w = self.patch_embed.proj.weight.data
        nn.init.xavier_uniform_(w.view([w.shape[0], -1]))
        nn.init.normal_(self.cls_token, std=0.02)
        nn.init.normal_(self.mask_token, std=0.02)
        for name, module in self.named_modules():
            if name == "offline_predictor":
                continue  # keeps PyTorch's default Linear init (spec 3.2)
            if isinstance(module, nn.Linear):
                nn.init.xavier_uniform_(module.weight)
                nn.init.zeros_(module.bias)
            elif isinstance(module, nn.LayerNorm):
                nn.init.ones_(module.weight)
                nn.init.zeros_(module.bias)
        for p in list(self.target_blocks.parameters()) + list(self.target_norm.parameters()):
            p.requires_grad = False

    # --- masking and training forward -------------------------------------------------------------------
    def shuffle(self, noise, mask_ratio):
        tokens = noise.shape[1]
        keep = int(tokens * (1 - mask_ratio))  # float64, as Python does
        ids_shuffle = torch.argsort(noise, dim=1)
        return ids_shuffle, torch.argsort(ids_shuffle, dim=1), keep

    def forward_encoder(self, x, ids_shuffle, keep):
        x = self.patch_embed(x) + self.pos_embed[:, 1:]
        d = x.shape[-1]
        visible = torch.gather(x, 1, ids_shuffle[:, :keep, None].expand(-1, -1, d))
        masked = torch.gather(x, 1, ids_shuffle[:, keep:, None].expand(-1, -1, d))
        cls = (self.cls_token + self.pos_embed[:, :1]).expand(x.shape[0], -1, -1)
        h = torch.cat([cls, visible], dim=1)
        for block in self.blocks:
            h = block(h)
        return self.norm(h), masked

    def forward_predictor(self, latent, ids_shuffle, ids_restore, keep):
        x = self.decoder_embed(latent)
        b, tokens = ids_restore.shape
        mask_tokens = self.mask_token.repeat(b, tokens + 1 - x.shape[1], 1)
        rest = torch.cat([x[:, 1:], mask_tokens], dim=1)
        rest = torch.gather(rest, 1, ids_restore[:, :, None].expand(-1, -1, x.shape[2]))
        x = torch.cat([x[:, :1], rest], dim=1) + self.decoder_pos_embed
        for block in self.decoder_blocks:
            x = block(x)
        x = self.decoder_pred(self.decoder_norm(x))[:, 1:]
        return torch.gather(x, 1, ids_shuffle[:, keep:, None].expand(-1, -1, x.shape[2]))

    @torch.no_grad()
    def forward_target(self, masked):
        cls = (self.cls_token + self.pos_embed[:, :1]).expand(masked.shape[0], -1, -1)
        h = torch.cat([cls, masked], dim=1)
        for block in self.target_blocks:
            h = block(h)
        return self.target_norm(h)[:, 1:]

    def offline_head(self, latent, pred, ids_restore):
        z = torch.cat([latent[:, 1:], pred], dim=1)
        z = torch.gather(z, 1, ids_restore[:, :, None].expand(-1, -1, z.shape[2]))
        b, _, d = z.shape
        rows, cols = self.grid[0], ids_restore.shape[1] // self.grid[0]
        z = z.reshape(b, rows, cols, d).permute(0, 2, 1, 3).reshape(b, cols, rows * d)  # b (f t) d -> b t (f d)
        return self.offline_predictor(z)

    def forward(self, x, noise, mask_ratio, teacher=None, loss_m2d=1.0, loss_off=0.5):
        ids_shuffle, ids_restore, keep = self.shuffle(noise, mask_ratio)
        latent, masked = self.forward_encoder(x, ids_shuffle, keep)
        pred = self.forward_predictor(latent, ids_shuffle, ids_restore, keep)
        target = self.forward_target(masked)
        per_token = norm_mse(target, pred)
        out = {"latent": latent, "pred": pred, "target": target, "per_token_m2d": per_token,
               "loss_m2d": per_token.mean(), "ids_restore": ids_restore}
        if teacher is not None:
            offline = self.offline_head(latent, pred, ids_restore)
            out["offline"] = offline
            out["loss_off"] = norm_mse(teacher, offline).mean()
            out["loss"] = loss_m2d * out["loss_m2d"] + loss_off * out["loss_off"]
        return out

    @torch.no_grad()
    def ema_update(self, decay):
        online = list(self.blocks.parameters()) + list(self.norm.parameters())
        target = list(self.target_blocks.parameters()) + list(self.target_norm.parameters())
        for t, o in zip(target, online):
            t.mul_(decay).add_(o.detach(), alpha=1 - decay)

    # --- feature extraction (official runtime semantics, spec section 5) -----------------------------------
    @torch.no_grad()
    def encode_lms(self, lms):
        """lms: normalised [B, 1, F, T]. Returns 13 tensors [B, T/pt, rows*D]: layer 0 (patch embedding + position),
        blocks 1..11 raw, block 12 with the final norm."""
        unit, pt = self.input_size[1], self.patch[1]
        frames = lms.shape[-1]
        pad = (pt - (frames % unit % pt)) % pt
        lms = F.pad(lms, (0, pad))
        chunks = [lms[..., i:i + unit] for i in range(0, lms.shape[-1], unit)]
        layers = [[] for _ in range(len(self.blocks) + 1)]
        for chunk in chunks:
            x = self.patch_embed(chunk)
            rows, cols = self.grid[0], chunk.shape[-1] // pt
            pos = self.pos_embed[:, 1:].reshape(1, rows, self.grid[1], -1)[:, :, :cols].reshape(1, rows * cols, -1)
            x = x + pos
            outputs = [x]
            h = torch.cat([(self.cls_token + self.pos_embed[:, :1]).expand(x.shape[0], -1, -1), x], dim=1)
            for i, block in enumerate(self.blocks):
                h = block(h)
                outputs.append(self.norm(h)[:, 1:] if i == len(self.blocks) - 1 else h[:, 1:])
            for layer, out in zip(layers, outputs):
                b, _, d = out.shape
                layer.append(out.reshape(b, rows, cols, d).permute(0, 2, 1, 3).reshape(b, cols, rows * d))
        return [torch.cat(layer, dim=1) for layer in layers]

    @torch.no_grad()
    def encoder_attention(self, chunk):
        """chunk: one normalised model input [B, 1, F, frames] (no mask). Returns, per encoder block 1..depth, its
        attention probabilities [B, heads, 1 + N, 1 + N] (queries x keys, cls first)."""
        x = self.patch_embed(chunk)
        rows, cols = self.grid[0], chunk.shape[-1] // self.patch[1]
        x = x + self.pos_embed[:, 1:].reshape(1, rows, self.grid[1], -1)[:, :, :cols].reshape(1, rows * cols, -1)
        h = torch.cat([(self.cls_token + self.pos_embed[:, :1]).expand(x.shape[0], -1, -1), x], dim=1)
        maps = []
        for block in self.blocks:
            h = block(h)
            maps.append(block.attn.last_attention)
        return maps
