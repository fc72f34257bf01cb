# libvision for Python: result codes and the exception that carries them.
#
# Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
"""VisionError and the result codes of include/vision/common.h."""

import enum

from ._native import lib


class Error(enum.IntEnum):
    """The VISION_E_* codes (numbers are part of the ABI)."""

    OK = 0
    INVALID_ARGUMENT = -1
    NO_MEMORY = -2
    STRUCT_VERSION = -3
    PIXEL_FORMAT = -4
    FRAME_SIZE = -5
    FRAME_STRIDE = -6
    FRAME_PLANE = -7
    REGION = -8
    NOT_FOUND = -9
    EXISTS = -10
    REENTRANT = -11
    OCR_DATA = -12
    OPTION = -13
    IO = -14
    UNSUPPORTED = -15
    INTERNAL = -16


class VisionError(Exception):
    """A libvision failure.

    code    the result code: an Error member (an int), or a plain int for a
            code newer than this binding;
    name    its C name, "VISION_E_FRAME_STRIDE" for example;
    message the detail (what exactly was wrong);
    reason  vision_strerror(code), the code's short description.
    """

    def __init__(self, code, message=""):
        try:
            code = Error(code)
            name = "VISION_E_" + code.name if code else "VISION_OK"
        except ValueError:
            name = "VISION_E_%d" % -code
        self.code = code
        self.name = name
        self.reason = lib.strerror(int(code)).decode("utf-8", "replace")
        self.message = message or self.reason
        super().__init__("%s: %s" % (name, self.message))


def check(rc, detail=None):
    """Raise VisionError for a negative result code; return rc otherwise.

    The message is the thread's vision_last_error(), read right after the
    failing call on the same thread (ctypes calls never switch threads), or
    `detail` when given."""
    if rc >= 0:
        return rc
    if detail is None:
        detail = lib.last_error().decode("utf-8", "replace")
    raise VisionError(rc, detail)
