// Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0

package vision

import (
	"errors"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var whole = []Point{{0, 0}, {1, 0}, {1, 1}, {0, 1}}

// scene draws frame i of a gray scene into a GRAY8 plane: textured floor,
// and from frame 8 on, bright blocks walking to the right.
func scene(plane []byte, stride, width, height, i int) {
	for y := 0; y < height; y++ {
		for x := 0; x < width; x++ {
			plane[y*stride+x] = byte(90 + (x*7+y*13)%23)
		}
	}
	if i < 8 {
		return
	}
	for k := 0; k < 4; k++ {
		x0 := (i*3 + k*30) % (width - 16)
		y0 := 10 + k*(height-30)/4
		for y := y0; y < y0+16; y++ {
			for x := x0; x < x0+16; x++ {
				plane[y*stride+x] = 240
			}
		}
	}
}

func newTestCrowd(t *testing.T, fn func(CrowdEvent)) *Crowd {
	t.Helper()
	o := DefaultCrowdOptions()
	o.ProcessingWidth = 0
	o.WarmupFrames = 3
	c, err := NewCrowd(&o)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultRegionConfig()
	cfg.OccupancyLevelMin = 5
	cfg.OccupancyNumFramesToEvent = 2
	if err := cfg.Set("sendOpticalFlowEvent", "true"); err != nil {
		t.Fatal(err)
	}
	if err := cfg.Set("direction_sectors", "4"); err != nil {
		t.Fatal(err)
	}
	if err := c.AddRegion("whole", whole, &cfg); err != nil {
		t.Fatal(err)
	}
	if err := c.SetCallback(fn); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCrowdEventsFromPaddedI420Crop(t *testing.T) {
	// Frames live in a bigger I420 picture with padded rows; the analyser
	// is given a crop of it, no copies.
	const W, H, stride = 200, 140, 224
	buf := make([]byte, stride*H+2*(stride/2)*(H/2))
	big, err := NewFrame(FormatI420, W, H, buf, stride, stride/2, stride/2)
	if err != nil {
		t.Fatal(err)
	}
	for i := range buf[stride*H:] {
		buf[stride*H+i] = 128
	}
	var seen []CrowdEvent
	c := newTestCrowd(t, func(e CrowdEvent) { seen = append(seen, e) })
	defer c.Close()
	var returned []CrowdEvent
	for i := 0; i < 40; i++ {
		crop, err := big.Crop(20, 10, 160, 120)
		if err != nil {
			t.Fatal(err)
		}
		scene(crop.Planes[0], stride, 160, 120, i)
		crop.PTS = int64(i) * 40_000_000
		ev, err := c.Process(crop)
		if err != nil {
			t.Fatal(err)
		}
		returned = append(returned, ev...)
	}
	if len(seen) == 0 || len(seen) != len(returned) {
		t.Fatalf("callback saw %d events, Process returned %d", len(seen), len(returned))
	}
	var occupancy, direction bool
	for i, e := range seen {
		if e != returned[i] {
			t.Fatal("callback and return value differ")
		}
		if e.RegionID != "whole" {
			t.Fatalf("region %q", e.RegionID)
		}
		switch e.Type {
		case CrowdOccupancy:
			occupancy = occupancy || e.Level >= 1
			if e.FrameIndex < 8 || e.PTS != int64(e.FrameIndex)*40_000_000 {
				t.Fatalf("occupancy event at frame %d pts %d", e.FrameIndex, e.PTS)
			}
		case CrowdDirection:
			direction = true
			if e.Angle != 90 {
				t.Fatalf("blocks walking right gave %v degrees", e.Angle)
			}
		}
	}
	if !occupancy || !direction {
		t.Fatalf("occupancy %v direction %v in %+v", occupancy, direction, seen)
	}
	r, err := c.Result("whole")
	if err != nil || !r.Valid || r.Occupancy <= 5 || r.RegionPixels != 160*120 {
		t.Fatalf("result %+v %v", r, err)
	}
	all, err := c.Results()
	if err != nil || len(all) != 1 || all[0] != r {
		t.Fatalf("results %+v %v", all, err)
	}
	// overlay into the big picture's crop (writes Go memory from C)
	crop, _ := big.Crop(20, 10, 160, 120)
	if err := c.Draw(crop); err != nil {
		t.Fatal(err)
	}
}

func TestCrowdErrors(t *testing.T) {
	o := DefaultCrowdOptions()
	o.ProcessingWidth = 3
	_, err := NewCrowd(&o)
	var e *Error
	if !errors.As(err, &e) || e.Code != ErrOption || !strings.Contains(e.Message, "processing_width") {
		t.Fatalf("bad option: %v", err)
	}
	c := newTestCrowd(t, nil)
	defer c.Close()
	if err := c.AddRegion("whole", whole, nil); !errors.Is(err, ErrExists) {
		t.Fatalf("duplicate: %v", err)
	}
	if err := c.AddRegion("bad", []Point{{0, 0}, {2, 0}, {0, 1}}, nil); !errors.Is(err, ErrRegion) {
		t.Fatalf("outside 0..1: %v", err)
	}
	cfg := DefaultRegionConfig()
	if err := cfg.Set("noSuchField", "1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown field: %v", err)
	}
	cfg.OccupancyNumFramesToEvent = 0
	if err := c.AddRegion("cfg", whole, &cfg); !errors.Is(err, ErrOption) {
		t.Fatalf("bad config: %v", err)
	}
	if err := c.RemoveRegion("nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("remove: %v", err)
	}
	if _, err := c.Process(&Frame{Format: 77, Width: 4, Height: 4, Planes: [][]byte{make([]byte, 16)}, Strides: []int{4}}); !errors.Is(err, ErrPixelFormat) {
		t.Fatalf("format: %v", err)
	}
	if _, err := c.Process(nil); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("nil frame: %v", err)
	}
	// still usable
	f, _ := NewFrame(FormatGray8, 8, 8, make([]byte, 64))
	if _, err := c.Process(f); err != nil {
		t.Fatal(err)
	}
	if err := c.UpdateRegion("whole", []Point{{0, 0}, {0.5, 0}, {0, 0.5}}, nil); err != nil {
		t.Fatal(err)
	}
	if n, err := c.RegionCount(); n != 1 || err != nil {
		t.Fatalf("count %d %v", n, err)
	}
}

func TestCrowdCloseTwiceAndUseAfterClose(t *testing.T) {
	c := newTestCrowd(t, nil)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	f, _ := NewFrame(FormatGray8, 8, 8, make([]byte, 64))
	if _, err := c.Process(f); !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), "closed") {
		t.Fatalf("process after close: %v", err)
	}
	if err := c.AddRegion("x", whole, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("add after close: %v", err)
	}
	if _, err := c.Results(); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("results after close: %v", err)
	}
}

func feed(t *testing.T, c *Crowd, n int) ([]CrowdEvent, error) {
	buf := make([]byte, 160*120)
	var all []CrowdEvent
	for i := 0; i < n; i++ {
		scene(buf, 160, 160, 120, i)
		f, _ := NewFrame(FormatGray8, 160, 120, buf)
		ev, err := c.Process(f)
		all = append(all, ev...)
		if err != nil {
			return all, err
		}
	}
	return all, nil
}

func TestCrowdCallbackPanicIsRaisedAfterProcess(t *testing.T) {
	calls := 0
	c := newTestCrowd(t, func(CrowdEvent) { calls++; panic("host bug") })
	defer c.Close()
	func() {
		defer func() {
			if r := recover(); r != "host bug" {
				t.Fatalf("recovered %v", r)
			}
		}()
		feed(t, c, 40)
		t.Fatal("no panic")
	}()
	if calls != 1 {
		t.Fatalf("callback called %d times", calls)
	}
	// the handle is fine afterwards (C's in-callback state was not skipped)
	c.SetCallback(nil)
	if _, err := feed(t, c, 3); err != nil {
		t.Fatal(err)
	}
}

func TestCrowdReentrantCalls(t *testing.T) {
	var c *Crowd
	var codes []error
	f, _ := NewFrame(FormatGray8, 8, 8, make([]byte, 64))
	c = newTestCrowd(t, func(e CrowdEvent) {
		_, err := c.Process(f)
		codes = append(codes, err, c.Close(), c.AddRegion("x", whole, nil))
		if _, err := c.Result(e.RegionID); err != nil { // reading is allowed
			t.Error(err)
		}
	})
	defer c.Close()
	events, err := feed(t, c, 40)
	if err != nil || len(events) == 0 {
		t.Fatalf("%v %d", err, len(events))
	}
	for _, err := range codes {
		if !errors.Is(err, ErrReentrant) {
			t.Fatalf("reentrant call gave %v", err)
		}
	}
	if len(codes) != 3*len(events) {
		t.Fatalf("%d codes for %d events", len(codes), len(events))
	}
}

func TestCrowdHandlesInParallel(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			count := 0
			c := newTestCrowd(t, func(CrowdEvent) { count++ })
			defer c.Close()
			if _, err := feed(t, c, 20); err != nil {
				errs <- err
			}
			if count == 0 {
				errs <- errors.New("no events")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

func TestForgottenHandlesAreFinalized(t *testing.T) {
	before := atomic.LoadInt64(&finalized)
	for i := 0; i < 20; i++ {
		c := newTestCrowd(t, func(CrowdEvent) {})
		feed(t, c, 2)
		// dropped without Close: the finalizer frees it and its cgo.Handle
	}
	for i := 0; i < 100 && atomic.LoadInt64(&finalized) == before; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if atomic.LoadInt64(&finalized) == before {
		t.Fatal("no forgotten crowd was finalized")
	}
	// Closed handles are not finalized again.
	c := newTestCrowd(t, nil)
	c.Close()
}
