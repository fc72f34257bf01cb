# libvision for Python: licence plates.
#
# Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
"""Plate: find, read and track licence plates."""

import ctypes
from dataclasses import dataclass
from typing import List, Optional, Tuple

from . import _native
from ._handle import _Handle, event_trampoline, new_handle, pts_or_none, set_fields
from ._native import lib
from .errors import Error, VisionError, check
from .frame import as_frame

EVENT_TYPES = {1: "new", 2: "update", 3: "end"}
MODES = {"still": 0, "video": 1}


def _text(raw):
    return bytes(raw).split(b"\0", 1)[0].decode("ascii", "replace")



def _candidates(s):
    n = min(s.candidate_count, _native.PLATE_MAX_CANDIDATES)
    return [(_text(s.candidates[i]), s.candidate_confidence[i]) for i in range(n)]


@dataclass(frozen=True)
class PlateResult:
    """One plate of the last processed frame (vision_plate_result, copied)."""

    text: str
    confidence: float
    char_confidence: List[float]
    pattern: str
    box: Tuple[int, int, int, int]  # x, y, width, height
    corners: List[Tuple[float, float]]  # top-left, top-right, bottom-right, bottom-left
    candidates: List[Tuple[str, float]]  # (text, confidence), best first
    detection_score: float
    track_id: int  # -1 in still mode

    @classmethod
    def _from_c(cls, r):
        n = min(r.char_count, _native.PLATE_TEXT_SIZE)
        return cls(_text(r.text), r.confidence, list(r.char_confidence[:n]), _text(r.pattern),
                   tuple(r.box), [(r.corners[2 * i], r.corners[2 * i + 1]) for i in range(4)],
                   _candidates(r), r.detection_score, r.track_id)


@dataclass(frozen=True)
class PlateEvent:
    """A video-mode track event (vision_plate_event, copied)."""

    type: str  # "new", "update" or "end"
    track_id: int
    text: str
    previous_text: str
    confidence: float
    char_confidence: List[float]
    pattern: str
    box: Tuple[int, int, int, int]
    corners: List[Tuple[float, float]]
    candidates: List[Tuple[str, float]]
    reading_count: int
    pts_ns: Optional[int]
    frame_index: int
    first_frame_index: int
    first_pts_ns: Optional[int]
    last_frame_index: int
    last_pts_ns: Optional[int]

    @classmethod
    def _from_c(cls, e):
        n = min(e.char_count, _native.PLATE_TEXT_SIZE)
        return cls(EVENT_TYPES.get(e.type, str(e.type)), e.track_id, _text(e.text),
                   _text(e.previous_text), e.confidence, list(e.char_confidence[:n]),
                   _text(e.pattern), tuple(e.box),
                   [(e.corners[2 * i], e.corners[2 * i + 1]) for i in range(4)], _candidates(e),
                   e.reading_count, pts_or_none(e.pts_ns), e.frame_index, e.first_frame_index,
                   pts_or_none(e.first_pts_ns), e.last_frame_index, pts_or_none(e.last_pts_ns))


def countries(text):
    """"us,eu,br" or "all" -> the VISION_PLATE_COUNTRY_* bit set."""
    bits = ctypes.c_uint32()
    check(lib.plate_countries_parse(ctypes.byref(bits), text.encode()))
    return bits.value


def plate_options(**values):
    """A vision_plate_options from the library's defaults and keyword
    arguments named as the C fields, with friendlier forms for some:
    countries="eu,br" (or the bits), mode="video"/"still", roi=[(x, y), ...],
    ocr_data_path="/path/to/tessdata"."""
    options = _native.vision_plate_options()
    lib.plate_options_init(ctypes.byref(options))
    keep = {}
    if isinstance(values.get("countries"), str):
        values["countries"] = countries(values["countries"])
    mode = values.get("mode")
    if isinstance(mode, str):
        if mode not in MODES:
            raise VisionError(Error.OPTION, "mode %r: 'still' or 'video'" % mode)
        values["mode"] = MODES[mode]
    if "roi" in values:
        roi = list(values.pop("roi") or [])
        if len(roi) > _native.PLATE_ROI_MAX_POINTS:
            raise VisionError(Error.REGION, "roi has %d points, at most %d"
                              % (len(roi), _native.PLATE_ROI_MAX_POINTS))
        for i, point in enumerate(roi):
            options.roi[2 * i], options.roi[2 * i + 1] = (float(v) for v in point)
        options.roi_point_count = len(roi)
    if values.get("ocr_data_path") is not None:
        path = values.pop("ocr_data_path")
        keep["ocr_data_path"] = path.encode() if isinstance(path, str) else bytes(path)
        options.ocr_data_path = keep["ocr_data_path"]
    set_fields(options, values, "plate option")
    return options, keep


class Plate(_Handle):
    """A plate reader (vision_plate).

    Plate(on_event=None, **options): options are vision_plate_options
    fields; see plate_options() for the friendlier forms (countries="eu",
    mode="video", roi=[...]).

    on_event(event) gets a PlateEvent for each video-mode event, inside
    process() and flush(); an exception it raises is raised again from that
    call once the library has returned (later events of the call skip it).
    """

    _kind = "plate reader"
    _last_error_fn = staticmethod(lib.plate_last_error)

    def __init__(self, on_event=None, **options):
        super().__init__()
        opts, keep = plate_options(**options)
        self._ptr = new_handle(lib.plate_new, opts)  # the library copies the strings
        del keep
        self._trampoline = event_trampoline(self, _native.PLATE_EVENT_FN, PlateEvent._from_c)
        self._check(lib.plate_set_callback(self._ptr, self._trampoline, None))
        self._callback = on_event
        #: The events of the last process() call (video mode).
        self.events = []

    def _free(self, ptr):
        return lib.plate_free(ptr)

    def set_callback(self, on_event):
        """Replace (or with None, remove) the event callback."""
        with self._lock:
            self._handle()
            if self._in_callback:
                raise VisionError(Error.REENTRANT, "set_callback() from inside the callback")
            self._callback = on_event

    def _results(self):
        out = []
        count = lib.plate_result_count(self._handle())
        for i in range(count):
            r = _native.vision_plate_result()
            lib.plate_result_init(ctypes.byref(r))
            self._check(lib.plate_get_result(ctypes.byref(r), self._ptr, i))
            out.append(PlateResult._from_c(r))
        return out

    def process(self, frame, format=None, **frame_args):
        """Find and read the plates of a frame (a Frame, or a buffer with
        format=... and the arguments of Frame). Returns the list of
        PlateResult of this frame; video-mode events go to the callback and
        are in .events."""
        frame, owned = as_frame(frame, format, **frame_args)
        try:
            with self._lock:
                self.events = []
                self.events = self._run(lib.plate_process, frame._pointer())
                return self._results()
        finally:
            if owned:
                frame.release()

    def results(self):
        """The PlateResult list of the last processed frame."""
        with self._lock:
            return self._results()

    def flush(self):
        """End every open track; returns the END events (also given to the
        callback)."""
        return self._run(lib.plate_flush)

    def draw(self, frame, format=None, **frame_args):
        """Draw the last processed frame's plates into a writable frame."""
        frame, owned = as_frame(frame, format, **frame_args)
        try:
            with self._lock:
                self._check(lib.plate_draw(self._handle(), frame._pointer(writable=True)))
        finally:
            if owned:
                frame.release()
