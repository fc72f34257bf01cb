# libvision for Python.
#
# Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
"""libvision over ctypes: licence plates and crowds in raw video frames.

    import vision
    with vision.Crowd(processing_width=160) as crowd:
        crowd.add_region("door", [(0, 0), (0.5, 0), (0.5, 1), (0, 1)],
                         occupancyLevelMin=5)
        for event in crowd.process(bgr_image, format="BGR"):
            print(event.region_id, event.type, event.level)

See docs/python.md. The library is found through $VISION_LIBRARY (a path),
$VISION_BUILD_DIR (a Meson build tree) or the system's libvision.so.0.
"""

from ._native import lib as _lib
from .crowd import (Crowd, CrowdEvent, CrowdResult, crowd_options, region_config,
                    region_config_names)
from .errors import Error, VisionError
from .frame import FORMATS, Frame, pixel_format, pixel_format_name, plane_geometry
from .plate import Plate, PlateEvent, PlateResult, countries, plate_options

__all__ = [
    "Crowd", "CrowdEvent", "CrowdResult", "Error", "FORMATS", "Frame", "Plate", "PlateEvent",
    "PlateResult", "VisionError", "countries", "crowd_options", "library_path",
    "library_version", "pixel_format", "pixel_format_name", "plane_geometry", "plate_options",
    "region_config", "region_config_names", "strerror",
]

#: Where the loaded libvision.so.0 came from.
library_path = _lib.path


def library_version():
    """The loaded library's version string, "0.1.0" for example."""
    return _lib.version_string().decode()


def strerror(code):
    """vision_strerror(): the short description of a result code."""
    return _lib.strerror(int(code)).decode()
