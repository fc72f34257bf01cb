#!/usr/bin/python3
"""Write seed inputs for the fuzz targets into corpus/: one valid small
frame per pixel format for fuzz_frame; moving squares in regions for
fuzz_crowd; drawn plates, still and video, for fuzz_plate; one valid input
per parser for fuzz_cli_parsers (the fuzzers find the bad ones). Seeds
with realistic plates come from the C helper make_plate_seeds (it draws
with tests/plate/plate_synth):
    build/tests/fuzz/make_plate_seeds tests/fuzz/corpus/plate

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


def frame_bytes(fmt, width, height, pixels_of, padding=0):
    """A frame as fuzz_frames.h reads it: format, width, height (2 bytes
    each, big-endian), layout 0, then per plane a padding byte and the rows."""
    out = bytes([fmt]) + struct.pack(">HH", width, height) + bytes([0])
    for plane, (row, rows) in enumerate(plane_sizes(fmt, width, height)):
        out += bytes([padding])
        stride = row + padding
        data = bytearray()
        for y in range(rows):
            data += bytes(pixels_of(plane, x, y) for x in range(row))
            if y < rows - 1:
                data += bytes(padding)
        out += bytes(data)
    return out


def textured(seed, block=None):
    """Gray texture, with an optional bright square at block = (x, y, size)."""
    def pixel(plane, x, y):
        if plane > 0:
            return 128
        if block and block[0] <= x < block[0] + block[2] and block[1] <= y < block[1] + block[2]:
            return 230 - ((x * 7 + y * 3) % 40)
        return 60 + ((x * 37 + y * 11 + seed) % 23)
    return pixel


def crowd_seeds():
    seeds = {}
    # Options byte: processing width 16, analyse every frame, 2 warm-up frames.
    head = bytes([0x09])
    square = bytes([0x00, 0x00, 4]) + b"".join(
        bytes([0x40, x, 0x40, y]) for x, y in ((20, 20), (235, 20), (235, 235), (20, 235)))
    square += bytes([0])  # config byte (unused: the default config)
    frames = b""
    for i in range(8):
        frames += bytes([0x03]) + frame_bytes(1, 32, 24, textured(0, (2 + 3 * i, 6, 10)))
    seeds["gray-moving-square"] = head + square + frames + bytes([0x07])
    # Same in I420 and BGR, with a config change by name and an overlay.
    for fmt, name in ((12, "i420"), (3, "bgr"), (14, "nv12"), (16, "yuy2")):
        body = head + square
        for i in range(6):
            body += bytes([0x04]) + frame_bytes(fmt, 33, 17, textured(fmt, (3 * i, 4, 9)), 3)
        value = b"20"
        body += bytes([0x06, 0]) + bytes([len(value)]) + value + bytes([0])
        body += bytes([0x05]) + frame_bytes(fmt, 40, 30, textured(1))
        body += bytes([0x07])
        seeds["config-overlay-" + name] = body
    # A self-crossing polygon, a removal and a discontinuity.
    bow = bytes([0x00, 0x01, 4]) + b"".join(
        bytes([0x40, x, 0x40, y]) for x, y in ((0, 0), (255, 255), (255, 0), (0, 255))) + bytes([0])
    body = head + bow + square
    for i in range(4):
        body += bytes([0x83 if i == 2 else 0x03]) + frame_bytes(1, 48, 32, textured(i, (i * 4, 8, 12)))
    body += bytes([0x02, 0x01, 0x07])
    seeds["bowtie-remove-discontinuity"] = body
    return seeds


# A 5x7 font for the digits and a few letters, enough to draw plate-like
# text (the plate fuzzer's seeds start from something the detector finds).
FONT = {
    "0": ["01110", "10001", "10011", "10101", "11001", "10001", "01110"],
    "1": ["00100", "01100", "00100", "00100", "00100", "00100", "01110"],
    "2": ["01110", "10001", "00001", "00010", "00100", "01000", "11111"],
    "3": ["11110", "00001", "00001", "01110", "00001", "00001", "11110"],
    "4": ["00010", "00110", "01010", "10010", "11111", "00010", "00010"],
    "5": ["11111", "10000", "11110", "00001", "00001", "10001", "01110"],
    "7": ["11111", "00001", "00010", "00100", "01000", "01000", "01000"],
    "A": ["01110", "10001", "10001", "11111", "10001", "10001", "10001"],
    "B": ["11110", "10001", "10001", "11110", "10001", "10001", "11110"],
    "C": ["01110", "10001", "10000", "10000", "10000", "10001", "01110"],
}


def plate_picture(width, height, text, px, py, scale):
    """Gray picture: a dark car body on a road, and on it a white plate with
    a black rim and black glyphs, its top-left corner at (px, py)."""
    pw = (len(text) * 6 + 3) * scale
    ph = 11 * scale
    def pixel(plane, x, y):
        if plane > 0:
            return 128
        if px <= x < px + pw and py <= y < py + ph:
            if x < px + scale // 2 or x >= px + pw - scale // 2 or y < py + scale // 2 or y >= py + ph - scale // 2:
                return 25
            gx, gy = (x - px) // scale - 2, (y - py) // scale - 2
            if 0 <= gy < 7 and gx >= 0:
                ch, col = divmod(gx, 6)
                if ch < len(text) and col < 5 and FONT[text[ch]][gy][col] == "1":
                    return 20
            return 235
        if px - 3 * scale <= x < px + pw + 3 * scale and py - 4 * scale <= y < py + ph + 3 * scale:
            return 60
        return 120 + ((x * 13 + y * 7) % 17)
    return pixel


def plate_seeds():
    """The low 3 bits of the first byte pick one of fuzz_plate's 8 handles;
    the 16 bytes are also checked as options of their own."""
    seeds = {}
    def head(which):
        return bytes([which, 5, 64, 0, 0, 0, 7, 11, 3, 0, 0, 0, 0, 0, 0, 0])
    gray = frame_bytes(1, 260, 120, plate_picture(260, 120, "AB1234", 50, 40, 4))
    i420 = frame_bytes(12, 200, 90, plate_picture(200, 90, "7C0125", 30, 20, 4))
    for which in range(8):
        seeds["gray-%d" % which] = head(which) + gray + bytes([2])
    seeds["i420-0"] = head(0) + i420 + bytes([0])
    for which in (1, 3, 7):
        body = head(which)
        for i in range(4):
            body += frame_bytes(1, 260, 120, plate_picture(260, 120, "AB1234", 30 + 8 * i, 40, 4))
            body += bytes([2 if i == 3 else 0])
        seeds["video-%d" % which] = body
    return seeds


def cli_seeds():
    y4m = b"W32 H16 F25:1 Ip A1:1 C420jpeg XYSCSS=420JPEG\n"
    for i in range(2):
        y4m += b"FRAME\n" + bytes((x * 7 + i) % 256 for x in range(32 * 16 * 3 // 2))
    mono = b"W8 H4 Cmono\nFRAME\n" + bytes(32) + b"FRAME xyz\n" + bytes(32)
    raw = bytes([12, 9, 5, 1, 25]) + bytes(range(256)) * 2
    return {
        "y4m-420jpeg": bytes([0]) + y4m,
        "y4m-mono": bytes([0]) + mono,
        "y4m-mono16-truncated": bytes([0]) + b"W9 H3 F30000:1001 Cmono16\nFRAME\n" + bytes(20),
        "raw-i420-gstreamer": bytes([1]) + raw,
        "raw-bgr": bytes([1, 3, 7, 3, 0, 30]) + bytes(range(200)),
        "size": bytes([2]) + b"320x240",
        "format": bytes([2]) + b"I420",
        "layout": bytes([2]) + b"gstreamer",
        "fps": bytes([2]) + b"29.97",
        "crowd-roi": bytes([3]) + b"door=0.1,0.1;0.9,0.1;0.5,0.9",
        "crowd-roi-signs": bytes([3]) + b"a=-0.5,+1.;.5,0;1,1;0,1",
        "plate-roi": bytes([4]) + b"0.1,0.1,0.9,0.1,0.9,0.9,0.1,0.9",
        "crowd-set": bytes([5]) + b"occupancyLevelMin=20.5",
        "crowd-set-bool": bytes([5]) + b"sendOpticalFlowEvent=true",
        "countries": bytes([6]) + b"us, EU,br",
        "format-name": bytes([7]) + b"BGRx",
    }


def write_all(directory, seeds):
    os.makedirs(directory, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(directory, "seed-" + name), "wb") as handle:
            handle.write(data)


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus")
    rng = random.Random(2026)
    os.makedirs(os.path.join(corpus, "frame"), exist_ok=True)
    for fmt in FORMATS:
        for width, height in ((1, 1), (7, 5), (32, 18)):
            name = os.path.join(corpus, "frame", f"seed-{fmt:02d}-{width}x{height}")
            with open(name, "wb") as handle:
                handle.write(frame_seed(fmt, width, height, rng))
    write_all(os.path.join(corpus, "crowd"), crowd_seeds())
    write_all(os.path.join(corpus, "plate"), plate_seeds())
    write_all(os.path.join(corpus, "cli_parsers"), cli_seeds())


main()
