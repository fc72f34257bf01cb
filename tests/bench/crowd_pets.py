#!/usr/bin/python3
"""Crowd accuracy on PETS 2009 S2.L1 View_001: libvision against the ground
truth, next to a plain OpenCV pipeline (MOG2 + DIS optical flow at 320 px).

Usage: crowd_pets.py DATA_DIR [--lib build/lib/libvision.so] [--frames N]
       [--baseline/--no-baseline] [--set KEY=VALUE ...]

DATA_DIR is the folder with vtest_480x360.avi and gt/ (for example
../shared/data/crowd/pets09). Without it, or without python3-opencv or
numpy, the script says so and exits 0. Prints Markdown tables.

Regions: the whole frame and its four quadrants. For every region and frame:
- occupancy truth: share of the region covered by the union of the
  ground-truth boxes; reported: Pearson r of our occupancy against it;
- direction truth: mean displacement of the people whose box centre is in the
  region, between frame f and f + 1; the frame is "coherent" when that mean is
  at least 0.5 px/frame and at least 0.7 of the people's mean speed. We compare
  the direction libvision reports after frame f + 1 (motion from f to f + 1);
  a coherent frame with "no motion" counts as a miss.
"""
import argparse
import ctypes as C
import math
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def skip(message):
    print(f"crowd_pets: skipped: {message}")
    sys.exit(0)


class Frame(C.Structure):
    _fields_ = [("version", C.c_uint32), ("format", C.c_uint32), ("width", C.c_uint32),
                ("height", C.c_uint32), ("planes", C.c_void_p * 4), ("strides", C.c_uint32 * 4),
                ("pts_ns", C.c_int64), ("flags", C.c_uint32), ("reserved", C.c_uint32)]


class Options(C.Structure):
    _fields_ = [("version", C.c_uint32), ("processing_width", C.c_uint32),
                ("analyse_every", C.c_uint32), ("warmup_frames", C.c_uint32),
                ("foreground_threshold", C.c_double), ("motion_threshold", C.c_double),
                ("global_change_fraction", C.c_double), ("background_time", C.c_double),
                ("foreground_time", C.c_double)]


class RegionConfig(C.Structure):
    _fields_ = [("version", C.c_uint32), ("occupancy_level_min", C.c_double),
                ("occupancy_level_med", C.c_double), ("occupancy_level_max", C.c_double),
                ("occupancy_num_frames_to_event", C.c_int32), ("fluidity_level_min", C.c_double),
                ("fluidity_level_med", C.c_double), ("fluidity_level_max", C.c_double),
                ("fluidity_num_frames_to_event", C.c_int32),
                ("send_optical_flow_event", C.c_int32),
                ("optical_flow_num_frames_to_event", C.c_int32),
                ("optical_flow_num_frames_to_reset", C.c_int32),
                ("optical_flow_angle_offset", C.c_double), ("dead_band", C.c_double),
                ("cooldown_frames", C.c_int32), ("direction_sectors", C.c_int32),
                ("min_motion", C.c_double)]


class Event(C.Structure):
    _fields_ = [("version", C.c_uint32), ("type", C.c_uint32), ("region_id", C.c_char_p),
                ("value", C.c_double), ("level", C.c_int32), ("reserved", C.c_int32),
                ("angle", C.c_double), ("pts_ns", C.c_int64), ("frame_index", C.c_uint64)]


class Result(C.Structure):
    _fields_ = [("version", C.c_uint32), ("valid", C.c_int32), ("region_id", C.c_char_p),
                ("occupancy", C.c_double), ("fluidity", C.c_double),
                ("has_direction", C.c_int32), ("occupancy_level", C.c_int32),
                ("direction", C.c_double), ("motion", C.c_double),
                ("region_pixels", C.c_uint32), ("foreground_pixels", C.c_uint32),
                ("moving_pixels", C.c_uint32), ("motion_blocks", C.c_uint32),
                ("fluidity_level", C.c_int32), ("warming_up", C.c_int32),
                ("pts_ns", C.c_int64), ("frame_index", C.c_uint64)]


class Point(C.Structure):
    _fields_ = [("x", C.c_double), ("y", C.c_double)]


EVENT_FN = C.CFUNCTYPE(None, C.POINTER(Event), C.c_void_p)
PIXEL_FORMAT_BGR = 3

REGIONS = {
    "frame": [(0, 0), (1, 0), (1, 1), (0, 1)],
    "top_left": [(0, 0), (0.5, 0), (0.5, 0.5), (0, 0.5)],
    "top_right": [(0.5, 0), (1, 0), (1, 0.5), (0.5, 0.5)],
    "bottom_left": [(0, 0.5), (0.5, 0.5), (0.5, 1), (0, 1)],
    "bottom_right": [(0.5, 0.5), (1, 0.5), (1, 1), (0.5, 1)],
}


def load_gt(folder):
    boxes = {}
    with open(os.path.join(folder, "gt", "boxes.csv")) as f:
        next(f)
        for line in f:
            frame, pid, x, y, w, h = line.strip().split(",")
            boxes.setdefault(int(frame), {})[int(pid)] = tuple(map(float, (x, y, w, h)))
    return boxes


def in_region(name, x, y, width, height):
    (x0, y0), _, (x1, y1), _ = REGIONS[name]
    return x0 * width <= x < x1 * width and y0 * height <= y < y1 * height


def inside_area(name, x, y, w, h, width, height):
    (x0, y0), _, (x1, y1), _ = REGIONS[name]
    ox = min(x + w, x1 * width) - max(x, x0 * width)
    oy = min(y + h, y1 * height) - max(y, y0 * height)
    return max(ox, 0) * max(oy, 0)


def truth(boxes, frames, width, height, np, weighting="centre"):
    """Per region: coverage per frame, and (angle or None) per frame.

    weighting "centre": the people whose box centre is in the region count
    alike (the issue's definition). "area": every person counts by the area
    of its box inside the region, as the occupancy truth does, so that a
    person whose legs reach into a region counts there in part."""
    coverage = {name: [] for name in REGIONS}
    direction = {name: [] for name in REGIONS}
    for f in range(frames):
        mask = np.zeros((height, width), bool)
        for x, y, w, h in boxes.get(f, {}).values():
            mask[max(0, int(round(y))):max(0, int(round(y + h))),
                 max(0, int(round(x))):max(0, int(round(x + w)))] = True
        for name, pts in REGIONS.items():
            (x0, y0), _, (x1, y1), _ = pts
            part = mask[int(y0 * height):int(y1 * height), int(x0 * width):int(x1 * width)]
            coverage[name].append(part.mean())
            now, nxt = boxes.get(f, {}), boxes.get(f + 1, {})
            moves = []
            for pid, (x, y, w, h) in now.items():
                if pid not in nxt:
                    continue
                if weighting == "centre":
                    weight = 1.0 if in_region(name, x + w / 2, y + h / 2, width, height) else 0
                else:
                    weight = inside_area(name, x, y, w, h, width, height)
                if weight <= 0:
                    continue
                nx, ny, nw, nh = nxt[pid]
                moves.append(((nx + nw / 2) - (x + w / 2), (ny + nh / 2) - (y + h / 2), weight))
            angle = None
            if moves:
                total = sum(m[2] for m in moves)
                mx = sum(m[0] * m[2] for m in moves) / total
                my = sum(m[1] * m[2] for m in moves) / total
                mean = math.hypot(mx, my)
                speed = sum(math.hypot(m[0], m[1]) * m[2] for m in moves) / total
                if mean >= 0.5 and mean >= 0.7 * speed:
                    angle = math.degrees(math.atan2(mx, -my)) % 360
            direction[name].append(angle)
    return coverage, direction


def angle_error(a, b):
    d = abs(a - b) % 360
    return min(d, 360 - d)


def pearson(xs, ys, np):
    x, y = np.asarray(xs, float), np.asarray(ys, float)
    if x.std() == 0 or y.std() == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def run_libvision(lib, frames_bgr, settings, option_settings=()):
    v = C.CDLL(lib)
    v.vision_crowd_new.argtypes = [C.POINTER(C.c_void_p), C.POINTER(Options)]
    v.vision_crowd_add_region.argtypes = [C.c_void_p, C.c_char_p, C.POINTER(Point), C.c_size_t,
                                          C.POINTER(RegionConfig)]
    v.vision_crowd_region_config_set.argtypes = [C.POINTER(RegionConfig), C.c_char_p, C.c_char_p]
    v.vision_crowd_process.argtypes = [C.c_void_p, C.POINTER(Frame)]
    v.vision_crowd_get_result.argtypes = [C.POINTER(Result), C.c_void_p, C.c_char_p]
    v.vision_crowd_set_callback.argtypes = [C.c_void_p, EVENT_FN, C.c_void_p]
    v.vision_crowd_last_error.argtypes = [C.c_void_p]
    v.vision_crowd_last_error.restype = C.c_char_p
    v.vision_frame_wrap.argtypes = [C.POINTER(Frame), C.c_uint32, C.c_uint32, C.c_uint32,
                                    C.c_void_p, C.c_uint64]
    options = Options()
    v.vision_crowd_options_init(C.byref(options))
    for key, value in option_settings:
        kind = dict(Options._fields_)[key]
        setattr(options, key, int(value) if kind is C.c_uint32 else float(value))
    handle = C.c_void_p()
    assert v.vision_crowd_new(C.byref(handle), C.byref(options)) == 0
    config = RegionConfig()
    v.vision_crowd_region_config_init(C.byref(config))
    config.send_optical_flow_event = 1
    for key, value in settings:
        rc = v.vision_crowd_region_config_set(C.byref(config), key.encode(), value.encode())
        if rc != 0:
            sys.exit(f"crowd_pets: --set {key}={value}: error {rc}")
    for name, pts in REGIONS.items():
        array = (Point * len(pts))(*[Point(x, y) for x, y in pts])
        rc = v.vision_crowd_add_region(handle, name.encode(), array, len(pts), C.byref(config))
        assert rc == 0, v.vision_crowd_last_error(handle)
    events = {name: {"occupancy": 0, "fluidity": 0, "direction": 0} for name in REGIONS}
    kinds = {1: "occupancy", 2: "fluidity", 3: "direction"}

    def on_event(event, _user):
        e = event.contents
        events[e.region_id.decode()][kinds[e.type]] += 1

    callback = EVENT_FN(on_event)
    v.vision_crowd_set_callback(handle, callback, None)
    out = {name: {"occupancy": [], "direction": []} for name in REGIONS}
    times = []
    frame = Frame()
    result = Result()
    for index, image in enumerate(frames_bgr):
        v.vision_frame_init(C.byref(frame))
        height, width = image.shape[:2]
        v.vision_frame_wrap(C.byref(frame), PIXEL_FORMAT_BGR, width, height,
                            image.ctypes.data_as(C.c_void_p), image.nbytes)
        frame.pts_ns = index * 100_000_000
        start = time.perf_counter()
        rc = v.vision_crowd_process(handle, C.byref(frame))
        times.append((time.perf_counter() - start) * 1000)
        assert rc == 0, v.vision_crowd_last_error(handle)
        for name in REGIONS:
            v.vision_crowd_result_init(C.byref(result))
            v.vision_crowd_get_result(C.byref(result), handle, name.encode())
            out[name]["occupancy"].append(result.occupancy / 100.0)
            out[name]["direction"].append(result.direction if result.has_direction else None)
    v.vision_crowd_free(handle)
    times.sort()
    return out, events, times[len(times) // 2]


def run_baseline(frames_bgr, cv2, np):
    """What a user would write with OpenCV: MOG2 on gray + DIS (ultrafast) at 320 px."""
    height, width = frames_bgr[0].shape[:2]
    size = (320, int(round(height * 320 / width)))
    mog = cv2.createBackgroundSubtractorMOG2()
    dis = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_ULTRAFAST)
    previous = None
    out = {name: {"occupancy": [], "direction": []} for name in REGIONS}
    times = []
    for image in frames_bgr:
        start = time.perf_counter()
        gray = cv2.resize(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), size,
                          interpolation=cv2.INTER_AREA)
        fg = mog.apply(gray) == 255
        flow = dis.calc(previous, gray, None) if previous is not None else None
        previous = gray
        times.append((time.perf_counter() - start) * 1000)
        for name, pts in REGIONS.items():
            (x0, y0), _, (x1, y1), _ = pts
            ys = slice(int(y0 * size[1]), int(y1 * size[1]))
            xs = slice(int(x0 * size[0]), int(x1 * size[0]))
            part = fg[ys, xs]
            out[name]["occupancy"].append(part.mean())
            angle = None
            if flow is not None and part.any():
                f = flow[ys, xs][part]
                moving = np.hypot(f[:, 0], f[:, 1]) > 0.2
                if moving.any():
                    mx, my = f[moving, 0].mean(), f[moving, 1].mean()
                    if math.hypot(mx, my) > 0.1:
                        angle = math.degrees(math.atan2(mx, -my)) % 360
            out[name]["direction"].append(angle)
    times.sort()
    return out, times[len(times) // 2]


def score(out, coverage, direction, np):
    rows = {}
    for name in REGIONS:
        r = pearson(out[name]["occupancy"], coverage[name], np)
        hits = total = 0
        for f, want in enumerate(direction[name]):
            if want is None or f + 1 >= len(out[name]["direction"]):
                continue
            total += 1
            got = out[name]["direction"][f + 1]
            hits += got is not None and angle_error(got, want) <= 45
        rows[name] = (r, 100.0 * hits / total if total else float("nan"), total)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?")
    parser.add_argument("--lib", default=os.path.join(HERE, "..", "..", "build", "lib",
                                                      "libvision.so"))
    parser.add_argument("--frames", type=int, default=0)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="region config field (Kurento or snake_case name)")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                        help="vision_crowd_options field")
    args = parser.parse_args()
    if not args.data or not os.path.isfile(os.path.join(args.data, "vtest_480x360.avi")):
        skip("no data folder with vtest_480x360.avi given")
    try:
        import cv2
        import numpy as np
    except ImportError as error:
        skip(f"{error} (apt-get install python3-opencv python3-numpy)")
    if not os.path.isfile(args.lib):
        skip(f"no library at {args.lib}")

    capture = cv2.VideoCapture(os.path.join(args.data, "vtest_480x360.avi"))
    frames = []
    while True:
        ok, image = capture.read()
        if not ok or (args.frames and len(frames) >= args.frames):
            break
        frames.append(np.ascontiguousarray(image))
    height, width = frames[0].shape[:2]
    boxes = load_gt(args.data)
    coverage, direction = truth(boxes, len(frames), width, height, np)
    # The ground truth's own motion with every person weighted by the area of
    # its box inside the region, scored like a method (the motion from f to
    # f + 1 is what a method reports after frame f + 1): how far a
    # pixel-based reading of "in the region" is from the centre-based one.
    _, area_direction = truth(boxes, len(frames), width, height, np, "area")
    ceiling = {name: {"direction": [None] + area_direction[name][:-1]} for name in REGIONS}
    settings = [tuple(s.split("=", 1)) for s in args.set]

    options = [tuple(s.split("=", 1)) for s in args.option]
    ours, events, our_ms = run_libvision(args.lib, frames, settings, options)
    rows = score(ours, coverage, direction, np)
    base_rows = None
    if not args.no_baseline:
        base, base_ms = run_baseline(frames, cv2, np)
        base_rows = score(base, coverage, direction, np)

    print(f"PETS 2009 S2.L1 View_001, {len(frames)} frames {width}x{height}, BGR input, "
          f"sendOpticalFlowEvent on, other settings default{' + ' + ' '.join(args.set + args.option) if args.set or args.option else ''}\n")
    print("| region | coherent frames | direction within 45° | occupancy r |"
          + (" MOG2+DIS direction | MOG2+DIS r |" if base_rows else "")
          + " area-weighted truth agrees |")
    print("|---|---|---|---|" + ("---|---|" if base_rows else "") + "---|")
    for name in REGIONS:
        r, hit, total = rows[name]
        hits = sum(1 for f, want in enumerate(direction[name]) if want is not None
                   and f + 1 < len(frames) and ceiling[name]["direction"][f + 1] is not None
                   and angle_error(ceiling[name]["direction"][f + 1], want) <= 45)
        line = f"| {name} | {total} | {hit:.1f}% | {r:.4f} |"
        if base_rows:
            br, bhit, _ = base_rows[name]
            line += f" {bhit:.1f}% | {br:.4f} |"
        print(line + f" {100.0 * hits / total:.1f}% |")
    print("\nDirection truth: mean displacement of the people whose box centre is in the region "
          "(coherent: >= 0.5 px/frame and >= 0.7 of their mean speed). Last column: the same "
          "ground truth with each person weighted by the area of its box inside the region "
          "(what a method measuring the pixels in a region sees), scored against it like a "
          "method; it shows how much the definition of 'in the region' alone costs.")
    print("\nLevel and direction events over the whole video (defaults):\n")
    print("| region | occupancy events | fluidity events | direction events |")
    print("|---|---|---|---|")
    for name in REGIONS:
        e = events[name]
        print(f"| {name} | {e['occupancy']} | {e['fluidity']} | {e['direction']} |")
    print(f"\nmedian ms/frame (in-process, Python-driven): libvision {our_ms:.3f}"
          + (f", MOG2+DIS {base_ms:.3f}" if base_rows else ""))


if __name__ == "__main__":
    main()
