# libvision for Python: the C library, its structs and its functions.
#
# Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
"""Loading libvision.so.0 and describing its ABI to ctypes.

Every C symbol the binding uses is named in SYMBOLS below and nowhere else,
so renaming a C function is a one-line change here.
"""

import ctypes
import os

# ---------------------------------------------------------------------------
# Structs: mirrors of include/vision/*.h, field for field. They are filled by
# the library's *_init() functions, never by hand.
# ---------------------------------------------------------------------------

FRAME_MAX_PLANES = 4
PLATE_ROI_MAX_POINTS = 16
PLATE_MAX_CANDIDATES = 10
PLATE_TEXT_SIZE = 32
PTS_NONE = -(2 ** 63)
FRAME_FLAG_DISCONTINUITY = 0x1


class vision_frame(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("format", ctypes.c_uint32),
        ("width", ctypes.c_uint32),
        ("height", ctypes.c_uint32),
        ("planes", ctypes.c_void_p * FRAME_MAX_PLANES),
        ("strides", ctypes.c_uint32 * FRAME_MAX_PLANES),
        ("pts_ns", ctypes.c_int64),
        ("flags", ctypes.c_uint32),
        ("reserved", ctypes.c_uint32),
    ]


class vision_crowd_options(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("processing_width", ctypes.c_uint32),
        ("analyse_every", ctypes.c_uint32),
        ("warmup_frames", ctypes.c_uint32),
        ("foreground_threshold", ctypes.c_double),
        ("motion_threshold", ctypes.c_double),
        ("global_change_fraction", ctypes.c_double),
        ("background_time", ctypes.c_double),
        ("foreground_time", ctypes.c_double),
    ]


class vision_crowd_region_config(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("occupancy_level_min", ctypes.c_double),
        ("occupancy_level_med", ctypes.c_double),
        ("occupancy_level_max", ctypes.c_double),
        ("occupancy_num_frames_to_event", ctypes.c_int32),
        ("fluidity_level_min", ctypes.c_double),
        ("fluidity_level_med", ctypes.c_double),
        ("fluidity_level_max", ctypes.c_double),
        ("fluidity_num_frames_to_event", ctypes.c_int32),
        ("send_optical_flow_event", ctypes.c_int32),
        ("optical_flow_num_frames_to_event", ctypes.c_int32),
        ("optical_flow_num_frames_to_reset", ctypes.c_int32),
        ("optical_flow_angle_offset", ctypes.c_double),
        ("dead_band", ctypes.c_double),
        ("cooldown_frames", ctypes.c_int32),
        ("direction_sectors", ctypes.c_int32),
        ("min_motion", ctypes.c_double),
    ]


class vision_crowd_point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_double), ("y", ctypes.c_double)]


class vision_crowd_event(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("type", ctypes.c_uint32),
        ("region_id", ctypes.c_char_p),
        ("value", ctypes.c_double),
        ("level", ctypes.c_int32),
        ("reserved", ctypes.c_int32),
        ("angle", ctypes.c_double),
        ("pts_ns", ctypes.c_int64),
        ("frame_index", ctypes.c_uint64),
    ]


class vision_crowd_result(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("valid", ctypes.c_int32),
        ("region_id", ctypes.c_char_p),
        ("occupancy", ctypes.c_double),
        ("fluidity", ctypes.c_double),
        ("has_direction", ctypes.c_int32),
        ("occupancy_level", ctypes.c_int32),
        ("direction", ctypes.c_double),
        ("motion", ctypes.c_double),
        ("region_pixels", ctypes.c_uint32),
        ("foreground_pixels", ctypes.c_uint32),
        ("moving_pixels", ctypes.c_uint32),
        ("motion_blocks", ctypes.c_uint32),
        ("fluidity_level", ctypes.c_int32),
        ("warming_up", ctypes.c_int32),
        ("pts_ns", ctypes.c_int64),
        ("frame_index", ctypes.c_uint64),
    ]


class vision_plate_options(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("countries", ctypes.c_uint32),
        ("mode", ctypes.c_int32),
        ("top_n", ctypes.c_int32),
        ("min_confidence", ctypes.c_double),
        ("min_plate_width", ctypes.c_int32),
        ("max_plate_width", ctypes.c_int32),
        ("analysis_width", ctypes.c_int32),
        ("roi_point_count", ctypes.c_uint32),
        ("roi", ctypes.c_double * (2 * PLATE_ROI_MAX_POINTS)),
        ("ocr_data_path", ctypes.c_char_p),
        ("reread_interval", ctypes.c_int32),
        ("track_timeout", ctypes.c_int32),
        ("scan_interval", ctypes.c_int32),
        ("reserved", ctypes.c_int32),
    ]


_TEXT = ctypes.c_char * PLATE_TEXT_SIZE


class vision_plate_result(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("track_id", ctypes.c_int32),
        ("text", _TEXT),
        ("confidence", ctypes.c_float),
        ("char_count", ctypes.c_uint32),
        ("char_confidence", ctypes.c_float * PLATE_TEXT_SIZE),
        ("pattern", _TEXT),
        ("box", ctypes.c_int32 * 4),
        ("corners", ctypes.c_double * 8),
        ("candidate_count", ctypes.c_uint32),
        ("candidate_confidence", ctypes.c_float * PLATE_MAX_CANDIDATES),
        ("candidates", _TEXT * PLATE_MAX_CANDIDATES),
        ("detection_score", ctypes.c_float),
    ]


class vision_plate_event(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("type", ctypes.c_int32),
        ("pts_ns", ctypes.c_int64),
        ("frame_index", ctypes.c_int64),
        ("first_frame_index", ctypes.c_int64),
        ("first_pts_ns", ctypes.c_int64),
        ("last_frame_index", ctypes.c_int64),
        ("last_pts_ns", ctypes.c_int64),
        ("track_id", ctypes.c_int32),
        ("reading_count", ctypes.c_uint32),
        ("text", _TEXT),
        ("previous_text", _TEXT),
        ("confidence", ctypes.c_float),
        ("char_count", ctypes.c_uint32),
        ("char_confidence", ctypes.c_float * PLATE_TEXT_SIZE),
        ("pattern", _TEXT),
        ("box", ctypes.c_int32 * 4),
        ("corners", ctypes.c_double * 8),
        ("candidate_count", ctypes.c_uint32),
        ("candidate_confidence", ctypes.c_float * PLATE_MAX_CANDIDATES),
        ("candidates", _TEXT * PLATE_MAX_CANDIDATES),
        ("reserved", ctypes.c_uint32),
    ]


# Callback types (vision_crowd_event_fn, vision_plate_event_fn).
CROWD_EVENT_FN = ctypes.CFUNCTYPE(None, ctypes.POINTER(vision_crowd_event), ctypes.c_void_p)
PLATE_EVENT_FN = ctypes.CFUNCTYPE(None, ctypes.POINTER(vision_plate_event), ctypes.c_void_p)

# ---------------------------------------------------------------------------
# Functions: Python name -> (C symbol, result type, argument types).
# The one place that names C symbols.
# ---------------------------------------------------------------------------

_int, _u32, _u64, _p = ctypes.c_int, ctypes.c_uint32, ctypes.c_uint64, ctypes.POINTER
_str, _void = ctypes.c_char_p, ctypes.c_void_p

SYMBOLS = {
    "strerror": ("vision_strerror", _str, [_int]),
    "last_error": ("vision_last_error", _str, []),
    "version": ("vision_version", _int, []),
    "version_string": ("vision_version_string", _str, []),
    "frame_init": ("vision_frame_init", None, [_p(vision_frame)]),
    "frame_validate": ("vision_frame_validate", _int,
                       [_p(vision_frame), ctypes.c_char_p, ctypes.c_size_t]),
    "plane_count": ("vision_pixel_format_plane_count", _int, [_u32]),
    "plane_size": ("vision_pixel_format_plane_size", _int,
                   [_p(_u64), _p(_u32), _u32, _u32, _u32, _u32]),
    "format_name": ("vision_pixel_format_name", _str, [_u32]),
    "format_from_name": ("vision_pixel_format_from_name", _u32, [_str]),
    # crowd
    "crowd_options_init": ("vision_crowd_options_init", None, [_p(vision_crowd_options)]),
    "crowd_region_config_init": ("vision_crowd_region_config_init", None,
                                 [_p(vision_crowd_region_config)]),
    "crowd_region_config_set": ("vision_crowd_region_config_set", _int,
                                [_p(vision_crowd_region_config), _str, _str]),
    "crowd_region_config_name": ("vision_crowd_region_config_name", _str, [_u32]),
    "crowd_new": ("vision_crowd_new", _int, [_p(_void), _p(vision_crowd_options)]),
    "crowd_free": ("vision_crowd_free", _int, [_void]),
    "crowd_last_error": ("vision_crowd_last_error", _str, [_void]),
    "crowd_add_region": ("vision_crowd_add_region", _int,
                         [_void, _str, _p(vision_crowd_point), ctypes.c_size_t,
                          _p(vision_crowd_region_config)]),
    "crowd_update_region": ("vision_crowd_update_region", _int,
                            [_void, _str, _p(vision_crowd_point), ctypes.c_size_t,
                             _p(vision_crowd_region_config)]),
    "crowd_remove_region": ("vision_crowd_remove_region", _int, [_void, _str]),
    "crowd_region_count": ("vision_crowd_region_count", _int, [_p(ctypes.c_size_t), _void]),
    "crowd_result_init": ("vision_crowd_result_init", None, [_p(vision_crowd_result)]),
    "crowd_set_callback": ("vision_crowd_set_callback", _int, [_void, CROWD_EVENT_FN, _void]),
    "crowd_process": ("vision_crowd_process", _int, [_void, _p(vision_frame)]),
    "crowd_get_result": ("vision_crowd_get_result", _int, [_p(vision_crowd_result), _void, _str]),
    "crowd_get_result_at": ("vision_crowd_get_result_at", _int,
                            [_p(vision_crowd_result), _void, ctypes.c_size_t]),
    "crowd_draw": ("vision_crowd_draw", _int, [_void, _p(vision_frame)]),
    # plate
    "plate_options_init": ("vision_plate_options_init", None, [_p(vision_plate_options)]),
    "plate_countries_parse": ("vision_plate_countries_parse", _int, [_p(_u32), _str]),
    "plate_new": ("vision_plate_new", _int, [_p(_void), _p(vision_plate_options)]),
    # Returns void today and int after the 0.1 rename; the binding checks
    # re-entrancy itself, so change only the result type (None -> _int).
    "plate_free": ("vision_plate_free", _int, [_void]),
    "plate_last_error": ("vision_plate_last_error", _str, [_void]),
    "plate_result_init": ("vision_plate_result_init", None, [_p(vision_plate_result)]),
    "plate_set_callback": ("vision_plate_set_callback", _int, [_void, PLATE_EVENT_FN, _void]),
    "plate_process": ("vision_plate_process", _int, [_void, _p(vision_frame)]),
    "plate_flush": ("vision_plate_flush", _int, [_void]),
    "plate_result_count": ("vision_plate_result_count", _u32, [_void]),
    "plate_get_result": ("vision_plate_get_result", _int, [_p(vision_plate_result), _void, _u32]),
    "plate_draw": ("vision_plate_draw", _int, [_void, _p(vision_frame)]),
}


class _Library:
    """The loaded library with each function of SYMBOLS as an attribute."""

    def __init__(self, cdll, path):
        self.cdll = cdll
        self.path = path
        for name, (symbol, restype, argtypes) in SYMBOLS.items():
            fn = getattr(cdll, symbol)
            fn.restype = restype
            fn.argtypes = argtypes
            setattr(self, name, fn)


def _candidates():
    env = os.environ.get("VISION_LIBRARY")
    if env:
        # An explicit choice: use it or fail, never fall back silently.
        return [env], True
    found = []
    build = os.environ.get("VISION_BUILD_DIR")
    if build:
        found.append(os.path.join(build, "lib", "libvision.so.0"))
    found.append("libvision.so.0")  # the system's (ld.so.conf, LD_LIBRARY_PATH)
    return found, False


def load():
    """Load libvision.so.0: $VISION_LIBRARY (a path), else $VISION_BUILD_DIR/lib
    (a Meson build tree, as the tests use), else the system's."""
    paths, explicit = _candidates()
    errors = []
    for path in paths:
        if explicit or os.path.sep not in path or os.path.exists(path):
            try:
                return _Library(ctypes.CDLL(path), path)
            except OSError as e:
                errors.append("%s: %s" % (path, e))
                if explicit:
                    break
    raise ImportError("vision: cannot load libvision.so.0 (%s); set VISION_LIBRARY to its path"
                      % "; ".join(errors))


lib = load()

if lib.version() // 10000 != 0:
    raise ImportError("vision: %s is version %s; this binding needs 0.x"
                      % (lib.path, lib.version_string().decode()))
