#!/usr/bin/python3
"""Reads a TensorBoard event file as TensorBoard does and prints its scalars (Debian python3-protobuf + protoc):

    /usr/bin/python3 tests/golden/tensorboard/check_event_file.py EVENT_FILE [TAG ...]

TFRecord framing with masked CRC-32C checked on every record (pure-Python CRC-32C), each payload parsed as a
`tensorflow.Event` compiled by protoc from core/tensorboard/tensorboard_event.proto (TensorBoard's field numbers);
the first record must be file_version "brain.Event:2", and every TAG given must have at least one finite scalar with
non-decreasing steps. Exit 0 and one line per tag: count, first and last step and value.
"""
import math
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_DIR = os.path.join(HERE, "..", "..", "..", "core", "tensorboard")


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def masked(crc):
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def records(path):
    data = open(path, "rb").read()
    at = 0
    while at < len(data):
        header = data[at:at + 8]
        (length,) = struct.unpack("<Q", header)
        (header_crc,) = struct.unpack("<I", data[at + 8:at + 12])
        assert masked(crc32c(header)) == header_crc, f"length CRC wrong at byte {at}"
        payload = data[at + 12:at + 12 + length]
        (payload_crc,) = struct.unpack("<I", data[at + 12 + length:at + 16 + length])
        assert masked(crc32c(payload)) == payload_crc, f"data CRC wrong at byte {at}"
        yield payload
        at += 16 + length


def event_class():
    out = tempfile.mkdtemp()
    subprocess.run(["protoc", f"--proto_path={PROTO_DIR}", f"--python_out={out}", "tensorboard_event.proto"], check=True)
    sys.path.insert(0, out)
    import tensorboard_event_pb2  # noqa: E402
    return tensorboard_event_pb2.Event


def main():
    path, tags = sys.argv[1], sys.argv[2:]
    Event = event_class()
    events = [Event.FromString(payload) for payload in records(path)]
    assert events and events[0].file_version == "brain.Event:2", "the first record is not file_version brain.Event:2"
    scalars = {}
    for event in events[1:]:
        for value in event.summary.value:
            scalars.setdefault(value.tag, []).append((event.step, value.simple_value))
    for tag in tags:
        series = scalars.get(tag)
        assert series, f"no scalar {tag!r} (tags: {sorted(scalars)})"
        assert all(math.isfinite(v) for _, v in series), f"{tag}: non-finite value"
        assert all(a[0] <= b[0] for a, b in zip(series, series[1:])), f"{tag}: steps go backwards"
        print(f"{tag}: {len(series)} scalars, step {series[0][0]} -> {series[-1][0]}, value {series[0][1]:.6g} -> {series[-1][1]:.6g}")


if __name__ == "__main__":
    main()
