#!/usr/bin/python3
"""Writes the seed corpora of tests/fuzz (corpus/<target>/), one small file per case, from the project's own
fixtures and recordings (cut to a few KB) and the hostile files of issue 13 (tests/app/cli/tst_m2dsHostileFiles.cpp,
tst_PickleReader.cpp, tst_NpyFile.cpp), scaled down so that every seed stays small.

    /usr/bin/python3 tests/fuzz/make_seed_corpus.py        (Debian's python3-torch and python3-numpy)

Only seeds whose names start with "seed-" are written here, and only those missing unless --rewrite is given (some
formats carry a time stamp or a random stream serial, so a rewrite changes their bytes); inputs that libFuzzer found
and that were merged in, and regression inputs of fixed findings ("regression-*"), are kept as they are.
"""
import argparse
import collections
import ctypes
import io
import json
import os
import struct
import zipfile
import zlib

import numpy
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")
REWRITE = False  # --rewrite


def put(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = os.path.join(folder, "seed-" + name)
    if os.path.exists(path) and not REWRITE:
        return
    with open(path, "wb") as out:
        out.write(data)


def source(*parts):
    with open(os.path.join(ROOT, *parts), "rb") as file:
        return file.read()


# --- audio: libsndfile through ctypes (every format it writes here), real speech from the demo recording -----------

class SfInfo(ctypes.Structure):
    _fields_ = [("frames", ctypes.c_int64), ("samplerate", ctypes.c_int), ("channels", ctypes.c_int),
                ("format", ctypes.c_int), ("sections", ctypes.c_int), ("seekable", ctypes.c_int)]


SNDFILE = ctypes.CDLL("libsndfile.so.1")
SNDFILE.sf_open.restype = ctypes.c_void_p
SNDFILE.sf_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(SfInfo)]
SNDFILE.sf_readf_float.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_float), ctypes.c_int64]
SNDFILE.sf_writef_float.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_float), ctypes.c_int64]
SNDFILE.sf_close.argtypes = [ctypes.c_void_p]
SFM_READ, SFM_WRITE = 0x10, 0x20


def demo_speech(frames):
    """`frames` mono samples of the demo recording (16 kHz speech), from its second second on."""
    info = SfInfo()
    handle = SNDFILE.sf_open(os.path.join(ROOT, "resources", "demo", "m2ds-demo.flac").encode(), SFM_READ, ctypes.byref(info))
    buffer = (ctypes.c_float * (info.channels * (16000 + frames)))()
    got = SNDFILE.sf_readf_float(handle, buffer, 16000 + frames)
    SNDFILE.sf_close(handle)
    samples = numpy.frombuffer(buffer, dtype=numpy.float32)[: got * info.channels].reshape(-1, info.channels)
    return numpy.ascontiguousarray(samples[16000:, 0])


def encoded(format_code, rate, channels, samples):
    """The bytes libsndfile writes for interleaved float `samples` in `format_code`, or None when it cannot."""
    path = "/tmp/m2ds-seed-%d" % os.getpid()
    info = SfInfo(0, rate, channels, format_code, 0, 0)
    handle = SNDFILE.sf_open(path.encode(), SFM_WRITE, ctypes.byref(info))
    if not handle:
        return None
    data = numpy.ascontiguousarray(samples, dtype=numpy.float32)
    SNDFILE.sf_writef_float(handle, data.ctypes.data_as(ctypes.POINTER(ctypes.c_float)), len(data) // channels)
    SNDFILE.sf_close(handle)
    with open(path, "rb") as file:
        bytes_ = file.read()
    os.remove(path)
    return bytes_


def wave_bytes(rate, frames, channels=1, declared_frames=None):
    """A 16-bit PCM WAV of `frames` zero frames declaring `rate` (and `declared_frames` in its data chunk)."""
    declared = frames if declared_frames is None else declared_frames
    header = b"RIFF" + struct.pack("<I", 36 + 2 * channels * declared) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, channels, rate & 0xffffffff, (2 * channels * rate) & 0xffffffff, 2 * channels, 16)
    return header + b"data" + struct.pack("<I", 2 * channels * declared) + bytes(2 * channels * frames)


def audio_seeds():
    speech = demo_speech(4000)
    stereo = numpy.stack([speech, -speech], axis=1).reshape(-1)
    formats = [  # name, libsndfile format, rate, channels, frames
        ("pcm16-8k.wav", 0x010000 | 0x0002, 8000, 1, 800), ("float-stereo-16k.wav", 0x010000 | 0x0006, 16000, 2, 300),
        ("ulaw.wav", 0x010000 | 0x0010, 8000, 1, 1600), ("ima-adpcm.wav", 0x010000 | 0x0012, 16000, 1, 2000),
        ("ms-adpcm.wav", 0x010000 | 0x0013, 16000, 1, 2000), ("gsm610.wav", 0x010000 | 0x0020, 8000, 1, 1600),
        ("pcm24-wavex.wav", 0x130000 | 0x0003, 44100, 1, 600), ("u8.wav", 0x010000 | 0x0005, 11025, 1, 1500),
        ("pcm16.flac", 0x170000 | 0x0002, 16000, 1, 1600), ("pcm24-stereo.flac", 0x170000 | 0x0003, 48000, 2, 500),
        ("vorbis.ogg", 0x200000 | 0x0060, 16000, 1, 4000), ("opus.opus", 0x200000 | 0x0064, 48000, 1, 2000),
        ("layer3.mp3", 0x230000 | 0x0082, 16000, 1, 4000), ("pcm16.aiff", 0x020000 | 0x0002, 22050, 1, 800),
        ("alaw.au", 0x030000 | 0x0011, 8000, 1, 1600), ("alac.caf", 0x180000 | 0x0070, 16000, 1, 1600),
        ("pcm16.w64", 0x0B0000 | 0x0002, 16000, 1, 800), ("pcm16.rf64", 0x220000 | 0x0002, 16000, 1, 800),
        ("pcm16.nist", 0x070000 | 0x0002, 16000, 1, 800), ("u8.voc", 0x080000 | 0x0005, 8000, 1, 1600),
        ("float.ircam", 0x0A0000 | 0x0006, 16000, 1, 400), ("double.mat5", 0x0D0000 | 0x0007, 8000, 1, 300),
        ("pcm16.mat4", 0x0C0000 | 0x0002, 8000, 1, 800), ("pcm16.paf", 0x050000 | 0x0002, 16000, 1, 800),
        ("pcm16.svx", 0x060000 | 0x0002, 16000, 1, 800), ("pcm16.htk", 0x100000 | 0x0002, 16000, 1, 800),
        ("dpcm16.xi", 0x0F0000 | 0x0051, 16000, 1, 800), ("pcm16.sds", 0x110000 | 0x0002, 16000, 1, 800),
        ("pcm16.avr", 0x120000 | 0x0002, 16000, 1, 800), ("pcm16.sd2", 0x160000 | 0x0002, 16000, 1, 800),
        ("alaw.wve", 0x190000 | 0x0011, 8000, 1, 1600), ("pcm16.mpc2k", 0x210000 | 0x0002, 44100, 2, 400),
        ("dwvw12.aiff", 0x020000 | 0x0040, 16000, 1, 1600), ("g721.au", 0x030000 | 0x0030, 8000, 1, 1600),
        ("nms-adpcm.raw.wav", 0x010000 | 0x0022, 8000, 1, 1600), ("pcm16.pvf", 0x0E0000 | 0x0002, 8000, 1, 800),
    ]
    for name, format_code, rate, channels, frames in formats:
        samples = (stereo if channels == 2 else speech)[: frames * channels]
        data = encoded(format_code, rate, channels, samples)
        if data:
            put("audio", name, data)
    # Hostile WAVs and cut or patched files (tst_m2dsHostileFiles): absurd rates, a data chunk past the end, a cut
    # Ogg stream, a FLAC declaring 2^36 - 1 samples, many channels.
    for rate in (1, 8, 2000000, 0, 0xffffffff):
        put("audio", "rate-%d.wav" % rate, wave_bytes(rate, 400))
    put("audio", "data-past-the-end.wav", wave_bytes(16000, 400, declared_frames=32000))
    put("audio", "1024-channels.wav", wave_bytes(16000, 2, channels=1024))
    vorbis = encoded(0x200000 | 0x0060, 16000, 1, speech)
    put("audio", "vorbis-last-page-cut.ogg", vorbis[: len(vorbis) * 99 // 100])
    put("audio", "vorbis-half.ogg", vorbis[: len(vorbis) // 2])
    flac = bytearray(encoded(0x170000 | 0x0002, 16000, 1, speech[:1600]))
    flac[21] |= 0x0f
    flac[22:26] = b"\xff\xff\xff\xff"
    put("audio", "flac-all-ones-samples.flac", bytes(flac))
    nan = speech[:400].copy()
    nan[200] = numpy.nan
    put("audio", "nan-sample.wav", encoded(0x010000 | 0x0006, 16000, 1, nan))


# --- .npy and .npz -------------------------------------------------------------------------------------------------

def npy_bytes(array, version=None):
    out = io.BytesIO()
    if version is None:
        numpy.save(out, array)
    else:
        numpy.lib.format.write_array(out, array, version=version)
    return out.getvalue()


def npy_with_dict(dict_text, data=b"", version=1):
    """A .npy whose header dict is `dict_text` as given (hostile shapes and dtypes)."""
    body = dict_text.encode("latin-1")
    prefix = b"\x93NUMPY" + bytes([version, 0])
    length = struct.pack("<H", len(body)) if version == 1 else struct.pack("<I", len(body))
    return prefix + length + body + data


def npy_seeds():
    put("npy", "short-201-input.npy", source("tests", "golden", "frontend", "short_201.input.npy"))
    put("npy", "hubert-h0.npy", source("tests", "golden", "hubert", "tiny", "base_exact400_h0.npy"))
    put("npy", "chirp-cut.npy", source("tests", "golden", "frontend", "chirp_2s.input.npy")[:2048])
    rng = numpy.random.default_rng(13)
    put("npy", "float64.npy", npy_bytes(rng.standard_normal((4, 5))))
    put("npy", "int32.npy", npy_bytes(numpy.arange(12, dtype=numpy.int32).reshape(3, 4)))
    put("npy", "int64-scalar.npy", npy_bytes(numpy.array(350, dtype=numpy.int64)))
    put("npy", "empty.npy", npy_bytes(numpy.zeros((0, 768), dtype=numpy.float32)))
    put("npy", "version-2.npy", npy_bytes(numpy.ones((2, 3), dtype=numpy.float32), version=(2, 0)))
    put("npy", "version-3.npy", npy_bytes(numpy.ones((3,), dtype=numpy.float32), version=(3, 0)))
    put("npy", "fortran.npy", npy_bytes(numpy.asfortranarray(numpy.ones((2, 3), dtype=numpy.float32))))
    put("npy", "big-endian.npy", npy_bytes(numpy.ones((3,), dtype=">f4")))
    put("npy", "uint8.npy", npy_bytes(numpy.ones((3,), dtype=numpy.uint8)))
    for name, dims in [("negative", "(-1, 80)"), ("overflow", "(4294967296, 4294967296, 4294967296)"),
                       ("not-integers", "(1.5, 2)"), ("long-digits", "(" + "9" * 40 + ",)"), ("unclosed", "(3, 4")]:
        put("npy", "shape-%s.npy" % name, npy_with_dict("{'descr': '<f4', 'fortran_order': False, 'shape': %s, }" % dims, bytes(48)))
    put("npy", "header-past-the-end.npy", b"\x93NUMPY\x01\x00\xff\xff{'descr'")
    put("npy", "long-header.npy", npy_with_dict("{'descr': '<f4', 'fortran_order': False, 'shape': (" + " " * 8000 + "2,), }", bytes(8), 2))


def npz_bytes(arrays, compressed=False):
    out = io.BytesIO()
    (numpy.savez_compressed if compressed else numpy.savez)(out, *arrays)
    return out.getvalue()


def zip_bytes(members):
    """A zip of (name, stored bytes, declared size, crc, method) members, like tst_m2dsHostileFiles' zipBytes."""
    body, directory = b"", b""
    for name, stored, size, crc, method in members:
        fields = struct.pack("<HHHIIIIHH", 20, 0, method, 0, crc & 0xffffffff, len(stored), size & 0xffffffff, len(name.encode()), 0)
        directory += struct.pack("<IH", 0x02014b50, 20) + fields + struct.pack("<HHHI", 0, 0, 0, 0) + struct.pack("<I", len(body)) + name.encode()
        body += struct.pack("<I", 0x04034b50) + fields + name.encode() + stored
    end = struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, len(members), len(members), len(directory), len(body), 0)
    return body + directory + end


def stored(name, data):
    return (name, data, len(data), zlib.crc32(data), 0)


def deflated(name, data, declared=None):
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = packer.compress(data) + packer.flush()
    return (name, raw, len(data) if declared is None else declared, zlib.crc32(data), 8)


def npz_seeds():
    rng = numpy.random.default_rng(13)
    teacher = [rng.standard_normal((1, 80, 12)).astype(numpy.float32), rng.standard_normal((1, 6, 8)).astype(numpy.float32),
               numpy.array(6, dtype=numpy.int64)]
    put("npz", "teacher-layout.npz", npz_bytes(teacher))
    put("npz", "teacher-layout-compressed.npz", npz_bytes(teacher, compressed=True))
    put("npz", "centroids.npz", npz_bytes([rng.standard_normal((4, 3)).astype(numpy.float32)], compressed=True))
    member = npy_bytes(numpy.arange(6, dtype=numpy.float32))
    put("npz", "duplicate-names.npz", zip_bytes([stored("a.npy", member), stored("a.npy", member)]))
    put("npz", "declares-4-gb.npz", zip_bytes([deflated("arr_0.npy", member, declared=0xffffffff)]))
    put("npz", "bomb-header.npz", zip_bytes([deflated("arr_0.npy", npy_bytes(numpy.zeros((1, 80, 2000), dtype=numpy.float32)))]))
    put("npz", "bzip2-method.npz", zip_bytes([(*stored("arr_0.npy", member)[:4], 12)]))
    put("npz", "stored-size-mismatch.npz", zip_bytes([("arr_0.npy", member, len(member) + 10, zlib.crc32(member), 0)]))
    plain = bytearray(npz_bytes(teacher[:1]))
    end = plain.rfind(b"PK\x05\x06")
    for field, name in [(19, "directory-offset"), (15, "directory-size"), (11, "entry-count")]:
        hostile = bytearray(plain)
        hostile[end + field] = 0x7f
        put("npz", "outside-%s.npz" % name, bytes(hostile))
    put("npz", "zip64.npz", zip64(npz_bytes([numpy.arange(3, dtype=numpy.float32), numpy.array(7, dtype=numpy.int64)])))
    put("npz", "not-a-zip.npz", b"x" * 100)


def zip64(plain):
    """`plain` with its end record replaced by a zip64 record, its locator and a plain record saying "see zip64"."""
    end = plain.rfind(b"PK\x05\x06")
    entries, size, offset = struct.unpack("<HII", plain[end + 10:end + 20])
    body = plain[:end]
    record = struct.pack("<IQHHIIQQQQ", 0x06064b50, 44, 45, 45, 0, 0, entries, entries, size, offset)
    locator = struct.pack("<IIQI", 0x07064b50, 0, len(body), 1)
    return body + record + locator + struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, 0xffff, 0xffff, 0xffffffff, 0xffffffff, 0)


# --- .pth and its pickle -------------------------------------------------------------------------------------------

def torch_saved(value):
    out = io.BytesIO()
    torch.save(value, out)
    return out.getvalue()


def pickle_of(pth):
    with zipfile.ZipFile(io.BytesIO(pth)) as archive:
        return archive.read(next(name for name in archive.namelist() if name.endswith("data.pkl")))


def small_checkpoints():
    torch.manual_seed(13)
    weights = collections.OrderedDict([("cls_token", torch.randn(1, 1, 8)), ("pos_embed", torch.randn(1, 5, 8)),
                                       ("patch_embed.proj.weight", torch.randn(8, 1, 80, 2)[:, :, :4]),
                                       ("blocks.0.norm1.weight", torch.ones(8))])
    args = argparse.Namespace(model="m2d_s_vit_tiny", input_size=[80, 64], patch_size=[80, 2], mask_ratio=0.6)
    full = {"model": weights, "optimizer": {"state": {}, "param_groups": [{"lr": 1e-4}]}, "epoch": 3, "args": args}
    return {
        "state-dict.pth": weights,
        "training-save.pth": full,
        "one-entry.pth": {"model": collections.OrderedDict([("norm_stats", torch.tensor([-7.1, 4.2]))])},
        "half-bfloat16-double.pth": {"h": torch.randn(3).half(), "b": torch.randn(2, 2).bfloat16(), "d": torch.randn(2).double()},
        "views.pth": {"t": torch.arange(24.0).reshape(4, 6)[1:, ::2], "s": torch.arange(10.0)[3:7], "z": torch.zeros(0, 3)},
        "int-and-bool.pth": {"i": torch.arange(4), "flag": torch.tensor([True, False]), "list": [1], "tuple": (2.5, None, "x")},
        "hubert-names.pth": collections.OrderedDict([("feature_extractor.conv_layers.0.conv.weight", torch.randn(4, 1, 10)),
                                                     ("encoder.pos_conv_embed.conv.weight_g", torch.randn(1, 1, 8))]),
    }


def replaced_first_offset(pickle, offset_opcodes):
    """The storage offset after the first BINPERSID (cls_token's) replaced by `offset_opcodes`."""
    at = pickle.find(b"QK\x00")
    return pickle[:at + 1] + offset_opcodes + pickle[at + 3:] if at >= 0 else pickle


def pth_from(pth, pickle):
    with zipfile.ZipFile(io.BytesIO(pth)) as archive:
        members = [(name, archive.read(name)) for name in archive.namelist()]
    return zip_bytes([stored(name, pickle if name.endswith("data.pkl") else data) for name, data in members])


def pth_seeds():
    saved = {name: torch_saved(value) for name, value in small_checkpoints().items()}
    for name, data in saved.items():
        put("pth", name, data)
        put("pickle", name.replace(".pth", ".pkl"), pickle_of(data))
    plain = saved["state-dict.pth"]
    pickle = pickle_of(plain)
    # Storage offsets and strides outside the storage (tst_m2dsHostileFiles), as BININT / LONG1 opcodes.
    for name, opcodes in [("-8", b"J\xf8\xff\xff\xff"), ("-5", b"J\xfb\xff\xff\xff"),
                          ("2^63-1", b"\x8a\x08\xff\xff\xff\xff\xff\xff\xff\x7f"), ("beyond-the-storage", b"J\x01\x00\x00\x00")]:
        put("pth", "offset-%s.pth" % name, pth_from(plain, replaced_first_offset(pickle, opcodes)))
    strides = pickle.find(b"K\x08K\x08K\x01\x87")
    if strides >= 0:
        put("pth", "zero-stride.pth", pth_from(plain, pickle[:strides + 5] + b"\x00" + pickle[strides + 6:]))
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        members = [(name, archive.read(name)) for name in archive.namelist()]
    data_pkl = next(name for name, _ in members if name.endswith("data.pkl"))
    put("pth", "two-data-pkl.pth", zip_bytes([stored(n, d) for n, d in members] + [stored(data_pkl, b"\x80\x02}.")]))
    put("pth", "deflated-records.pth", zip_bytes([deflated(n, d) for n, d in members]))
    folder = data_pkl.split("/")[0]
    put("pth", "record-would-inflate.pth", zip_bytes([stored(n, d) for n, d in members] +
                                                     [deflated(folder + "/data/9", b"", declared=1 << 30)]))
    put("pth", "only-data-pkl.pth", zip_bytes([stored("archive/data.pkl", b"\x80\x02}."), stored("archive/version", b"3\n")]))
    put("pth", "no-version.pth", zip_bytes([stored("archive/data.pkl", b"\x80\x02}.")]))
    for name, version in [("out-of-range", b"99999999999999999999999\n"), ("not-a-number", b"three\n"), ("too-new", b"999\n")]:
        put("pth", "version-%s.pth" % name, zip_bytes([stored("archive/data.pkl", b"\x80\x02}."), stored("archive/version", version)]))
    flipped = bytearray(plain)
    flipped[plain.rfind(b"PK\x01\x02") + 20] ^= 0x63
    put("pth", "flipped-directory.pth", bytes(flipped))
    put("pth", "empty-zip.pth", zip_bytes([]))
    # The unpickler alone (tst_PickleReader, tst_m2dsHostileFiles), scaled down: nesting past the limit (100), a
    # memo-chained tree, a long key with a terminal escape and invalid UTF-8, a global that is not allowed.
    put("pickle", "nested-lists.pkl", b"\x80\x02" + b"]" * 300 + b"a" * 299 + b".")
    put("pickle", "nested-dicts.pkl", b"\x80\x02" + b"}X\x01\x00\x00\x00k" * 150 + b"N" + b"s" * 150 + b".")
    put("pickle", "memo-chain.pkl", b"\x80\x02]q\x00" + b"]q\x01h\x00a" * 200 + b".")
    key = b"\x1b[31m\xff" + b"k" * 3000
    put("pickle", "long-key.pkl", b"\x80\x02}X" + struct.pack("<I", len(key)) + key + b"K\x01s.")
    put("pickle", "os-system.pkl", b"\x80\x02cos\nsystem\nX\x02\x00\x00\x00lsq\x00\x85R.")
    put("pickle", "protocol-4-frame.pkl", __import__("pickle").dumps({"a": [1, 2.5, "x", b"y", None, True]}, protocol=4))
    put("pickle", "protocol-5.pkl", __import__("pickle").dumps((1, {2: [3]}, "é"), protocol=5))
    put("pickle", "truncated.pkl", pickle[: len(pickle) // 2])
    put("pickle", "stack-underflow.pkl", b"\x80\x02s.")


# --- safetensors ---------------------------------------------------------------------------------------------------

def safetensors_bytes(header, data=b""):
    text = header if isinstance(header, bytes) else json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data


def safetensors_seeds():
    values = numpy.arange(6, dtype=numpy.float32)
    tensors = {"a": ("F32", [2, 3], values.tobytes()), "h": ("F16", [3], values[:3].astype(numpy.float16).tobytes()),
               "bf": ("BF16", [2], (values[:2].view(numpy.uint32) >> 16).astype(numpy.uint16).tobytes()),
               "d": ("F64", [1, 2], values[:2].astype(numpy.float64).tobytes()), "empty": ("F32", [0, 4], b"")}
    header, data = {}, b""
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    config = json.loads(source("models", "presets", "m2d_s_vit_tiny-80x64p80x2.json"))
    header["__metadata__"] = {"m2ds.config": json.dumps(config), "m2ds.provenance": "{\"source\":\"seed\"}"}
    put("safetensors", "dtypes-and-metadata.safetensors", safetensors_bytes(header, data))
    real = source("tests", "golden", "hubert", "tiny", "base", "model.safetensors")
    length = struct.unpack("<Q", real[:8])[0]
    first = sorted(json.loads(real[8:8 + length]).items(), key=lambda item: item[1]["data_offsets"][0] if item[0] != "__metadata__" else -1)
    kept = {name: entry for name, entry in first if name != "__metadata__" and entry["data_offsets"][1] <= 2048}
    put("safetensors", "hubert-tiny-first-tensors.safetensors",
        safetensors_bytes(kept, real[8 + length:8 + length + max(e["data_offsets"][1] for e in kept.values())]))
    entry = {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}
    put("safetensors", "nested-header.safetensors", safetensors_bytes(b'{"__metadata__":' + b'{"a":' * 40 + b"1" + b"}" * 41))
    put("safetensors", "many-entries.safetensors",
        safetensors_bytes({"extra.%d" % i: {"dtype": "F32", "shape": [1], "data_offsets": [4 * i, 4 * i + 4]} for i in range(100)}, bytes(400)))
    put("safetensors", "overlap.safetensors", safetensors_bytes({"a": entry, "b": {**entry, "data_offsets": [4, 12]}}, bytes(12)))
    put("safetensors", "metadata-not-object.safetensors", safetensors_bytes({"__metadata__": [1, 2]}))
    put("safetensors", "escape-name.safetensors", safetensors_bytes(b'{"\\u001b[2J":{"dtype":"I8","shape":[1],"data_offsets":[0,1]}}', b"\0"))
    put("safetensors", "huge-header-length.safetensors", b"\xff\xff\xff\xff\xff\xff\x00\x00{}")
    put("safetensors", "shape-overflow.safetensors", safetensors_bytes({"a": {**entry, "shape": [1 << 40, 1 << 40, 1 << 40]}}, bytes(8)))
    put("safetensors", "offsets-backwards.safetensors", safetensors_bytes({"a": {**entry, "data_offsets": [8, 0]}}, bytes(8)))
    put("safetensors", "data-cut.safetensors", safetensors_bytes({"a": entry}, bytes(4)))


# --- JSON: model presets and checkpoint headers, training settings and state, HF config.json ------------------------

def json_seeds():
    presets = os.path.join(ROOT, "models", "presets")
    for name in sorted(os.listdir(presets)):
        put("model_config", name, source("models", "presets", name))
    put("model_config", "hostile-numbers.json", '{"embed_dim": 1e300, "depth": -4, "input_size": [80.5, 1e19], "norm_stats": [1, 0]}')
    put("model_config", "wrong-types.json", '{"name": 7, "input_size": "80x608", "patch_size": [80], "mask_ratio": null}')
    put("model_config", "nested.json", '{"name": ' + "[" * 2000 + "]" * 2000 + "}")
    put("model_config", "not-json.json", '{"name": "m2d_s_vit_base", ')
    train = {"speech": ["/data/librispeech"], "noise": [], "teacher": "npz", "output_dir": "/runs/a", "resume": "",
             "model": "m2d_s_vit_base-80x608p80x2", "input_size": "80x608", "patch_size": "80x2", "batch_size": 256,
             "accum_iter": 1, "epochs": 300, "warmup_epochs": 20, "blr": 3e-4, "lr": 0, "min_lr": 0, "weight_decay": 0.05,
             "beta1": 0.9, "beta2": 0.95, "adam_eps": 1e-8, "mask_ratio": 0.6, "loss_m2d": 1, "loss_off": 1,
             "noise_ratio": 0.2, "ema_decay_init": 0.99995, "ema_decay": 0.99999, "clip_grad": 0, "seed": 0,
             "device": "auto", "amp": "auto", "workers": 2, "log_every": 10, "save_freq": 50, "keep_last": 3,
             "eval_freq": 0, "rankme_samples": 512, "norm_stats_crops": 1000, "pad_seconds": 0, "mfcc_coefficients": 13}
    state = {"next_epoch": 4, "next_step": 0, "iterations": 4000, "optimiser_updates": 4000, "loss_scale": 65536.0,
             "loss_scale_growth_tracker": 12, "speech_mean": -7.1, "speech_std": 4.2, "noise_mean": -9.0,
             "world_size": 2, "teacher": "npz", "speech": "/data/librispeech", "noise": ""}
    put("train_config", "train-config.json", json.dumps(train, indent=2))
    put("train_config", "training-state.json", json.dumps(state))
    put("train_config", "both.json", json.dumps({**train, **state}))
    put("train_config", "hostile-numbers.json", json.dumps({**state, "next_epoch": 1e300, "iterations": -1, "batch_size": 18446744073709551615}))
    put("train_config", "wrong-types.json", '{"speech": "one", "epochs": "300", "amp": 16, "next_step": [0]}')
    hubert = os.path.join("tests", "golden", "hubert", "tiny")
    for folder in ("base", "large", "bad/not_json", "bad/unsupported_norm", "bad/config_mismatch"):
        put("hubert_config", folder.replace("/", "-") + ".json", source(hubert, *folder.split("/"), "config.json"))
    base = json.loads(source(hubert, "base", "config.json"))
    put("hubert_config", "wav2vec2.json", json.dumps({**base, "model_type": "wav2vec2", "do_stable_layer_norm": True, "feat_extract_norm": "layer"}))
    put("hubert_config", "hostile-numbers.json", json.dumps({**base, "hidden_size": 1e300, "conv_stride": [2 ** 31 - 1] * 7, "conv_kernel": [2 ** 31 - 1] * 7}))
    put("hubert_config", "wrong-type-long-list.json", json.dumps({**base, "num_hidden_layers": list(range(600))}))


# --- TextGrids -----------------------------------------------------------------------------------------------------

LONG_TEXTGRID = '''File type = "ooTextFile"
Object class = "TextGrid"

xmin = 0
xmax = 1.5
tiers? <exists>
size = 2
item []:
    item [1]:
        class = "IntervalTier"
        name = "words"
        xmin = 0
        xmax = 1.5
        intervals: size = 2
        intervals [1]:
            xmin = 0
            xmax = 0.7
            text = "hello"
        intervals [2]:
            xmin = 0.7
            xmax = 1.5
            text = "say ""hi"""
    item [2]:
        class = "TextTier"
        name = "events"
        xmin = 0
        xmax = 1.5
        points: size = 1
        points [1]:
            number = 0.5
            mark = "click"
'''
SHORT_TEXTGRID = ('File type = "ooTextFile"\nObject class = "TextGrid"\n\n0\n2\n<exists>\n2\n"IntervalTier"\n"phones"\n0\n2\n2\n'
                  '0\n1.25\n"a"\n1.25\n2\n"b"\n"TextTier"\n"events"\n0\n2\n1\n0.5\n"click"\n')


def textgrid_seeds():
    put("textgrid", "long.TextGrid", LONG_TEXTGRID)
    put("textgrid", "short.TextGrid", SHORT_TEXTGRID)
    put("textgrid", "utf16le.TextGrid", b"\xff\xfe" + SHORT_TEXTGRID.replace('"a"', '"é"').encode("utf-16-le"))
    put("textgrid", "utf16be.TextGrid", b"\xfe\xff" + SHORT_TEXTGRID.encode("utf-16-be"))
    put("textgrid", "utf8-bom.TextGrid", b"\xef\xbb\xbf" + LONG_TEXTGRID.encode())
    put("textgrid", "no-tiers.TextGrid", 'File type = "ooTextFile"\nObject class = "TextGrid"\n\nxmin = 0\nxmax = 1\ntiers? <absent>\n')
    put("textgrid", "huge-count.TextGrid", SHORT_TEXTGRID.replace("\n2\n\"IntervalTier\"", "\n1e300\n\"IntervalTier\""))
    put("textgrid", "unclosed-string.TextGrid", SHORT_TEXTGRID[:-8])
    put("textgrid", "backwards.TextGrid", SHORT_TEXTGRID.replace("0\n1.25\n\"a\"", "1.5\n1.25\n\"a\""))
    put("textgrid", "comments.TextGrid", "! Praat comment\n" + SHORT_TEXTGRID.replace("<exists>", "<exists> ! tiers follow"))


# --- CSV and TSV lists: label CSVs, labelled sets, training data lists --------------------------------------------------

def list_seeds():
    put("label_csv", "segments.csv", "file,start,end,label\nrec1.wav,0,0.7,hello\nrec1.wav,0.7,1.5,\"say, \"\"hi\"\"\"\n/data/rec2.flac,0.0,2.25,AY1\n")
    put("label_csv", "clip-level.csv", "file,label\nspeech/a.wav,yes\nspeech/b.wav,no\r\nspeech/c.wav,yes\r\n")
    put("label_csv", "extra-columns.csv", "speaker,file,label,end,start\ns1,x.wav,a,2,1\ns2,y.wav,b,1e3,0\n")
    put("label_csv", "bad-times.csv", "file,start,end,label\na.wav,-1,2,x\nb.wav,2,1,y\nc.wav,nan,inf,z\nd.wav,0x10,1e999,w\n")
    put("label_csv", "short-row.csv", "file,start,end,label\na.wav,0,1\n")
    put("label_csv", "header-only.csv", "file,label\n")
    put("label_csv", "escape-in-time.csv", "file,start,end,label\na.wav,\x1b[2J" + "9" * 300 + ",1,x\n")
    put("labelled_set", "file-label.csv", "file,label\ndogs/a.wav,dog\ncats/b.wav,cat\n/abs/c.flac,dog\n")
    put("labelled_set", "groups-bom.csv", "\ufefffile , label , group\n\"a, b.wav\",yes,spk1\nc.wav,no,spk2\r\nd.wav,no,spk1\n")
    put("labelled_set", "empty-fields.csv", "file,label,group\na.wav,,g\n,x,g\nb.wav,y,\n")
    put("labelled_set", "one-label.csv", "file,label\na.wav,same\nb.wav,same\n")
    put("labelled_set", "missing-column.csv", "path,class\na.wav,x\n")
    put("labelled_set", "long-header.csv", ",".join("\x1bcol%d" % i for i in range(300)) + "\n")
    put("data_list", "m2d.csv", "file_name,duration\nLibriSpeech/train-clean-100/19/198/19-198-0001.npz,14.5\n\"quoted, name.wav\",1\n/abs/x.npy,2\n")
    put("data_list", "fairseq.tsv", "/data/LibriSpeech\ntrain-clean-100/19/198/19-198-0001.flac\t232480\n../up/x.flac\t16000\r\n\n")
    put("data_list", "golden-manifest.tsv", source("tests", "golden", "frontend", "manifest.tsv"))
    put("data_list", "no-file-name.csv", "path,duration\na.wav,1\n")
    put("data_list", "short-row.csv", "duration,file_name\n1\n")
    put("km", "labels.km", "12 12 12 7 7 499 0\n3 3 3\n\n0 1 2 3 4 5 6 7 8 9\n")
    put("km", "crlf-tabs.km", "1\t2 3\r\n4  5\n")
    put("km", "bad-ids.km", "1 -2 3\n2147483648 99999999999999999999 0x1f 1e3\n\x1b[2J\n")


def main():
    global REWRITE
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rewrite", action="store_true", help="rewrite the seeds that exist too")
    REWRITE = parser.parse_args().rewrite
    audio_seeds()
    npy_seeds()
    npz_seeds()
    pth_seeds()
    safetensors_seeds()
    json_seeds()
    textgrid_seeds()
    list_seeds()


if __name__ == "__main__":
    main()
