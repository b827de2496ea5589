#!/usr/bin/python3
"""Reads what `m2ds extract --format projector` writes the way a TensorBoard user would: tensors.tsv (tab-separated
floats, one row per embedding), metadata.tsv (a header row, then one row per embedding) and projector_config.pbtxt
(an `embeddings { tensor_name tensor_path metadata_path }` block), plus provenance.json. The frame rows must equal the
NPY export's rows that its index CSV names; the clip rows (mean+std) must have twice the width. Standard library only.

    /usr/bin/python3 tests/golden/analysis/check_projector_export.py M2DS_EXECUTABLE WORKDIR
(run by ctest as check_projector_export)
"""
import array
import ast
import csv
import json
import math
import os
import re
import subprocess
import sys
import wave

HERE = os.path.dirname(os.path.abspath(__file__))
TINY = os.path.join(HERE, "..", "model", "tiny", "m2d_s_vit_tiny-80x64p80x2-231125", "checkpoint-3.pth")
DIM = 32  # the tiny model's frame feature size
HEADER = ["label", "file", "layer", "frame", "start_s"]


def fail(message):
    print("check_projector_export: " + message)
    sys.exit(1)


def write_tone(path, hertz, seconds):
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        samples = array.array("h", (int(8000 * math.sin(2 * math.pi * hertz * i / 16000)) for i in range(int(seconds * 16000))))
        out.writeframes(samples.tobytes())


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as table:
        return [line.rstrip("\n").split("\t") for line in table]


def read_npy(path):
    """A little-endian float32 .npy as (shape, flat array)."""
    with open(path, "rb") as data:
        if data.read(6) != b"\x93NUMPY":
            fail(path + ": not an .npy")
        major = data.read(2)[0]
        length = int.from_bytes(data.read(2 if major == 1 else 4), "little")
        header = ast.literal_eval(data.read(length).decode("latin1"))
        if header["descr"] != "<f4" or header["fortran_order"]:
            fail(path + ": not C-order float32")
        values = array.array("f")
        values.frombytes(data.read())
    return header["shape"], values


def read_pbtxt(path):
    """The key: "value" pairs of each embeddings { } block."""
    text = open(path, encoding="utf-8").read()
    blocks = re.findall(r"embeddings\s*\{([^}]*)\}", text)
    return [dict(re.findall(r'(\w+)\s*:\s*"([^"]*)"', block)) for block in blocks]


def check_folder(folder, width, level):
    configs = read_pbtxt(os.path.join(folder, "projector_config.pbtxt"))
    if len(configs) != 1 or not configs[0].get("tensor_name"):
        fail(f"{folder}: projector_config.pbtxt has {len(configs)} embeddings blocks {configs}")
    tensors = read_tsv(os.path.join(folder, configs[0]["tensor_path"]))
    metadata = read_tsv(os.path.join(folder, configs[0]["metadata_path"]))
    if metadata[0] != HEADER:
        fail(f"{folder}: metadata header {metadata[0]}")
    if len(tensors) != len(metadata) - 1 or not tensors:
        fail(f"{folder}: {len(tensors)} tensor rows, {len(metadata) - 1} metadata rows")
    for row, meta in zip(tensors, metadata[1:]):
        if len(row) != width or len(meta) != len(HEADER):
            fail(f"{folder}: a row of {len(row)} values / {len(meta)} metadata columns")
        [float(value) for value in row]
        if meta[0] != "" or int(meta[2]) not in (0, 2):
            fail(f"{folder}: metadata row {meta}")
        frame, start = int(meta[3]), float(meta[4])
        if (level == "clip") != (frame == -1) or abs(start - max(frame, 0) * 0.02) > 1e-9:
            fail(f"{folder}: metadata row {meta}")
    provenance = json.load(open(os.path.join(folder, "provenance.json"), encoding="utf-8"))
    if provenance["format"] != "projector" or provenance["level"] != level or provenance["layers"] != [0, 2]:
        fail(f"{folder}: provenance {provenance}")
    return tensors, metadata[1:]


def main():
    m2ds, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    recordings = [os.path.join(work, "low.wav"), os.path.join(work, "high.wav")]
    write_tone(recordings[0], 220, 1.25)
    write_tone(recordings[1], 880, 0.75)
    extract = [m2ds, "extract", "--model", TINY, "--layers", "0,2", *recordings]
    frames_folder, clip_folder, npy = (os.path.join(work, name) for name in ("frames", "clips", "frames.npy"))
    subprocess.run([*extract, "--format", "projector", "-o", frames_folder], check=True)
    subprocess.run([*extract, "--clip", "--pooling", "mean+std", "--format", "projector", "-o", clip_folder], check=True)
    subprocess.run([*extract, "-o", npy], check=True)

    tensors, metadata = check_folder(frames_folder, DIM, "frame")
    clips, _ = check_folder(clip_folder, 2 * DIM, "clip")
    if len(clips) != 2 * len(recordings):
        fail(f"{len(clips)} clip rows")
    shape, values = read_npy(npy)
    with open(npy + ".index.csv", encoding="utf-8", newline="") as table:
        index = {(entry["file"], entry["layer"], entry["frame"]): int(entry["row"]) for entry in csv.DictReader(table)}
    if len(index) != len(tensors) or shape[-1] != DIM:
        fail(f"NPY {shape} with {len(index)} index rows against {len(tensors)} projector rows")
    for row, meta in zip(tensors, metadata):
        npy_row = index[(meta[1], meta[2], meta[3])]
        expected = values[npy_row * DIM:(npy_row + 1) * DIM]
        if array.array("f", map(float, row)) != expected:
            fail(f"projector row {meta} differs from NPY row {npy_row}")
    print(f"projector export: {len(tensors)} frame rows x {DIM} equal to the NPY export, {len(clips)} clip rows x {2 * DIM}")


if __name__ == "__main__":
    main()
