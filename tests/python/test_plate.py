# Plates from Python: a plate rendered with OpenCV's FreeType module is read
# in still mode, tracked in video mode, and bad input raises VisionError.
#
# Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
import os
import tempfile
import unittest

from support import cv2, main, need_cv2, numpy

import vision
from vision import Error, Plate, VisionError

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"  # fonts-dejavu-core


def render_plate(text, width=300):
    """A flat EU plate (white, blue band, black text) as a BGR array."""
    height = width * 110 // 520
    plate = numpy.full((height, width, 3), 245, numpy.uint8)
    band = width * 8 // 100
    cv2.rectangle(plate, (0, 0), (band, height), (150, 50, 0), -1)
    cv2.rectangle(plate, (0, 0), (width - 1, height - 1), (20, 20, 20), max(2, width // 150))
    font = cv2.freetype.createFreeType2()
    font.loadFontData(FONT, 0)
    size = 200
    (tw, th), _ = font.getTextSize(text, size, -1)
    canvas = numpy.zeros((th + 3 * size, tw + 2 * size, 3), numpy.uint8)
    font.putText(canvas, text, (size, size + th), size, (255, 255, 255), -1, cv2.LINE_AA, True)
    ink = canvas[..., 0]
    ys, xs = numpy.nonzero(ink)
    glyphs = ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    bx, by = band + width * 3 // 100, height * 14 // 100
    bw, bh = width - band - width * 6 // 100, height * 72 // 100
    w = min(bw, glyphs.shape[1] * bh // glyphs.shape[0])
    alpha = cv2.resize(glyphs, (w, bh), interpolation=cv2.INTER_AREA)[..., None] / 255.0
    x0 = bx + (bw - w) // 2
    roi = plate[by:by + bh, x0:x0 + w]
    plate[by:by + bh, x0:x0 + w] = (roi * (1 - alpha) + 15 * alpha).astype(numpy.uint8)
    return plate


def scene(plate, x=170, y=200, size=(480, 640)):
    img = numpy.full(size + (3,), 110, numpy.uint8)
    h, w = plate.shape[:2]
    img[y:y + h, x:x + w] = plate
    return img


def have_font():
    return cv2 is not None and os.path.exists(FONT) and hasattr(cv2, "freetype")


def plate_unavailable():
    """Why plates cannot be read here (built without plate support, or no
    English OCR data), or None."""
    try:
        Plate().close()
    except VisionError as e:
        if e.code in (Error.UNSUPPORTED, Error.OCR_DATA):
            return e.message
        raise
    return None


UNAVAILABLE = plate_unavailable()
need_plates = unittest.skipIf(UNAVAILABLE is not None, "plates unavailable: %s" % UNAVAILABLE)


@need_cv2
@need_plates
@unittest.skipUnless(have_font(), "fonts-dejavu-core or cv2.freetype missing")
class Reading(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.plate = render_plate("BA 123CD")

    def test_still_image_bgr_and_gray_crop(self):
        img = scene(self.plate)
        with Plate(countries="eu") as reader:
            results = reader.process(img, format="BGR")
            self.assertEqual(len(results), 1)
            r = results[0]
            self.assertEqual(r.text, "BA123CD")
            self.assertEqual(r.pattern, "eu-sk")
            self.assertGreater(r.confidence, 0.5)
            self.assertEqual(len(r.char_confidence), 7)
            self.assertEqual(r.track_id, -1)
            x, y, w, h = r.box
            self.assertLess(abs(x + w / 2 - (170 + 150)), 30)
            self.assertEqual(reader.results(), results)
            # the same picture, cropped as a view of a gray image: box moves with it
            gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
            crop = gray[100:420, 100:560]
            results = reader.process(crop, format="GRAY8")
            self.assertEqual([p.text for p in results], ["BA123CD"])
            self.assertLess(abs(results[0].box[0] - (x - 100)), 8)
            # drawing into a writable frame
            reader.process(img, format="BGR")
            before = img.copy()
            reader.draw(img, format="BGR")
            self.assertFalse(numpy.array_equal(before, img))

    def test_video_round_trip_through_a_file(self):
        """Write frames with a plate passing by to an MJPG file, decode them
        with cv2.VideoCapture and track: one NEW event, then END."""
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "plate.avi")
            writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"MJPG"), 10, (640, 480))
            if not writer.isOpened():
                self.skipTest("OpenCV cannot write MJPG/avi here")
            for i in range(12):
                writer.write(scene(self.plate, x=80 + 15 * i))
            writer.release()
            events = []
            reader = Plate(countries="eu", mode="video", on_event=events.append)
            capture = cv2.VideoCapture(path)
            count = 0
            while True:
                ok, img = capture.read()
                if not ok:
                    break
                reader.process(img, format="BGR", pts_ns=count * 100_000_000)
                count += 1
            flushed = reader.flush()
            reader.close()
            self.assertEqual(count, 12)
            new = [e for e in events if e.type == "new"]
            self.assertEqual(len(new), 1)
            self.assertEqual(new[0].text, "BA123CD")
            self.assertGreaterEqual(new[0].track_id, 1)
            self.assertEqual([e.type for e in flushed], ["end"])
            self.assertEqual(events[-1], flushed[-1])
            self.assertEqual(flushed[0].track_id, new[0].track_id)

    def test_callback_exception_and_reentrancy(self):
        holder, codes = {}, []

        def on_event(event):
            try:
                holder["p"].close()
            except VisionError as e:
                codes.append(e.code)
            raise RuntimeError("host bug")

        reader = holder["p"] = Plate(countries="eu", mode="video", on_event=on_event)
        img = scene(self.plate)
        with self.assertRaises(RuntimeError):
            for i in range(6):
                reader.process(img, format="BGR")
        self.assertEqual(codes, [Error.REENTRANT])
        self.assertFalse(reader.closed)
        reader.set_callback(None)
        reader.process(img, format="BGR")  # still usable
        reader.close()
        reader.close()


@need_cv2
@need_plates
class PlateErrors(unittest.TestCase):
    def test_bad_options(self):
        for options, code in (({"countries": "mars"}, Error.OPTION),
                              ({"top_n": 0}, Error.OPTION),
                              ({"mode": "film"}, Error.OPTION),
                              ({"roi": [(0, 0), (1, 1)]}, Error.REGION),
                              ({"ocr_data_path": "/nonexistent/tessdata"}, Error.OCR_DATA)):
            with self.assertRaises(VisionError, msg=str(options)) as cm:
                Plate(**options)
            self.assertEqual(cm.exception.code, code, str(options))
            self.assertTrue(cm.exception.message)
        with self.assertRaises(VisionError) as cm:
            Plate(ocr_data_path="/nonexistent/tessdata")
        self.assertIn("/nonexistent/tessdata", cm.exception.message)

    def test_bad_frame_and_use_after_close(self):
        reader = Plate(countries="eu")
        with self.assertRaises(VisionError) as cm:
            reader.process(bytes(100), format="I420", width=100, height=100)
        self.assertEqual(cm.exception.code, Error.INVALID_ARGUMENT)
        released = vision.Frame(bytes(64), "GRAY8", 8, 8)
        released.release()
        with self.assertRaises(VisionError) as cm:
            reader.process(released)
        self.assertIn("released", cm.exception.message)
        self.assertEqual(reader.process(numpy.zeros((32, 32), numpy.uint8), format="GRAY8"), [])
        reader.close()
        with self.assertRaises(VisionError) as cm:
            reader.process(numpy.zeros((32, 32), numpy.uint8), format="GRAY8")
        self.assertEqual(cm.exception.code, Error.INVALID_ARGUMENT)
        with self.assertRaises(VisionError):
            reader.flush()


if __name__ == "__main__":
    main()
