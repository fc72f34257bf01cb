# libvision for Python: crowd analysis.
#
# Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
"""Crowd: occupancy, fluidity and direction of motion in polygonal regions."""

import ctypes
from dataclasses import dataclass
from typing import Optional

from . import _native
from ._handle import _Handle, event_trampoline, new_handle, pts_or_none, set_fields
from ._native import lib
from .errors import Error, VisionError, check
from .frame import as_frame

EVENT_TYPES = {1: "occupancy", 2: "fluidity", 3: "direction"}



@dataclass(frozen=True)
class CrowdEvent:
    """A level or direction change of a region (a copy: keep it as long as
    you like)."""

    type: str  # "occupancy", "fluidity" or "direction"
    region_id: str
    value: float  # occupancy or fluidity %; motion magnitude for direction
    level: int  # 0..3; -1 for direction
    angle: Optional[float]  # degrees for direction, else None
    pts_ns: Optional[int]
    frame_index: int

    @classmethod
    def _from_c(cls, e):
        return cls(EVENT_TYPES.get(e.type, str(e.type)), e.region_id.decode("utf-8", "replace"),
                   e.value, e.level, e.angle if e.type == 3 else None, pts_or_none(e.pts_ns),
                   e.frame_index)


@dataclass(frozen=True)
class CrowdResult:
    """A region's latest figures (vision_crowd_result, copied)."""

    region_id: str
    valid: bool
    occupancy: float
    fluidity: float
    direction: Optional[float]  # None for "no motion"
    motion: float
    occupancy_level: int
    fluidity_level: int
    region_pixels: int
    foreground_pixels: int
    moving_pixels: int
    motion_blocks: int
    warming_up: bool
    pts_ns: Optional[int]
    frame_index: int

    @classmethod
    def _from_c(cls, r):
        return cls(r.region_id.decode("utf-8", "replace"), bool(r.valid), r.occupancy, r.fluidity,
                   r.direction if r.has_direction else None, r.motion, r.occupancy_level,
                   r.fluidity_level, r.region_pixels, r.foreground_pixels, r.moving_pixels,
                   r.motion_blocks, bool(r.warming_up), pts_or_none(r.pts_ns), r.frame_index)


def crowd_options(**values):
    """A vision_crowd_options from the library's defaults and keyword
    arguments named as the C fields (processing_width=..., ...)."""
    options = _native.vision_crowd_options()
    lib.crowd_options_init(ctypes.byref(options))
    set_fields(options, values, "crowd option")
    return options


def region_config(config=None, **values):
    """A vision_crowd_region_config from the library's defaults and either a
    dict or keyword arguments. Names are Kurento's camelCase
    ("occupancyLevelMin") or the C fields' snake_case; values are numbers or
    booleans (set through vision_crowd_region_config_set())."""
    c = _native.vision_crowd_region_config()
    lib.crowd_region_config_init(ctypes.byref(c))
    items = dict(config or {})
    items.update(values)
    for name, value in items.items():
        if isinstance(value, bool):
            text = "1" if value else "0"
        elif isinstance(value, (int, float)):
            text = repr(value)
        else:
            raise VisionError(Error.OPTION, "region config %r: a number or bool is needed, got %r"
                              % (name, value))
        check(lib.crowd_region_config_set(ctypes.byref(c), name.encode(), text.encode()))
    return c


def region_config_names():
    """The Kurento names vision_crowd_region_config_set() knows."""
    names, i = [], 0
    while True:
        name = lib.crowd_region_config_name(i)
        if name is None:
            return names
        names.append(name.decode())
        i += 1


def _points(points):
    pts = list(points)
    array = (_native.vision_crowd_point * max(1, len(pts)))()
    for i, p in enumerate(pts):
        try:
            x, y = p
            array[i].x, array[i].y = float(x), float(y)
        except (TypeError, ValueError):
            raise VisionError(Error.REGION, "point %d: an (x, y) pair of numbers is needed, "
                              "got %r" % (i, p)) from None
    return array, len(pts)


class Crowd(_Handle):
    """A crowd analyser (vision_crowd).

    Crowd(on_event=None, **options): options are vision_crowd_options
    fields (processing_width=320, analyse_every=1, warmup_frames=10, ...).

    on_event(event) is called with a CrowdEvent for each event, on the
    calling thread, inside process(). An exception it raises is kept, the
    rest of that call's events skip the callback, and the exception is
    raised again from process() once the library has returned.
    """

    _kind = "crowd"
    _last_error_fn = staticmethod(lib.crowd_last_error)

    def __init__(self, on_event=None, **options):
        super().__init__()
        opts = crowd_options(**options)
        self._ptr = new_handle(lib.crowd_new, opts)
        # The C callback is installed once and lives as long as the handle.
        self._trampoline = event_trampoline(self, _native.CROWD_EVENT_FN, CrowdEvent._from_c)
        self._check(lib.crowd_set_callback(self._ptr, self._trampoline, None))
        self._callback = on_event

    def _free(self, ptr):
        return lib.crowd_free(ptr)

    def set_callback(self, on_event):
        """Replace (or with None, remove) the event callback."""
        with self._lock:
            self._handle()
            if self._in_callback:
                raise VisionError(Error.REENTRANT, "set_callback() from inside the callback")
            self._callback = on_event

    # -- regions ------------------------------------------------------------

    def add_region(self, region_id, points, config=None, **config_values):
        """Add a polygon of (x, y) points relative to the frame (0..1).
        config: a dict (or keywords) of region config names, see
        region_config()."""
        array, count = _points(points)
        c = region_config(config, **config_values)
        with self._lock:
            self._check(lib.crowd_add_region(self._handle(), str(region_id).encode(), array, count,
                                             ctypes.byref(c)))

    def update_region(self, region_id, points=None, config=None, **config_values):
        """Change a region's polygon, its config (all fields: unspecified ones
        take the defaults), or both."""
        array, count = _points(points) if points is not None else (None, 0)
        c = None
        if config is not None or config_values:
            c = ctypes.byref(region_config(config, **config_values))
        with self._lock:
            self._check(lib.crowd_update_region(self._handle(), str(region_id).encode(), array,
                                                count, c))

    def remove_region(self, region_id):
        with self._lock:
            self._check(lib.crowd_remove_region(self._handle(), str(region_id).encode()))

    def __len__(self):
        count = ctypes.c_size_t()
        with self._lock:
            self._check(lib.crowd_region_count(ctypes.byref(count), self._handle()))
        return count.value

    # -- frames -------------------------------------------------------------

    def process(self, frame, format=None, **frame_args):
        """Analyse a frame (a Frame, or a buffer with format=... and the
        arguments of Frame). Returns the list of CrowdEvent it produced
        (also given to the callback)."""
        frame, owned = as_frame(frame, format, **frame_args)
        try:
            return self._run(lib.crowd_process, frame._pointer())
        finally:
            if owned:
                frame.release()

    def result(self, region_id):
        """The CrowdResult of a region, by id."""
        r = _native.vision_crowd_result()
        lib.crowd_result_init(ctypes.byref(r))
        with self._lock:
            self._check(lib.crowd_get_result(ctypes.byref(r), self._handle(),
                                             str(region_id).encode()))
            return CrowdResult._from_c(r)

    def results(self):
        """Every region's CrowdResult, in the order they were added."""
        out = []
        with self._lock:
            for i in range(len(self)):
                r = _native.vision_crowd_result()
                lib.crowd_result_init(ctypes.byref(r))
                self._check(lib.crowd_get_result_at(ctypes.byref(r), self._handle(), i))
                out.append(CrowdResult._from_c(r))
        return out

    def draw(self, frame, format=None, **frame_args):
        """Draw the last analysed frame's findings into a writable frame."""
        frame, owned = as_frame(frame, format, **frame_args)
        try:
            with self._lock:
                self._check(lib.crowd_draw(self._handle(), frame._pointer(writable=True)))
        finally:
            if owned:
                frame.release()
