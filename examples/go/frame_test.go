// Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0

package vision

import (
	"errors"
	"testing"
)

func TestVersionAndFormats(t *testing.T) {
	if Version() == "" {
		t.Fatal("no version")
	}
	f, err := ParsePixelFormat("bgrx")
	if err != nil || f != FormatBGRx || f.String() != "BGRx" {
		t.Fatalf("bgrx: %v %v", f, err)
	}
	if _, err := ParsePixelFormat("RGB565"); !errors.Is(err, ErrPixelFormat) {
		t.Fatalf("RGB565: %v", err)
	}
	if PixelFormat(99).String() != "PixelFormat(99)" {
		t.Fatal(PixelFormat(99).String())
	}
}

func TestNewFrameLayouts(t *testing.T) {
	buf := make([]byte, 32*10+16*5*2)
	f, err := NewFrame(FormatI420, 20, 10, buf, 32, 16, 16)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Planes[1]) != len(buf)-320 || len(f.Planes[2]) != len(buf)-400 {
		t.Fatal("plane offsets")
	}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	// one byte short of the last row of V
	if _, err := NewFrame(FormatI420, 20, 10, buf[:400+4*16+9], 32, 16, 16); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("short buffer: %v", err)
	}
	if _, err := NewFrame(FormatI420, 20, 10, buf, 19, 16, 16); !errors.Is(err, ErrFrameStride) {
		t.Fatalf("short stride: %v", err)
	}
	if _, err := NewFrame(FormatGray8, 0, 10, buf); !errors.Is(err, ErrFrameSize) {
		t.Fatalf("zero width: %v", err)
	}
}

func TestFrameChecksSlicesAgainstStrides(t *testing.T) {
	// A frame built by hand whose slice is too short for its stride must be
	// refused before C reads past the slice.
	f := &Frame{Format: FormatGray8, Width: 16, Height: 8, Planes: [][]byte{make([]byte, 16*8)},
		Strides: []int{32}, PTS: PTSNone}
	var e *Error
	if err := f.Validate(); !errors.As(err, &e) || e.Code != ErrInvalidArgument {
		t.Fatalf("short slice: %v", err)
	}
	f.Strides = []int{16}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	f.Planes = append(f.Planes, make([]byte, 10))
	if err := f.Validate(); !errors.Is(err, ErrFramePlane) {
		t.Fatalf("extra plane: %v", err)
	}
}

func TestCropSharesMemory(t *testing.T) {
	buf := make([]byte, 64*48*3/2)
	f, err := NewFrame(FormatNV12, 64, 48, buf)
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.Crop(10, 6, 40, 30)
	if err != nil {
		t.Fatal(err)
	}
	if c.Strides[0] != 64 || c.Strides[1] != 64 {
		t.Fatal("strides change")
	}
	if &c.Planes[0][0] != &buf[6*64+10] || &c.Planes[1][0] != &buf[64*48+3*64+10] {
		t.Fatal("crop planes do not point into the parent")
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Crop(11, 6, 40, 30); !errors.Is(err, ErrFrameSize) {
		t.Fatalf("odd crop of NV12: %v", err)
	}
	if _, err := f.Crop(30, 30, 40, 30); !errors.Is(err, ErrFrameSize) {
		t.Fatalf("crop outside: %v", err)
	}
}
