# Crowd from Python: a real client decoding a video with OpenCV, callbacks,
# errors, and the handle's lifetime.
#
# Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
import gc
import json
import os
import subprocess
import sys
import tempfile
import threading
import unittest
import weakref

from support import cv2, main, need_cv2, need_numpy, numpy

import vision
from vision import Crowd, Error, VisionError

WHOLE = [(0, 0), (1, 0), (1, 1), (0, 1)]
LEFT = [(0, 0), (0.5, 0), (0.5, 1), (0, 1)]


def scene(index, width=320, height=240):
    """A grey textured floor; from frame 15 on, blobs walk to the right."""
    rng = numpy.random.default_rng(7)
    floor = (100 + rng.integers(-12, 12, (height, width, 3))).astype(numpy.uint8)
    img = floor.copy()
    if index >= 15:
        for k in range(6):
            x = int((index - 15) * 4 + k * 40) % (width + 40) - 20
            y = 40 + (k * 53) % (height - 80)
            cv2.circle(img, (x, y), 22, (30 + 30 * k, 200, 240 - 30 * k), -1)
    return img


def write_video(path, count):
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"MJPG"), 15, (320, 240))
    if not writer.isOpened():
        return False
    for i in range(count):
        writer.write(scene(i))
    writer.release()
    return os.path.getsize(path) > 0


@need_cv2
class VideoClient(unittest.TestCase):
    """What a host does: decode a file with cv2.VideoCapture and hand every
    decoded frame to libvision as it is (BGR, OpenCV's own buffer)."""

    def test_decoded_video_gives_events(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "blobs.avi")
            if not write_video(path, 60):
                self.skipTest("OpenCV cannot write MJPG/avi here")
            capture = cv2.VideoCapture(path)
            self.assertTrue(capture.isOpened())
            seen = []
            crowd = Crowd(on_event=seen.append, processing_width=160, warmup_frames=5)
            crowd.add_region("whole", WHOLE, occupancyLevelMin=5, occupancyNumFramesToEvent=2,
                             fluidityLevelMin=5, fluidityNumFramesToEvent=2,
                             sendOpticalFlowEvent=True, opticalFlowNumFramesToEvent=2,
                             direction_sectors=4)
            crowd.add_region("left", LEFT)
            returned = []
            index = 0
            while True:
                ok, image = capture.read()
                if not ok:
                    break
                pts = int(capture.get(cv2.CAP_PROP_POS_MSEC) * 1e6)
                returned += crowd.process(image, format="BGR", pts_ns=pts)
                index += 1
            capture.release()
            self.assertEqual(index, 60)
            self.assertEqual(seen, returned)  # callback and return value agree
            kinds = {(e.region_id, e.type) for e in seen}
            self.assertIn(("whole", "occupancy"), kinds)
            self.assertIn(("whole", "fluidity"), kinds)
            occupancy = [e for e in seen if e.type == "occupancy" and e.region_id == "whole"]
            self.assertGreaterEqual(occupancy[0].level, 1)
            self.assertGreaterEqual(occupancy[0].frame_index, 15)  # not before the blobs came
            self.assertIsNotNone(occupancy[0].pts_ns)
            directions = [e.angle for e in seen if e.type == "direction"]
            self.assertTrue(directions, "blobs walking right give a direction event")
            self.assertEqual(directions[0], 90.0)  # right, with 4 sectors
            whole = crowd.result("whole")
            self.assertTrue(whole.valid)
            self.assertGreater(whole.occupancy, 5)
            self.assertEqual([r.region_id for r in crowd.results()], ["whole", "left"])
            crowd.close()

    def test_example_program(self):
        """examples/python/crowd_video.py on the same kind of file: JSON
        Lines events on stdout and an overlay video."""
        from support import SOURCE
        script = os.path.join(SOURCE, "examples", "python", "crowd_video.py")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "blobs.avi")
            if not write_video(path, 40):
                self.skipTest("OpenCV cannot write MJPG/avi here")
            overlay = os.path.join(tmp, "overlay.avi")
            run = subprocess.run(
                [sys.executable, script, path, "--processing-width", "160",
                 "--region", "left=0,0;0.5,0;0.5,1;0,1", "--set", "occupancyLevelMin=5",
                 "--set", "occupancyNumFramesToEvent=2", "--overlay", overlay],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
            self.assertEqual(run.returncode, 0, run.stderr.decode())
            events = [json.loads(line) for line in run.stdout.decode().splitlines()]
            self.assertIn(("left", "occupancy"), {(e["region"], e["type"]) for e in events})
            self.assertEqual(cv2.VideoCapture(overlay).get(cv2.CAP_PROP_FRAME_COUNT), 40)
            bad = subprocess.run([sys.executable, script, os.path.join(tmp, "missing.avi")],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
            self.assertEqual(bad.returncode, 1)
            self.assertIn(b"cannot open", bad.stderr)


@need_numpy
class Errors(unittest.TestCase):
    def test_bad_input_raises_with_code_and_handle_survives(self):
        with Crowd(processing_width=0) as crowd:
            crowd.add_region("r", WHOLE)
            with self.assertRaises(VisionError) as cm:
                crowd.add_region("r", WHOLE)
            self.assertEqual(cm.exception.code, Error.EXISTS)
            self.assertEqual(cm.exception.name, "VISION_E_EXISTS")
            self.assertTrue(cm.exception.message)
            with self.assertRaises(VisionError) as cm:
                crowd.add_region("bad", [(0, 0), (1, 1)])
            self.assertEqual(cm.exception.code, Error.REGION)
            with self.assertRaises(VisionError) as cm:
                crowd.add_region("far", [(0, 0), (2, 0), (0, 1)])
            self.assertEqual(cm.exception.code, Error.REGION)
            with self.assertRaises(VisionError) as cm:
                crowd.add_region("cfg", WHOLE, occupancyNumFramesToEvent=0)
            self.assertEqual(cm.exception.code, Error.OPTION)
            with self.assertRaises(VisionError) as cm:
                crowd.add_region("cfg", WHOLE, noSuchField=1)
            self.assertEqual(cm.exception.code, Error.NOT_FOUND)
            with self.assertRaises(VisionError) as cm:
                crowd.remove_region("nope")
            self.assertEqual(cm.exception.code, Error.NOT_FOUND)
            with self.assertRaises(VisionError) as cm:
                crowd.result("nope")
            self.assertEqual(cm.exception.code, Error.NOT_FOUND)
            with self.assertRaises(VisionError) as cm:
                crowd.process(numpy.zeros((8, 8, 3), numpy.uint8), format="NOPE")
            self.assertEqual(cm.exception.code, Error.PIXEL_FORMAT)
            # still usable
            crowd.process(numpy.zeros((8, 8, 3), numpy.uint8), format="BGR")
            self.assertEqual(len(crowd), 1)

    def test_bad_options(self):
        with self.assertRaises(VisionError) as cm:
            Crowd(processing_width=3)
        self.assertEqual(cm.exception.code, Error.OPTION)
        self.assertIn("processing_width", cm.exception.message)  # the library's own detail
        with self.assertRaises(VisionError) as cm:
            Crowd(no_such_option=1)
        self.assertEqual(cm.exception.code, Error.OPTION)

    def test_close_twice_and_use_after_close(self):
        crowd = Crowd()
        crowd.close()
        crowd.close()
        self.assertTrue(crowd.closed)
        for call in (lambda: crowd.process(bytes(16), format="GRAY8", width=4, height=4),
                     lambda: crowd.add_region("r", WHOLE), lambda: len(crowd),
                     lambda: crowd.results()):
            with self.assertRaises(VisionError) as cm:
                call()
            self.assertEqual(cm.exception.code, Error.INVALID_ARGUMENT)
            self.assertIn("closed", cm.exception.message)


def make_crowd(callback):
    crowd = Crowd(on_event=callback, processing_width=0, warmup_frames=3)
    crowd.add_region("a", WHOLE, occupancyNumFramesToEvent=1, fluidityNumFramesToEvent=1)
    crowd.add_region("b", LEFT, occupancyNumFramesToEvent=1, fluidityNumFramesToEvent=1)
    return crowd


@need_numpy
class Callbacks(unittest.TestCase):
    def feed(self, crowd, count=30):
        events = []
        for i in range(count):
            img = numpy.zeros((60, 80), numpy.uint8)
            if i >= 8:
                img[:, : 40 + i] = 255
            events += crowd.process(img, format="GRAY8")
        return events

    def make(self, callback):
        return make_crowd(callback)

    def test_exception_in_callback_is_raised_after_process(self):
        calls = []

        def boom(event):
            calls.append(event)
            raise KeyError("from the callback")

        crowd = self.make(boom)
        with self.assertRaises(KeyError):
            self.feed(crowd)
        self.assertEqual(len(calls), 1)  # later events of that call skipped the callback
        # the handle is fine afterwards
        crowd.set_callback(None)
        crowd.process(numpy.zeros((60, 80), numpy.uint8), format="GRAY8")
        crowd.close()

    def test_reentrant_calls_are_refused(self):
        errors = []
        holder = {}

        def reenter(event):
            for call in (lambda: holder["c"].process(bytes(4800), format="GRAY8", width=80,
                                                     height=60),
                         lambda: holder["c"].close(),
                         lambda: holder["c"].add_region("x", WHOLE)):
                try:
                    call()
                except VisionError as e:
                    errors.append(e.code)
            holder["result"] = holder["c"].result(event.region_id)  # reading is allowed

        crowd = holder["c"] = self.make(reenter)
        events = self.feed(crowd)
        self.assertTrue(events)
        self.assertEqual(set(errors), {Error.REENTRANT})
        self.assertEqual(len(errors), 3 * len(events))
        self.assertFalse(crowd.closed)
        crowd.close()

    def test_callback_kept_alive_and_handle_collectable(self):
        seen = []
        crowd = self.make(lambda e: seen.append(e))  # the lambda has no other reference
        gc.collect()
        self.feed(crowd)
        self.assertTrue(seen)
        ref = weakref.ref(crowd)
        del crowd
        gc.collect()
        self.assertIsNone(ref())  # no cycle through the C trampoline keeps it


@need_numpy
class Threads(unittest.TestCase):
    def test_handles_in_parallel_threads_and_a_shared_one(self):
        """Different handles in different threads give what they give alone;
        a handle shared by threads is serialised by the binding."""
        frames = []
        for i in range(20):
            img = numpy.zeros((60, 80), numpy.uint8)
            if i >= 8:
                img[:, : 40 + i] = 255
            frames.append(img)

        def run(crowd, out):
            for img in frames:
                out.extend(crowd.process(img, format="GRAY8"))

        alone = []
        with make_crowd(None) as crowd:
            run(crowd, alone)
        self.assertTrue(alone)
        outs = [[] for _ in range(4)]
        crowds = [make_crowd(None) for _ in outs]
        threads = [threading.Thread(target=run, args=(c, o)) for c, o in zip(crowds, outs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for c, out in zip(crowds, outs):
            self.assertEqual(out, alone)
            c.close()
        shared, errors = make_crowd(None), []

        def hammer():
            try:
                for img in frames:
                    shared.process(img, format="GRAY8")
                    shared.results()
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)

        threads = [threading.Thread(target=hammer) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(shared.result("a").frame_index, 3 * len(frames) - 1)
        shared.close()


if __name__ == "__main__":
    main()
