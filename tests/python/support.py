# Shared by the Python binding's tests: finding the package and the library,
# optional numpy/OpenCV, and a main() that reports "skipped" to Meson.
#
# Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(SOURCE, "examples", "python"))

try:
    import numpy
except ImportError:  # python3-numpy missing
    numpy = None
try:
    import cv2
except ImportError:  # python3-opencv missing
    cv2 = None

need_numpy = unittest.skipIf(numpy is None, "python3-numpy is not installed")
need_cv2 = unittest.skipIf(cv2 is None or numpy is None, "python3-opencv is not installed")

SKIP = 77  # Meson's "skipped" exit status


def main():
    """Run the calling module's tests; exit 0, 1, or 77 when all skipped."""
    program = unittest.main(exit=False, verbosity=2)
    result = program.result
    if not result.wasSuccessful():
        sys.exit(1)
    if result.testsRun and len(result.skipped) == result.testsRun:
        sys.exit(SKIP)
    sys.exit(0)
