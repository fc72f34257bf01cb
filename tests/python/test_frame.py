# Frames from Python buffers: formats by name, bytes/bytearray/memoryview/
# numpy without copies, strides, crops, and what is refused.
#
# Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
import array
import ctypes
import json
import os
import subprocess
import unittest

from support import cv2, main, need_cv2, need_numpy, numpy

import vision
from vision import Error, Frame, VisionError


def address(frame, plane=0):
    return frame._frame.planes[plane]


class Formats(unittest.TestCase):
    def test_by_name_and_number(self):
        self.assertEqual(vision.pixel_format("BGR"), 3)
        self.assertEqual(vision.pixel_format("bgrx"), 9)
        self.assertEqual(vision.pixel_format("YUYV"), 16)
        self.assertEqual(vision.pixel_format(12), 12)
        self.assertEqual(vision.pixel_format_name(14), "NV12")
        self.assertIn("GRAY16_LE", vision.FORMATS)
        self.assertEqual(len(vision.FORMATS), 18)

    def test_unknown_name(self):
        with self.assertRaises(VisionError) as cm:
            vision.pixel_format("RGB565")
        self.assertEqual(cm.exception.code, Error.PIXEL_FORMAT)
        self.assertEqual(cm.exception.name, "VISION_E_PIXEL_FORMAT")
        self.assertIn("RGB565", cm.exception.message)
        with self.assertRaises(VisionError):
            vision.pixel_format(99)


class Buffers(unittest.TestCase):
    def test_bytes_without_copy(self):
        data = bytes(range(256)) * (64 * 48 * 3 // 256)
        with Frame(data, "BGR", 64, 48) as f:
            self.assertEqual(f.strides, [192])
            self.assertFalse(f.writable)
            # the frame points into the bytes object itself
            self.assertEqual(ctypes.string_at(address(f), 16), data[:16])
            self.assertEqual(ctypes.cast(address(f), ctypes.c_void_p).value,
                             ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value)

    def test_bytearray_is_pinned_while_borrowed(self):
        data = bytearray(32 * 16)
        f = Frame(data, "GRAY8", 32, 16)
        self.assertTrue(f.writable)
        with self.assertRaises(BufferError):
            data.extend(b"x")  # exported: cannot move while the frame lives
        f.release()
        f.release()  # idempotent
        data.extend(b"x")
        with self.assertRaises(VisionError):
            f._pointer()

    def test_memoryview_slice_and_array(self):
        backing = bytearray(100 + 40 * 30)
        mv = memoryview(backing)[100:]
        with Frame(mv, "GRAY8", 40, 30) as f:
            self.assertEqual(address(f), ctypes.addressof(ctypes.c_char.from_buffer(backing, 100)))
        with Frame(array.array("H", bytes(2 * 20 * 10)), "GRAY16_LE", 20, 10) as f:
            self.assertEqual(f.strides, [40])

    def test_flat_with_padding_strides(self):
        # I420 20x10 with rows padded to 32 (Y) and 16 (U, V)
        size = 32 * 10 + 16 * 5 * 2
        with Frame(bytes(400 + 4 * 16 + 10), "I420", 20, 10, strides=[32, 16, 16]) as f:
            self.assertEqual(f.strides, [32, 16, 16])
            self.assertEqual(address(f, 1) - address(f, 0), 320)
            self.assertEqual(address(f, 2) - address(f, 0), 400)
        with self.assertRaises(VisionError) as cm:
            Frame(bytes(400 + 4 * 16 + 10 - 1), "I420", 20, 10, strides=[32, 16, 16])
        self.assertEqual(cm.exception.code, Error.INVALID_ARGUMENT)
        with self.assertRaises(VisionError) as cm:
            Frame(bytes(size), "I420", 20, 10, strides=[19, 16, 16])
        self.assertEqual(cm.exception.code, Error.FRAME_STRIDE)
        self.assertIn("shorter", cm.exception.message)

    def test_offsets(self):
        buf = bytes(1000)
        with Frame(buf, "NV12", 16, 8, offsets=[0, 500]) as f:
            self.assertEqual(address(f, 1) - address(f, 0), 500)

    def test_refused(self):
        with self.assertRaises(VisionError) as cm:
            Frame(bytes(10), "GRAY8")  # flat data needs a size
        self.assertEqual(cm.exception.code, Error.FRAME_SIZE)
        with self.assertRaises(VisionError) as cm:
            Frame(12345, "GRAY8", 1, 1)
        self.assertEqual(cm.exception.code, Error.INVALID_ARGUMENT)
        with self.assertRaises(VisionError) as cm:
            Frame([bytes(100)], "NV12", 8, 8)
        self.assertEqual(cm.exception.code, Error.FRAME_PLANE)
        with self.assertRaises(VisionError) as cm:
            Frame(bytes(100), "GRAY8", 0, 10)  # the library's own validation
        self.assertEqual(cm.exception.code, Error.FRAME_SIZE)


@need_numpy
class NumpyArrays(unittest.TestCase):
    def test_image_shape_gives_geometry(self):
        img = numpy.zeros((48, 64, 3), numpy.uint8)
        with Frame(img, "BGR") as f:
            self.assertEqual((f.width, f.height, f.strides), (64, 48, [192]))
            self.assertEqual(address(f), img.ctypes.data)
        with Frame(numpy.zeros((10, 20), numpy.uint16), "GRAY16_LE") as f:
            self.assertEqual((f.width, f.height, f.strides), (20, 10, [40]))
        with Frame(numpy.zeros((10, 20, 2), numpy.uint8), "YUY2") as f:
            self.assertEqual((f.width, f.height), (20, 10))
        with Frame(numpy.zeros((10, 80), numpy.uint8), "BGRx") as f:
            self.assertEqual((f.width, f.height), (20, 10))

    def test_crop_view_keeps_parent_stride(self):
        img = numpy.arange(100 * 120 * 3, dtype=numpy.uint32).astype(numpy.uint8).reshape(
            100, 120, 3)
        crop = img[10:60, 20:100]
        self.assertFalse(crop.flags["C_CONTIGUOUS"])
        with Frame(crop, "BGR") as f:
            self.assertEqual((f.width, f.height, f.strides), (80, 50, [360]))
            self.assertEqual(address(f), img.ctypes.data + 10 * 360 + 20 * 3)

    def test_crop_analyses_as_its_copy(self):
        rng = numpy.random.default_rng(1)
        frames = [rng.integers(0, 255, (90, 140), dtype=numpy.uint8) for _ in range(6)]
        for img in frames:
            img[30:70, 40 + len(frames):90] = 255
        outs = []
        for view in (lambda a: a[5:85, 10:130], lambda a: numpy.ascontiguousarray(a[5:85, 10:130])):
            with vision.Crowd(processing_width=0, warmup_frames=2) as crowd:
                crowd.add_region("r", [(0, 0), (1, 0), (1, 1), (0, 1)])
                for img in frames:
                    crowd.process(view(img), format="GRAY8")
                outs.append(crowd.result("r"))
        self.assertEqual(outs[0], outs[1])

    def test_planes_as_list(self):
        y = numpy.zeros((40, 64), numpy.uint8)
        uv = numpy.zeros((20, 64), numpy.uint8)
        with Frame([y[:, :60], uv[:, :60]], "NV12") as f:
            self.assertEqual((f.width, f.height, f.strides), (60, 40, [64, 64]))
            self.assertEqual(address(f, 1), uv.ctypes.data)

    def test_refuses_what_cannot_be_described(self):
        img = numpy.zeros((40, 60, 3), numpy.uint8)
        for bad, why in ((img[:, ::2], "not contiguous"), (img[::-1], "forward"),
                         (numpy.asfortranarray(img), "not contiguous"),
                         (img[:, :, ::-1], "not contiguous")):
            with self.assertRaises(VisionError, msg=why) as cm:
                Frame(bad, "BGR")
            self.assertEqual(cm.exception.code, Error.FRAME_STRIDE)
            self.assertIn(why, cm.exception.message)
        with self.assertRaises(VisionError) as cm:
            Frame(numpy.zeros((4, 4), ">u2"), "GRAY16_LE")
        self.assertEqual(cm.exception.code, Error.PIXEL_FORMAT)
        with self.assertRaises(VisionError) as cm:
            Frame(img, "BGR", 61, 40)  # wider than the array
        self.assertEqual(cm.exception.code, Error.FRAME_SIZE)

    @need_cv2
    def test_i420_from_opencv(self):
        bgr = numpy.full((48, 64, 3), 128, numpy.uint8)
        i420 = cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV_I420)  # (72, 64)
        with Frame(i420, "I420") as f:
            self.assertEqual((f.width, f.height, f.strides), (64, 48, [64, 32, 32]))
            self.assertEqual(address(f, 2) - address(f, 0), 64 * 48 + 32 * 24)

    def test_draw_needs_writable(self):
        img = numpy.zeros((48, 64, 3), numpy.uint8)
        with vision.Crowd(processing_width=0) as crowd:
            crowd.add_region("r", [(0.1, 0.1), (0.9, 0.1), (0.5, 0.9)])
            crowd.process(img, format="BGR")
            img.flags.writeable = False
            with self.assertRaises(VisionError) as cm:
                crowd.draw(img, format="BGR")
            self.assertIn("read-only", cm.exception.message)
            img.flags.writeable = True
            crowd.draw(img, format="BGR")
            self.assertGreater(int(img.sum()), 0)  # the outline was drawn in place


class Layout(unittest.TestCase):
    """The ctypes mirrors have the C structs' exact size and offsets."""

    def test_structs_match_c(self):
        dump = os.environ.get("VISION_LAYOUT_DUMP")
        if not dump:
            self.skipTest("VISION_LAYOUT_DUMP (the layout_dump program) not set")
        c = json.loads(subprocess.check_output([dump]))
        from vision import _native
        for name, info in c.items():
            cls = getattr(_native, name)
            self.assertEqual(ctypes.sizeof(cls), info["size"], name)
            for field, offset in info["fields"].items():
                self.assertEqual(getattr(cls, field).offset, offset, "%s.%s" % (name, field))

    def test_init_functions_fill_defaults(self):
        o = vision.crowd_options()
        self.assertEqual((o.version, o.processing_width, o.warmup_frames), (1, 320, 10))
        p, _ = vision.plate_options()
        self.assertEqual((p.version, p.top_n, p.reread_interval), (1, 5, 8))
        c = vision.region_config(occupancyLevelMin=12, dead_band=1.5, sendOpticalFlowEvent=True)
        self.assertEqual((c.occupancy_level_min, c.dead_band, c.send_optical_flow_event),
                         (12.0, 1.5, 1))
        self.assertIn("occupancyLevelMin", vision.region_config_names())


if __name__ == "__main__":
    main()
