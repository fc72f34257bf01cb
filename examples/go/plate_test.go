// Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0

package vision

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// platePicture loads the RGB picture tests/go/plate_picture.c wrote (a
// synthetic EU plate reading BA123CD); the test skips without it.
func platePicture(t *testing.T) *Frame {
	t.Helper()
	path := os.Getenv("VISION_TEST_PLATE_PPM")
	if path == "" {
		t.Skip("VISION_TEST_PLATE_PPM not set (run through meson test)")
	}
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	r := bufio.NewReader(file)
	var w, h, max int
	if _, err := fmt.Fscanf(r, "P6\n%d %d\n%d\n", &w, &h, &max); err != nil {
		t.Fatal(err)
	}
	data := make([]byte, w*h*3)
	if _, err := io.ReadFull(r, data); err != nil {
		t.Fatal(err)
	}
	f, err := NewFrame(FormatRGB, w, h, data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// needPlates skips when plates cannot be read here: built without plate
// support, or no English OCR data.
func needPlates(t *testing.T) {
	t.Helper()
	p, err := NewPlate(nil)
	if errors.Is(err, ErrUnsupported) || errors.Is(err, ErrOCRData) {
		t.Skip("plates unavailable: ", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
}

func TestPlateStillReadsAndCrops(t *testing.T) {
	needPlates(t)
	f := platePicture(t)
	o := DefaultPlateOptions()
	o.Countries, _ = ParseCountries("eu")
	p, err := NewPlate(&o)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	results, err := p.Process(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Text != "BA123CD" || results[0].TrackID != -1 ||
		results[0].Confidence < 0.5 || len(results[0].CharConfidence) != 7 || len(results[0].Candidates) < 1 {
		t.Fatalf("results %+v", results)
	}
	box := results[0].Box
	crop, err := f.Crop(100, 150, 440, 300)
	if err != nil {
		t.Fatal(err)
	}
	cropped, err := p.Process(crop)
	if err != nil || len(cropped) != 1 || cropped[0].Text != "BA123CD" {
		t.Fatalf("crop: %+v %v", cropped, err)
	}
	if dx := cropped[0].Box[0] - (box[0] - 100); dx < -8 || dx > 8 {
		t.Fatalf("crop box %v vs %v", cropped[0].Box, box)
	}
	if err := p.Draw(f); err != nil {
		t.Fatal(err)
	}
}

func TestPlateVideoEventsAndCallbackRules(t *testing.T) {
	needPlates(t)
	f := platePicture(t)
	o := DefaultPlateOptions()
	o.Countries = CountryEU
	o.Mode = PlateVideo
	p, err := NewPlate(&o)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var seen []PlateEvent
	var closeErr error
	p.SetCallback(func(e PlateEvent) {
		seen = append(seen, e)
		closeErr = p.Close() // refused: the reader stays open
	})
	var returned []PlateEvent
	for i := 0; i < 6; i++ {
		f.PTS = int64(i) * 100_000_000
		_, ev, err := p.ProcessEvents(f)
		if err != nil {
			t.Fatal(err)
		}
		returned = append(returned, ev...)
	}
	end, err := p.Flush()
	if err != nil {
		t.Fatal(err)
	}
	returned = append(returned, end...)
	if len(seen) < 2 || len(seen) != len(returned) {
		t.Fatalf("seen %d returned %d", len(seen), len(returned))
	}
	if seen[0].Type != PlateNew || seen[0].Text != "BA123CD" || seen[0].TrackID < 1 {
		t.Fatalf("first event %+v", seen[0])
	}
	if last := seen[len(seen)-1]; last.Type != PlateEnd || last.TrackID != seen[0].TrackID {
		t.Fatalf("last event %+v", last)
	}
	if !errors.Is(closeErr, ErrReentrant) {
		t.Fatalf("Close in callback: %v", closeErr)
	}
	// A panicking callback: raised after Process, reader still usable.
	p.SetCallback(func(PlateEvent) { panic(errors.New("host bug")) })
	func() {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "host bug") {
				t.Fatalf("recovered %v", r)
			}
		}()
		for i := 0; i < 6; i++ {
			p.Process(f)
		}
		p.Flush()
		t.Fatal("no panic")
	}()
	p.SetCallback(nil)
	if _, err := p.Process(f); err != nil {
		t.Fatal(err)
	}
}

func TestPlateErrors(t *testing.T) {
	needPlates(t)
	if _, err := ParseCountries("mars"); !errors.Is(err, ErrOption) {
		t.Fatalf("countries: %v", err)
	}
	o := DefaultPlateOptions()
	o.OCRDataPath = "/nonexistent/tessdata"
	_, err := NewPlate(&o)
	var e *Error
	if !errors.As(err, &e) || e.Code != ErrOCRData || !strings.Contains(e.Message, "/nonexistent/tessdata") {
		t.Fatalf("ocr path: %v", err)
	}
	o = DefaultPlateOptions()
	o.TopN = 0
	if _, err := NewPlate(&o); !errors.Is(err, ErrOption) {
		t.Fatalf("top_n: %v", err)
	}
	o = DefaultPlateOptions()
	o.ROI = []Point{{0, 0}, {1, 1}}
	if _, err := NewPlate(&o); !errors.Is(err, ErrRegion) {
		t.Fatalf("roi: %v", err)
	}
	p, err := NewPlate(nil)
	if err != nil {
		t.Fatal(err)
	}
	bad := &Frame{Format: FormatGray8, Width: 8, Height: 8, Planes: [][]byte{make([]byte, 64)}, Strides: []int{4}}
	if _, err := p.Process(bad); !errors.Is(err, ErrFrameStride) {
		t.Fatalf("stride: %v", err)
	}
	good, _ := NewFrame(FormatGray8, 32, 32, make([]byte, 32*32))
	if r, err := p.Process(good); err != nil || len(r) != 0 {
		t.Fatalf("empty frame: %v %v", r, err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Process(good); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("after close: %v", err)
	}
	if _, err := p.Flush(); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("flush after close: %v", err)
	}
}
