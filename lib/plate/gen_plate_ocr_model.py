#!/usr/bin/python3
"""Generate lib/plate/plate_ocr_model.c: the per-character classifier of the
plate reader.

The classifier is a small multilayer perceptron (one hidden layer, ReLU,
softmax) over a normalised glyph: the glyph's box resized to
PLATE_GLYPH_W x PLATE_GLYPH_H with OpenCV's INTER_AREA, ink mapped to 1 and
paper to 0 by the patch's own min/max, plus the box's aspect ratio. The C
side (plate_ocr.c, plate_ocr_glyph_features()) computes exactly the same
features.

Training data is rendered here from fonts of Debian packages whose shapes
resemble plate fonts (fonts-opendin: DIN 1451; fonts-roboto-unhinted:
Roboto Condensed; fonts-dejavu-core; fonts-liberation2; fonts-routed-gothic;
fonts-b612), distorted the way camera pictures of plates are (rotation,
shear, stroke weight, low resolution then upscaling, blur, noise, imprecise
boxes), plus a "not a character" class (separators, bolts, blobs, pieces of
two neighbouring characters). No photograph is used.

Needs: python3-numpy, python3-opencv, python3-pil and the font packages
above. Deterministic for a given seed (and numpy/OpenCV/font versions).
Takes 10-20 minutes on two cores, so its output is committed. Usage:
    /usr/bin/python3 lib/plate/gen_plate_ocr_model.py lib/plate/plate_ocr_model.c
(PLATE_OCR_SAMPLES per character, default 1200; PLATE_OCR_EPOCHS, default 28.)
"""
import os
import sys

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

GLYPH_W, GLYPH_H = 16, 24
CLASSES = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
NOISE = len(CLASSES)  # the "not a character" class
HIDDEN = 128
SEED = 1452

FONT_DIRS = "/usr/share/fonts/truetype"
FONTS = [  # (path, weight in the training mix)
    ("opendin/OSP-DIN.ttf", 4),
    ("roboto/unhinted/RobotoCondensed-Regular.ttf", 1),
    ("roboto/unhinted/RobotoCondensed-Medium.ttf", 2),
    ("roboto/unhinted/RobotoCondensed-Bold.ttf", 2),
    ("dejavu/DejaVuSansCondensed.ttf", 1),
    ("dejavu/DejaVuSansCondensed-Bold.ttf", 2),
    ("dejavu/DejaVuSans-Bold.ttf", 1),
    ("liberation2/LiberationSans-Regular.ttf", 1),
    ("liberation2/LiberationSans-Bold.ttf", 1),
    ("routed-gothic/routed-gothic.ttf", 2),
    ("routed-gothic/routed-gothic-narrow.ttf", 2),
    ("/usr/share/fonts/opentype/b612/B612-Bold.otf", 1),
]

rng = np.random.default_rng(SEED)


CELL = 4  # gradient histogram cells of CELL x CELL pixels
BINS = 8  # unsigned orientations


def gradient_histograms(v):
    """Histograms of gradient orientation (0..180 degrees, BINS bins,
    weighted by magnitude) over CELL x CELL cells of the normalised glyph,
    the whole vector L2-normalised and scaled by 4."""
    gx = np.zeros_like(v)
    gy = np.zeros_like(v)
    gx[:, 1:-1] = v[:, 2:] - v[:, :-2]
    gy[1:-1, :] = v[2:, :] - v[:-2, :]
    mag = np.sqrt(gx * gx + gy * gy)
    ang = np.mod(np.arctan2(gy, gx), np.pi)
    b = np.minimum((ang / np.pi * BINS).astype(int), BINS - 1)
    h = np.zeros((GLYPH_H // CELL, GLYPH_W // CELL, BINS), np.float32)
    for o in range(BINS):
        m = (mag * (b == o)).reshape(GLYPH_H // CELL, CELL, GLYPH_W // CELL, CELL)
        h[:, :, o] = m.sum(axis=(1, 3))
    h = h.reshape(-1)
    return h / (np.sqrt((h * h).sum()) + 1e-3) * 4.0


def glyph_features(patch, box_w, box_h):
    """The classifier's input, as plate_ocr_glyph_features() computes it:
    patch is the gray crop of the glyph's box, ink dark. The normalised
    pixels (ink 1), the box's aspect ratio, the gradient histograms."""
    small = cv2.resize(patch, (GLYPH_W, GLYPH_H), interpolation=cv2.INTER_AREA).astype(np.float32)
    lo, hi = float(small.min()), float(small.max())
    scale = 1.0 / max(hi - lo, 8.0)
    v = ((hi - small) * scale).astype(np.float32)
    return np.concatenate([v.reshape(-1), [box_w / float(box_h)],
                           gradient_histograms(v)]).astype(np.float32)


def render_text(font, text, size):
    """Dark text on white, tightly cropped plus a margin, at ~size px cap height."""
    f = ImageFont.truetype(font, size)
    l, t, r, b = f.getbbox(text)
    pad = size // 2
    im = Image.new("L", (r - l + 2 * pad, b - t + 2 * pad), 255)
    ImageDraw.Draw(im).text((pad - l, pad - t), text, font=f, fill=0)
    return np.array(im)


def distort(img, ink_ratio_hint=None):
    """Camera-like distortion of a high-resolution dark-on-white image.
    Returns the distorted gray image (dark ink)."""
    h, w = img.shape
    # stroke weight
    k = rng.integers(-3, 4)
    if k > 0:
        img = cv2.erode(img, np.ones((k + 1, k + 1), np.uint8))
    elif k < 0:
        img = cv2.dilate(img, np.ones((-k + 1, -k + 1), np.uint8))
    # rotation, shear, horizontal squeeze
    ang = rng.normal(0, 2.5)
    shear = rng.normal(0, 0.08)
    sx = rng.uniform(0.65, 1.2)
    c, s = np.cos(np.radians(ang)), np.sin(np.radians(ang))
    m = np.array([[c * sx, -s + shear, 0], [s * sx, c, 0]], np.float64)
    corners = np.array([[0, 0, 1], [w, 0, 1], [0, h, 1], [w, h, 1]], np.float64) @ m.T
    mn = corners.min(0)
    mx = corners.max(0)
    m[:, 2] = -mn
    ow, oh = int(np.ceil(mx[0] - mn[0])), int(np.ceil(mx[1] - mn[1]))
    img = cv2.warpAffine(img, m, (ow, oh), flags=cv2.INTER_LINEAR, borderValue=255)
    return img


def degrade(img, target_h):
    """Shrink so the ink is ~target_h px tall at low resolution, blur, noise,
    then upscale as the reader does (its plates are warped to a fixed height)."""
    ink = img < 128
    ys = np.where(ink.any(1))[0]
    ink_h = (ys[-1] - ys[0] + 1) if len(ys) else img.shape[0]
    low_h = rng.uniform(9, 40)
    f = low_h / ink_h
    small = cv2.resize(img, (max(1, int(img.shape[1] * f)), max(1, int(img.shape[0] * f))),
                       interpolation=cv2.INTER_AREA)
    if rng.random() < 0.6:
        small = cv2.GaussianBlur(small, (0, 0), rng.uniform(0.3, 1.1))
    # contrast and brightness: ink and paper levels
    paper = rng.uniform(120, 255)
    inkv = rng.uniform(0, paper - 50)
    small = inkv + (small.astype(np.float32) / 255.0) * (paper - inkv)
    # uneven light
    gx = np.linspace(-1, 1, small.shape[1])[None, :] * rng.normal(0, 15)
    small = small + gx
    small = small + rng.normal(0, rng.uniform(0, 10), small.shape)
    small = np.clip(small, 0, 255).astype(np.uint8)
    if rng.random() < 0.3:  # JPEG-like blockiness
        ok, enc = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(30, 80))])
        small = cv2.imdecode(enc, cv2.IMREAD_GRAYSCALE)
    g = target_h / low_h
    out = cv2.resize(small, (max(1, int(small.shape[1] * g)), max(1, int(small.shape[0] * g))),
                     interpolation=cv2.INTER_LINEAR)
    return out, out.shape[1] / img.shape[1], out.shape[0] / img.shape[0]


def ink_box(img):
    """Box of the ink of a clean (not yet degraded) image."""
    ys = np.where((img < 128).any(1))[0]
    xs = np.where((img < 128).any(0))[0]
    if len(xs) == 0:
        return None
    return xs[0], ys[0], xs[-1] - xs[0] + 1, ys[-1] - ys[0] + 1


def sample_from(clean, target_h, jitter=True):
    """Degrade a clean distorted image and take the glyph from where its ink
    box lands, moved by a few pixels as an imperfect segmentation would."""
    box = ink_box(clean)
    if box is None:
        return None
    img, fx, fy = degrade(clean, target_h)
    x, y, w, h = box
    x, w = int(round(x * fx)), max(1, int(round(w * fx)))
    y, h = int(round(y * fy)), max(1, int(round(h * fy)))
    if jitter:
        j = max(1, int(round(h * 0.06)))
        x0 = x + rng.integers(-j, j + 1); y0 = y + rng.integers(-j, j + 1)
        x1 = x + w + rng.integers(-j, j + 1); y1 = y + h + rng.integers(-j, j + 1)
    else:
        x0, y0, x1, y1 = x, y, x + w, y + h
    x0 = max(0, x0); y0 = max(0, y0)
    x1 = min(img.shape[1], x1); y1 = min(img.shape[0], y1)
    if x1 - x0 < 2 or y1 - y0 < 4:
        return None
    return glyph_features(img[y0:y1, x0:x1], x1 - x0, y1 - y0)


def char_samples(font, ch, count):
    out = []
    base = render_text(font, ch, 96)
    while len(out) < count:
        f = sample_from(distort(base), rng.uniform(22, 46))
        if f is not None:
            out.append(f)
    return out


def noise_samples(fonts, count):
    out = []
    symbols = "-.:·•=#*+%&@~<>()[]"
    while len(out) < count:
        kind = rng.integers(0, 4)
        font = fonts[rng.integers(0, len(fonts))]
        if kind == 0:  # pieces of two neighbouring characters
            pair = CLASSES[rng.integers(0, 36)] + CLASSES[rng.integers(0, 36)]
            img = render_text(font, pair, 96)
            w = img.shape[1]
            cut = rng.uniform(0.3, 0.7)
            half = int(w * rng.uniform(0.25, 0.45))
            mid = int(w * cut)
            img = img[:, max(0, mid - half):mid + half]
            img, th = distort(img), rng.uniform(22, 46)
        elif kind == 1:  # separators and symbols
            img = render_text(font, symbols[rng.integers(0, len(symbols))], 96)
            img, th = distort(img), rng.uniform(8, 30)
        elif kind == 2:  # blobs: bolts, stickers, emblems
            img = np.full((120, 120), 255, np.uint8)
            for _ in range(rng.integers(1, 4)):
                cv2.ellipse(img, (int(rng.integers(30, 90)), int(rng.integers(30, 90))),
                            (int(rng.integers(8, 40)), int(rng.integers(8, 40))),
                            float(rng.uniform(0, 180)), 0, 360, 0, -1)
            th = rng.uniform(16, 46)
        else:  # frame edges and lines, texture
            img = np.full((120, 120), 255, np.uint8)
            for _ in range(rng.integers(1, 4)):
                p = rng.integers(0, 120, 4)
                cv2.line(img, (int(p[0]), int(p[1])), (int(p[2]), int(p[3])), 0, int(rng.integers(4, 20)))
            th = rng.uniform(16, 46)
        f = sample_from(img, th)
        if f is not None:
            out.append(f)
    return out


def train(x, y, epochs=30):
    n, d = x.shape
    k = NOISE + 1
    w1 = rng.normal(0, np.sqrt(2.0 / d), (d, HIDDEN)).astype(np.float32)
    b1 = np.zeros(HIDDEN, np.float32)
    w2 = rng.normal(0, np.sqrt(1.0 / HIDDEN), (HIDDEN, k)).astype(np.float32)
    b2 = np.zeros(k, np.float32)
    params = [w1, b1, w2, b2]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    step = 0
    batch = 256
    for ep in range(epochs):
        lr = 2e-3 * (0.5 ** (ep // 8))
        perm = rng.permutation(n)
        loss_sum = 0.0
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            xb, yb = x[idx], y[idx]
            h = xb @ w1 + b1
            hr = np.maximum(h, 0)
            z = hr @ w2 + b2
            z -= z.max(1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(1, keepdims=True)
            loss_sum += -np.log(p[np.arange(len(yb)), yb] + 1e-9).sum()
            dz = p
            dz[np.arange(len(yb)), yb] -= 1
            dz /= len(yb)
            gw2 = hr.T @ dz + 1e-5 * w2
            gb2 = dz.sum(0)
            dh = (dz @ w2.T) * (h > 0)
            gw1 = xb.T @ dh + 1e-5 * w1
            gb1 = dh.sum(0)
            step += 1
            for j, g in enumerate([gw1, gb1, gw2, gb2]):
                m[j] = 0.9 * m[j] + 0.1 * g
                v[j] = 0.999 * v[j] + 0.001 * g * g
                mh = m[j] / (1 - 0.9 ** step)
                vh = v[j] / (1 - 0.999 ** step)
                params[j] -= lr * mh / (np.sqrt(vh) + 1e-8)
        print(f"epoch {ep} loss {loss_sum / n:.4f}", file=sys.stderr)
    return params


def predict(params, x):
    w1, b1, w2, b2 = params
    return (np.maximum(x @ w1 + b1, 0) @ w2 + b2).argmax(1)


def c_array(name, a):
    def literal(t):
        text = f"{float(t):.6g}"
        return text + ("f" if ("." in text or "e" in text) else ".0f")

    vals = ", ".join(literal(t) for t in a.reshape(-1))
    lines = []
    line = "    "
    for tok in vals.split(" "):
        if len(line) + len(tok) + 1 > 100:
            lines.append(line.rstrip())
            line = "    "
        line += tok + " "
    lines.append(line.rstrip())
    return f"const float {name}[{a.size}] = {{\n" + "\n".join(lines) + "\n};\n"


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else "plate_ocr_model.c"
    per_char = int(os.environ.get("PLATE_OCR_SAMPLES", "1200"))
    fonts, weights = [], []
    for f, wgt in FONTS:
        path = f if f.startswith("/") else os.path.join(FONT_DIRS, f)
        if not os.path.exists(path):
            sys.exit(f"missing font {path}: install fonts-opendin fonts-roboto-unhinted "
                     "fonts-dejavu-core fonts-liberation2 fonts-routed-gothic fonts-b612")
        fonts.append(path)
        weights.append(wgt)
    weights = np.array(weights, np.float64) / sum(weights)
    xs, ys = [], []
    for ci, ch in enumerate(CLASSES):
        counts = rng.multinomial(per_char, weights)
        for font, cnt in zip(fonts, counts):
            s = char_samples(font, ch, cnt)
            xs += s
            ys += [ci] * len(s)
        print(f"rendered {ch}", file=sys.stderr)
    s = noise_samples(fonts, per_char * 2)
    xs += s
    ys += [NOISE] * len(s)
    x = np.array(xs, np.float32)
    y = np.array(ys, np.int64)
    # hold out a part to report accuracy on synthetic glyphs
    perm = rng.permutation(len(y))
    test = perm[: len(y) // 20]
    tr = perm[len(y) // 20:]
    params = train(x[tr], y[tr], epochs=int(os.environ.get("PLATE_OCR_EPOCHS", "28")))
    acc = (predict(params, x[test]) == y[test]).mean()
    print(f"held-out synthetic accuracy {acc:.4f}", file=sys.stderr)
    w1, b1, w2, b2 = params
    with open(out_path, "w") as f:
        f.write("/*\n * Generated by lib/plate/gen_plate_ocr_model.py: do not edit.\n"
                f" * Character classifier of the plate reader: {x.shape[1]} inputs, {HIDDEN} hidden\n"
                f" * (ReLU), {NOISE + 1} classes \"{CLASSES}\" + not-a-character.\n"
                f" * Synthetic held-out accuracy: {acc:.4f}.\n"
                " * SPDX-License-Identifier: Apache-2.0\n */\n")
        f.write('#include "plate_ocr_model.h"\n\n')
        f.write(c_array("plate_ocr_w1", w1.T))  # hidden-major: w1[h][input]
        f.write(c_array("plate_ocr_b1", b1))
        f.write(c_array("plate_ocr_w2", w2.T))  # class-major: w2[class][hidden]
        f.write(c_array("plate_ocr_b2", b2))


if __name__ == "__main__":
    main()
