#!/usr/bin/python3
"""Write seed inputs for the fuzz targets into corpus/: one valid small
frame per pixel format for fuzz_frame (the fuzzers find the bad ones).

    make_seeds.py [CORPUS_DIR]
"""
import os
import random
import struct
import sys

# (format number, bytes per pixel of plane 0 or None for YUV 4:2:0/4:2:2)
FORMATS = range(1, 19)


def plane_sizes(fmt, width, height):
    half_w, half_h = (width + 1) // 2, (height + 1) // 2
    if fmt in (12, 13):  # I420, YV12
        return [(width, height), (half_w, half_h), (half_w, half_h)]
    if fmt in (14, 15):  # NV12, NV21
        return [(width, height), (2 * half_w, half_h)]
    if fmt in (16, 17):  # YUY2, UYVY
        return [(4 * half_w, height)]
    bpp = {1: 1, 2: 3, 3: 3, 18: 2}.get(fmt, 4)
    return [(bpp * width, height)]


def frame_seed(fmt, width, height, rng):
    out = struct.pack(">III", fmt, width, height) + bytes([0])  # layout 0: all planes, v1
    pixels = b""
    for row, rows in plane_sizes(fmt, width, height):
        padding = rng.choice([0, 3, 16])
        out += bytes([16 + padding])  # stride = row + padding
        stride = row + padding
        pixels += bytes(rng.randrange(256) for _ in range(stride * (rows - 1) + row))
    return out + pixels


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus")
    rng = random.Random(2026)
    os.makedirs(os.path.join(corpus, "frame"), exist_ok=True)
    for fmt in FORMATS:
        for width, height in ((1, 1), (7, 5), (32, 18)):
            name = os.path.join(corpus, "frame", f"seed-{fmt:02d}-{width}x{height}")
            with open(name, "wb") as handle:
                handle.write(frame_seed(fmt, width, height, rng))


main()
