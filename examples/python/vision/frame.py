# libvision for Python: frames over host memory, without copies.
#
# Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
"""Frame: a vision_frame pointing into Python buffers (bytes, bytearray,
memoryview, numpy arrays, anything with the buffer protocol)."""

import ctypes

from . import _native
from ._native import lib
from .errors import Error, VisionError, check

# ---------------------------------------------------------------------------
# Pixel formats by name
# ---------------------------------------------------------------------------


def _list_formats():
    names = {}
    for value in range(1, 256):
        name = lib.format_name(value)
        if name is not None:
            names[name.decode()] = value
    return names


#: Every pixel format the loaded library knows: name -> number ("BGRx": 9, ...).
FORMATS = _list_formats()


def pixel_format(format):
    """The number of a pixel format given by name ("BGR", "nv12", "BGRx"; the
    names of vision_pixel_format_from_name()) or by number."""
    if isinstance(format, str):
        value = lib.format_from_name(format.encode())
        if value == 0:
            raise VisionError(Error.PIXEL_FORMAT, "unknown pixel format name %r" % format)
        return value
    value = int(format)
    if lib.format_name(value) is None:
        raise VisionError(Error.PIXEL_FORMAT, "unknown pixel format %d" % value)
    return value


def pixel_format_name(value):
    """The name of a pixel format number, or None."""
    name = lib.format_name(int(value))
    return name.decode() if name is not None else None


def plane_geometry(format, width, height):
    """[(row_bytes, rows), ...] of each plane of a frame."""
    format = pixel_format(format)
    count = check(lib.plane_count(format))
    planes = []
    for i in range(count):
        row_bytes, rows = ctypes.c_uint64(), ctypes.c_uint32()
        check(lib.plane_size(ctypes.byref(row_bytes), ctypes.byref(rows), format, width, height, i))
        planes.append((row_bytes.value, rows.value))
    return planes


# ---------------------------------------------------------------------------
# The buffer protocol, through the C API (the only way to get the address of
# a read-only or non-contiguous buffer without copying it).
# ---------------------------------------------------------------------------


class _Py_buffer(ctypes.Structure):
    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.c_void_p),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.POINTER(ctypes.c_ssize_t)),
        ("strides", ctypes.POINTER(ctypes.c_ssize_t)),
        ("suboffsets", ctypes.POINTER(ctypes.c_ssize_t)),
        ("internal", ctypes.c_void_p),
    ]


_PyBUF_RECORDS_RO = 0x0018 | 0x0004  # PyBUF_STRIDES | PyBUF_FORMAT
_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_Py_buffer), ctypes.c_int]
_get_buffer.restype = ctypes.c_int
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(_Py_buffer)]
_release_buffer.restype = None


class _Plane:
    """One exported buffer: its address, rows and row stride as seen by C."""

    def __init__(self, obj, index):
        self.view = _Py_buffer()
        try:
            _get_buffer(obj, ctypes.byref(self.view), _PyBUF_RECORDS_RO)
        except (TypeError, BufferError, ValueError) as e:
            self.view = None
            raise VisionError(Error.INVALID_ARGUMENT,
                              "plane %d: %s does not export a strided buffer (%s)"
                              % (index, type(obj).__name__, e)) from None
        v = self.view
        self.address = v.buf
        self.readonly = bool(v.readonly)
        self.ndim = v.ndim
        self.shape = [v.shape[i] for i in range(v.ndim)] if v.ndim else []
        self.strides = [v.strides[i] for i in range(v.ndim)] if v.ndim else []
        self.itemsize = v.itemsize
        self.length = v.len
        if v.itemsize > 1 and v.format and v.format[:1] in (b">", b"!"):
            self.release()
            raise VisionError(Error.PIXEL_FORMAT,
                              "plane %d: big-endian items (%s); libvision's 16-bit format is "
                              "little-endian (numpy: array.astype('<u2'))"
                              % (index, v.format.decode()))

    def inner_contiguous(self, index):
        """Bytes in one row (the dimensions after the first), checking they
        are contiguous: libvision needs pixels packed within a row."""
        expect = self.itemsize
        for dim in range(self.ndim - 1, 0, -1):
            if self.shape[dim] > 1 and self.strides[dim] != expect:
                raise VisionError(Error.FRAME_STRIDE,
                                  "plane %d: the bytes of a row are not contiguous (dimension %d "
                                  "has stride %d, %d expected); only the row stride may differ, "
                                  "copy the array (numpy.ascontiguousarray) to use it"
                                  % (index, dim, self.strides[dim], expect))
            expect *= self.shape[dim]
        return expect

    def flat(self, index):
        """Check that the buffer is one contiguous run of bytes; its length."""
        if self.ndim == 0:
            return self.length
        size = self.inner_contiguous(index)
        if self.ndim >= 2 and self.shape[0] > 1 and self.strides[0] != size:
            raise VisionError(Error.FRAME_STRIDE,
                              "plane %d: a buffer holding several planes must be contiguous "
                              "(row stride %d, row size %d)" % (index, self.strides[0], size))
        if self.ndim == 1 and self.shape[0] > 1 and self.strides[0] != self.itemsize:
            raise VisionError(Error.FRAME_STRIDE,
                              "plane %d: a one-dimensional buffer must be contiguous (stride %d)"
                              % (index, self.strides[0]))
        return self.length

    def release(self):
        if self.view is not None:
            _release_buffer(ctypes.byref(self.view))
            self.view = None


def _check_stride(stride, index):
    if stride <= 0:
        raise VisionError(Error.FRAME_STRIDE,
                          "plane %d: row stride %d; rows must go forward in memory (a flipped "
                          "view cannot be described, copy it)" % (index, stride))
    if stride > 0xFFFFFFFF:
        raise VisionError(Error.FRAME_STRIDE, "plane %d: row stride %d is over 32 bits"
                          % (index, stride))


class Frame:
    """A frame borrowed from Python buffers, for Crowd.process(),
    Plate.process() and the draw functions.

    Frame(data, format, width=None, height=None, *, strides=None,
          offsets=None, pts_ns=None, discontinuity=False)

    data    one buffer, or a list with one buffer per plane. A buffer is
            anything with the buffer protocol: bytes, bytearray, memoryview,
            array.array, a numpy array. Nothing is copied: the frame points
            into it and keeps it exported (a bytearray cannot be resized)
            until release() or the end of a `with` block.
    format  a name ("BGR", "BGRx", "GRAY8", "I420", "NV12", ...) or number.

    Layouts:
    - a 2-D or 3-D array for a one-plane format (numpy image from OpenCV,
      shape (height, width[, channels])): width, height and the row stride
      come from its shape and strides, so a crop view (image[y0:y1, x0:x1])
      works without a copy; pixels within a row must be contiguous.
    - a list of such arrays, one per plane (Y, then U and V or UV);
    - flat bytes holding every plane one after another (as decoders and
      cv2.cvtColor(..., COLOR_BGR2YUV_I420) write them): give width and
      height (a 2-D (height * 3 / 2, width) array of a 4:2:0 format gives them
      itself); `strides` (one per plane) when rows are padded, `offsets` of
      each plane when planes are not back to back.

    Anything that cannot be described (a flipped or column-stepped view,
    a buffer too short for the frame) raises VisionError.
    Writable buffers are needed only by the draw functions.
    """

    def __init__(self, data, format, width=None, height=None, *, strides=None, offsets=None,
                 pts_ns=None, discontinuity=False):
        self._planes = []
        self._frame = _native.vision_frame()
        lib.frame_init(ctypes.byref(self._frame))
        try:
            self._build(data, format, width, height, strides, offsets)
        except BaseException:
            self.release()
            raise
        self._frame.pts_ns = _native.PTS_NONE if pts_ns is None else int(pts_ns)
        if discontinuity:
            self._frame.flags |= _native.FRAME_FLAG_DISCONTINUITY
        detail = ctypes.create_string_buffer(256)
        rc = lib.frame_validate(ctypes.byref(self._frame), detail, len(detail))
        if rc < 0:
            self.release()
            raise VisionError(rc, detail.value.decode("utf-8", "replace"))

    def _build(self, data, format, width, height, strides, offsets):
        fmt = pixel_format(format)
        count = check(lib.plane_count(fmt))
        per_plane = isinstance(data, (list, tuple))
        sources = list(data) if per_plane else [data]
        if per_plane and len(sources) != count:
            raise VisionError(Error.FRAME_PLANE, "%s has %d planes, %d buffers given"
                              % (pixel_format_name(fmt), count, len(sources)))
        for i, obj in enumerate(sources):
            self._planes.append(_Plane(obj, i))
        first = self._planes[0]

        # Width and height from the first buffer's shape when not given.
        if first.ndim >= 2 and (width is None or height is None):
            if count == 1 or per_plane:
                row = first.inner_contiguous(0)
                bytes_per_two = plane_geometry(fmt, 2, 2)[0][0]
                h = first.shape[0]
                w = first.shape[1] if first.ndim == 3 else (2 * row) // bytes_per_two
            else:  # several 4:2:0 planes stacked in one (height * 3 / 2, width) array
                h = (first.shape[0] * 2) // 3
                w = first.shape[1] * first.itemsize
            width = w if width is None else width
            height = h if height is None else height
        if width is None or height is None:
            raise VisionError(Error.FRAME_SIZE,
                              "width and height are needed for a flat buffer")
        geometry = plane_geometry(fmt, int(width), int(height))
        f = self._frame
        f.format, f.width, f.height = fmt, int(width), int(height)
        if strides is not None and len(strides) != count:
            raise VisionError(Error.FRAME_STRIDE, "%d strides given for %d planes"
                              % (len(strides), count))
        if offsets is not None and len(offsets) != count:
            raise VisionError(Error.INVALID_ARGUMENT, "%d offsets given for %d planes"
                              % (len(offsets), count))

        if per_plane or (count == 1 and first.ndim >= 2):
            for i, plane in enumerate(self._planes):
                row_bytes, rows = geometry[i]
                if plane.ndim >= 2:
                    row_avail = plane.inner_contiguous(i)
                    stride = plane.strides[0] if plane.shape[0] > 1 else row_avail
                    if strides is not None and strides[i] != stride:
                        raise VisionError(Error.FRAME_STRIDE,
                                          "plane %d: stride %d given, the array's is %d"
                                          % (i, strides[i], stride))
                    _check_stride(stride, i)
                    if plane.shape[0] < rows or row_avail < row_bytes:
                        raise VisionError(Error.FRAME_SIZE,
                                          "plane %d: %d rows of %d bytes needed, the array has "
                                          "%d rows of %d" % (i, rows, row_bytes, plane.shape[0],
                                                             row_avail))
                    f.planes[i] = plane.address
                    f.strides[i] = stride
                else:
                    size = plane.flat(i)
                    stride = strides[i] if strides is not None else row_bytes
                    self._place(i, plane.address, size, 0, stride, row_bytes, rows)
            return

        # One flat buffer holding every plane.
        size = first.flat(0)
        offset = 0
        for i, (row_bytes, rows) in enumerate(geometry):
            stride = strides[i] if strides is not None else row_bytes
            if offsets is not None:
                offset = offsets[i]
            self._place(i, first.address, size, offset, stride, row_bytes, rows)
            offset += stride * rows

    def _place(self, i, address, size, offset, stride, row_bytes, rows):
        _check_stride(stride, i)
        if stride < row_bytes:
            raise VisionError(Error.FRAME_STRIDE, "plane %d: stride %d is shorter than its row "
                              "of %d bytes" % (i, stride, row_bytes))
        end = offset + (rows - 1) * stride + row_bytes
        if offset < 0 or end > size:
            raise VisionError(Error.INVALID_ARGUMENT,
                              "plane %d needs bytes %d..%d of the buffer, which has %d"
                              % (i, offset, end, size))
        self._frame.planes[i] = address + offset
        self._frame.strides[i] = stride

    # -- properties ---------------------------------------------------------

    @property
    def format(self):
        return pixel_format_name(self._frame.format)

    @property
    def width(self):
        return self._frame.width

    @property
    def height(self):
        return self._frame.height

    @property
    def strides(self):
        count = lib.plane_count(self._frame.format)
        return [self._frame.strides[i] for i in range(max(count, 0))]

    @property
    def writable(self):
        return bool(self._planes) and not any(p.readonly for p in self._planes)

    @property
    def pts_ns(self):
        pts = self._frame.pts_ns
        return None if pts == _native.PTS_NONE else pts

    @pts_ns.setter
    def pts_ns(self, value):
        self._frame.pts_ns = _native.PTS_NONE if value is None else int(value)

    @property
    def discontinuity(self):
        return bool(self._frame.flags & _native.FRAME_FLAG_DISCONTINUITY)

    @discontinuity.setter
    def discontinuity(self, value):
        if value:
            self._frame.flags |= _native.FRAME_FLAG_DISCONTINUITY
        else:
            self._frame.flags &= ~_native.FRAME_FLAG_DISCONTINUITY

    # -- lifetime -----------------------------------------------------------

    def _pointer(self, writable=False):
        """The vision_frame for a C call (internal)."""
        if not self._planes or self._planes[0].view is None:
            raise VisionError(Error.INVALID_ARGUMENT, "the frame was released")
        if writable and not self.writable:
            raise VisionError(Error.INVALID_ARGUMENT,
                              "the frame's buffer is read-only; drawing needs a writable one "
                              "(bytearray, a writable numpy array)")
        return ctypes.byref(self._frame)

    def release(self):
        """Stop borrowing the buffers (idempotent)."""
        for plane in self._planes:
            plane.release()
        self._frame.planes[:] = [None] * _native.FRAME_MAX_PLANES

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.release()

    def __del__(self):
        try:
            self.release()
        except Exception:
            pass

    def __repr__(self):
        return "<vision.Frame %s %dx%d strides=%s>" % (self.format, self.width, self.height,
                                                        self.strides)


def as_frame(frame, format=None, **kwargs):
    """A Frame as is, or a new one over a buffer (format then required)."""
    if isinstance(frame, Frame):
        return frame, False
    if format is None:
        raise VisionError(Error.PIXEL_FORMAT, "a buffer needs format=... to be a frame")
    return Frame(frame, format, **kwargs), True
