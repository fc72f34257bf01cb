// Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0

package vision

/*
#include "shim.h"
*/
import "C"

import (
	"math"
	"strconv"
	"unsafe"
)

// PixelFormat is a vision_pixel_format value.
type PixelFormat uint32

// The pixel formats of include/vision/frame.h (named by byte order in memory).
const (
	FormatGray8    PixelFormat = 1
	FormatRGB      PixelFormat = 2
	FormatBGR      PixelFormat = 3
	FormatRGBA     PixelFormat = 4
	FormatBGRA     PixelFormat = 5
	FormatARGB     PixelFormat = 6
	FormatABGR     PixelFormat = 7
	FormatRGBx     PixelFormat = 8
	FormatBGRx     PixelFormat = 9
	FormatxRGB     PixelFormat = 10
	FormatxBGR     PixelFormat = 11
	FormatI420     PixelFormat = 12
	FormatYV12     PixelFormat = 13
	FormatNV12     PixelFormat = 14
	FormatNV21     PixelFormat = 15
	FormatYUY2     PixelFormat = 16
	FormatUYVY     PixelFormat = 17
	FormatGray16LE PixelFormat = 18
)

// ParsePixelFormat finds a format by name, without regard to case
// ("BGRx", "nv12", "GRAY16_LE", "YUYV"; vision_pixel_format_from_name()).
func ParsePixelFormat(name string) (PixelFormat, error) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	f := C.vision_pixel_format_from_name(cs)
	if f == 0 {
		return 0, newError(ErrPixelFormat, "unknown pixel format name %q", name)
	}
	return PixelFormat(f), nil
}

// String is the format's name, or "PixelFormat(n)" for an unknown one.
func (f PixelFormat) String() string {
	n := C.vision_pixel_format_name(C.uint32_t(f))
	if n == nil {
		return "PixelFormat(" + strconv.Itoa(int(f)) + ")"
	}
	return C.GoString(n)
}

// PlaneSize gives the bytes in one row and the rows of each plane of a
// frame of this format and size.
func (f PixelFormat) PlaneSize(width, height int) (rowBytes []int, rows []int, err error) {
	if width < 0 || height < 0 || width > math.MaxUint32 || height > math.MaxUint32 {
		return nil, nil, newError(ErrFrameSize, "size %dx%d", width, height)
	}
	var count C.int
	if err := call(func() C.int {
		count = C.vision_pixel_format_plane_count(C.uint32_t(f))
		return count
	}); err != nil {
		return nil, nil, err
	}
	for i := 0; i < int(count); i++ {
		var rb C.uint64_t
		var r C.uint32_t
		if err := call(func() C.int {
			return C.vision_pixel_format_plane_size(&rb, &r, C.uint32_t(f), C.uint32_t(width),
				C.uint32_t(height), C.uint32_t(i))
		}); err != nil {
			return nil, nil, err
		}
		rowBytes = append(rowBytes, int(rb))
		rows = append(rows, int(r))
	}
	return rowBytes, rows, nil
}

// PTSNone is the Frame.PTS of a frame without a timestamp.
const PTSNone int64 = math.MinInt64

// Frame is a video frame in Go memory, borrowed by libvision for one call.
//
// Planes[i] starts at the plane's first pixel; Strides[i] is the number of
// bytes from one row to the next (at least the row's size). A crop of a
// bigger picture is Planes offset into the parent with the parent's
// strides (see Crop). Each plane slice must hold the whole plane:
// (rows - 1) * stride + row bytes; the binding checks it, since C cannot.
type Frame struct {
	Format        PixelFormat
	Width, Height int
	Planes        [][]byte
	Strides       []int
	// PTS in nanoseconds, or PTSNone. NewFrame sets PTSNone.
	PTS int64
	// Discontinuity: this frame does not follow the previous one.
	Discontinuity bool
}

// NewFrame describes one buffer holding every plane back to back, tightly
// packed (as vision_frame_wrap()), or with the given row strides (one per
// plane; planes then follow each other at stride x rows).
func NewFrame(format PixelFormat, width, height int, data []byte, strides ...int) (*Frame, error) {
	rowBytes, rows, err := format.PlaneSize(width, height)
	if err != nil {
		return nil, err
	}
	if len(strides) != 0 && len(strides) != len(rows) {
		return nil, newError(ErrFrameStride, "%d strides given for %d planes", len(strides), len(rows))
	}
	f := &Frame{Format: format, Width: width, Height: height, PTS: PTSNone}
	offset := 0
	for i := range rows {
		stride := rowBytes[i]
		if len(strides) != 0 {
			stride = strides[i]
		}
		if stride < rowBytes[i] {
			return nil, newError(ErrFrameStride, "plane %d: stride %d is shorter than its row of %d bytes",
				i, stride, rowBytes[i])
		}
		need := (rows[i]-1)*stride + rowBytes[i]
		if offset+need > len(data) {
			return nil, newError(ErrInvalidArgument, "plane %d needs bytes %d..%d, the buffer has %d",
				i, offset, offset+need, len(data))
		}
		f.Planes = append(f.Planes, data[offset:])
		f.Strides = append(f.Strides, stride)
		offset += stride * rows[i]
	}
	return f, nil
}

// Crop returns a frame showing the rectangle x, y, w, h of f, sharing f's
// memory (no copy): plane starts move, strides stay. Formats with
// subsampled chroma need even x and y (and YUY2/UYVY an even x).
func (f *Frame) Crop(x, y, w, h int) (*Frame, error) {
	if x < 0 || y < 0 || w <= 0 || h <= 0 || x+w > f.Width || y+h > f.Height {
		return nil, newError(ErrFrameSize, "crop %d,%d %dx%d is outside the %dx%d frame", x, y, w, h,
			f.Width, f.Height)
	}
	// Bytes per pixel and subsampling of each plane, from the plane sizes
	// of a 2x2 frame.
	rowBytes, _, err := f.Format.PlaneSize(2, 2)
	if err != nil {
		return nil, err
	}
	sub := 1 // vertical chroma subsampling
	if len(rowBytes) > 1 {
		sub = 2
	}
	if (sub == 2 && (x%2 != 0 || y%2 != 0)) || ((f.Format == FormatYUY2 || f.Format == FormatUYVY) && x%2 != 0) {
		return nil, newError(ErrFrameSize, "crop at %d,%d splits a chroma sample of %v", x, y, f.Format)
	}
	if len(f.Planes) != len(rowBytes) || len(f.Strides) != len(rowBytes) {
		return nil, newError(ErrFramePlane, "%v has %d planes, the frame %d", f.Format, len(rowBytes), len(f.Planes))
	}
	c := *f
	c.Width, c.Height = w, h
	c.Planes = make([][]byte, len(f.Planes))
	c.Strides = append([]int(nil), f.Strides...)
	for i := range f.Planes {
		px, py := x, y
		if i > 0 {
			px, py = x/2, y/2
		}
		// rowBytes[i] covers 2 pixels of the full frame (1 of a halved plane).
		var offset int
		if i == 0 {
			offset = py*f.Strides[i] + px*rowBytes[i]/2
		} else {
			offset = py*f.Strides[i] + px*rowBytes[i]
		}
		if offset > len(f.Planes[i]) {
			return nil, newError(ErrInvalidArgument, "plane %d is too short for the crop", i)
		}
		c.Planes[i] = f.Planes[i][offset:]
	}
	return &c, nil
}

// cFrame checks f against Go's slice bounds and gives the shim's
// description plus the plane pointers (direct call arguments: C may use
// them during the call only).
func (f *Frame) cFrame() (C.vgo_frame, [4]*C.uint8_t, error) {
	var cf C.vgo_frame
	var planes [4]*C.uint8_t
	if f == nil {
		return cf, planes, newError(ErrInvalidArgument, "nil frame")
	}
	rowBytes, rows, err := f.Format.PlaneSize(f.Width, f.Height)
	if err != nil {
		return cf, planes, err
	}
	if len(f.Planes) != len(rows) || len(f.Strides) != len(rows) {
		return cf, planes, newError(ErrFramePlane, "%v has %d planes; the frame has %d planes and %d strides",
			f.Format, len(rows), len(f.Planes), len(f.Strides))
	}
	for i := range rows {
		s := f.Strides[i]
		if s <= 0 || s > math.MaxUint32 {
			return cf, planes, newError(ErrFrameStride, "plane %d: stride %d", i, s)
		}
		if s < rowBytes[i] {
			return cf, planes, newError(ErrFrameStride, "plane %d: stride %d is shorter than its row of %d bytes",
				i, s, rowBytes[i])
		}
		if rows[i] > 0 {
			need := (rows[i]-1)*s + rowBytes[i]
			if len(f.Planes[i]) < need {
				return cf, planes, newError(ErrInvalidArgument, "plane %d: %d bytes needed, the slice has %d",
					i, need, len(f.Planes[i]))
			}
		}
		if len(f.Planes[i]) > 0 {
			planes[i] = (*C.uint8_t)(unsafe.Pointer(&f.Planes[i][0]))
		}
		cf.strides[i] = C.uint32_t(s)
	}
	cf.format = C.uint32_t(f.Format)
	cf.width = C.uint32_t(f.Width)
	cf.height = C.uint32_t(f.Height)
	cf.pts_ns = C.int64_t(f.PTS)
	if f.Discontinuity {
		cf.flags |= C.VISION_FRAME_FLAG_DISCONTINUITY
	}
	return cf, planes, nil
}

// Validate checks the frame as libvision will (vision_frame_validate()).
func (f *Frame) Validate() error {
	cf, p, err := f.cFrame()
	if err != nil {
		return err
	}
	var detail [256]C.char
	rc := C.vgo_frame_validate(&cf, p[0], p[1], p[2], p[3], &detail[0], C.size_t(len(detail)))
	if rc < 0 {
		return &Error{Code: ErrorCode(rc), Message: C.GoString(&detail[0])}
	}
	return nil
}
