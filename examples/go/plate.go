// Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0

package vision

/*
#include "shim.h"
*/
import "C"

import (
	"runtime"
	"runtime/cgo"
	"sync/atomic"
	"unsafe"
)

// Plate countries (bits of PlateOptions.Countries).
const (
	CountryUS  uint32 = 0x1
	CountryEU  uint32 = 0x2
	CountryBR  uint32 = 0x4
	CountryAll uint32 = 0x7
)

// Plate modes.
const (
	PlateStill = 0 // unrelated still images: no tracking, no events
	PlateVideo = 1 // consecutive video frames: tracks and events
)

// Plate event types.
const (
	PlateNew    = 1
	PlateUpdate = 2
	PlateEnd    = 3
)

// ParseCountries turns "us,eu,br" or "all" into country bits.
func ParseCountries(text string) (uint32, error) {
	ct := C.CString(text)
	defer C.free(unsafe.Pointer(ct))
	var bits C.uint32_t
	err := call(func() C.int { return C.vision_plate_countries_parse(&bits, ct) })
	return uint32(bits), err
}

// PlateOptions are the options of a plate reader (vision_plate_options).
// Start from DefaultPlateOptions(): a zero value is not the defaults.
type PlateOptions struct {
	Countries      uint32 // CountryUS | CountryEU | ...; see ParseCountries
	Mode           int    // PlateStill or PlateVideo
	TopN           int
	MinConfidence  float64
	MinPlateWidth  int
	MaxPlateWidth  int
	AnalysisWidth  int
	ROI            []Point // empty: the whole frame; else 3..16 points
	OCRDataPath    string  // "": the system's tessdata
	RereadInterval int
	TrackTimeout   int
	ScanInterval   int
}

// DefaultPlateOptions are the library's defaults (vision_plate_options_init()).
func DefaultPlateOptions() PlateOptions {
	var o C.vision_plate_options
	C.vision_plate_options_init(&o)
	return PlateOptions{Countries: uint32(o.countries), Mode: int(o.mode), TopN: int(o.top_n),
		MinConfidence: float64(o.min_confidence), MinPlateWidth: int(o.min_plate_width),
		MaxPlateWidth: int(o.max_plate_width), AnalysisWidth: int(o.analysis_width),
		RereadInterval: int(o.reread_interval), TrackTimeout: int(o.track_timeout),
		ScanInterval: int(o.scan_interval)}
}

func cText(b []C.char) string {
	s := C.GoBytes(unsafe.Pointer(&b[0]), C.int(len(b)))
	for i, c := range s {
		if c == 0 {
			return string(s[:i])
		}
	}
	return string(s)
}

// Candidate is one reading of a plate and its confidence.
type Candidate struct {
	Text       string
	Confidence float64
}

// PlateResult is one plate of the last processed frame (vision_plate_result), copied.
type PlateResult struct {
	TrackID        int // -1 in still mode
	Text           string
	Confidence     float64
	CharConfidence []float64
	Pattern        string
	Box            [4]int     // x, y, width, height
	Corners        [8]float64 // x, y of top-left, top-right, bottom-right, bottom-left
	Candidates     []Candidate
	DetectionScore float64
}

// PlateEvent is a video-mode track event (vision_plate_event), copied.
type PlateEvent struct {
	Type            int // PlateNew, PlateUpdate or PlateEnd
	TrackID         int
	Text            string
	PreviousText    string
	Confidence      float64
	CharConfidence  []float64
	Pattern         string
	Box             [4]int
	Corners         [8]float64
	Candidates      []Candidate
	ReadingCount    int
	PTS             int64
	FrameIndex      int64
	FirstFrameIndex int64
	FirstPTS        int64
	LastFrameIndex  int64
	LastPTS         int64
}

func floats(a []C.float, n int) []float64 {
	if n > len(a) {
		n = len(a)
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(a[i])
	}
	return out
}

func candidates(text *[C.VISION_PLATE_MAX_CANDIDATES][C.VISION_PLATE_TEXT_SIZE]C.char,
	conf *[C.VISION_PLATE_MAX_CANDIDATES]C.float, n int) []Candidate {
	if n > len(text) {
		n = len(text)
	}
	out := make([]Candidate, n)
	for i := range out {
		out[i] = Candidate{cText(text[i][:]), float64(conf[i])}
	}
	return out
}

func plateResultFromC(r *C.vision_plate_result) PlateResult {
	out := PlateResult{TrackID: int(r.track_id), Text: cText(r.text[:]), Confidence: float64(r.confidence),
		CharConfidence: floats(r.char_confidence[:], int(r.char_count)), Pattern: cText(r.pattern[:]),
		Candidates:     candidates(&r.candidates, &r.candidate_confidence, int(r.candidate_count)),
		DetectionScore: float64(r.detection_score)}
	for i := range out.Box {
		out.Box[i] = int(r.box[i])
	}
	for i := range out.Corners {
		out.Corners[i] = float64(r.corners[i])
	}
	return out
}

func plateEventFromC(e *C.vision_plate_event) PlateEvent {
	out := PlateEvent{Type: int(e._type), TrackID: int(e.track_id), Text: cText(e.text[:]),
		PreviousText: cText(e.previous_text[:]), Confidence: float64(e.confidence),
		CharConfidence: floats(e.char_confidence[:], int(e.char_count)), Pattern: cText(e.pattern[:]),
		Candidates:   candidates(&e.candidates, &e.candidate_confidence, int(e.candidate_count)),
		ReadingCount: int(e.reading_count), PTS: int64(e.pts_ns), FrameIndex: int64(e.frame_index),
		FirstFrameIndex: int64(e.first_frame_index), FirstPTS: int64(e.first_pts_ns),
		LastFrameIndex: int64(e.last_frame_index), LastPTS: int64(e.last_pts_ns)}
	for i := range out.Box {
		out.Box[i] = int(e.box[i])
	}
	for i := range out.Corners {
		out.Corners[i] = float64(e.corners[i])
	}
	return out
}

// Plate is a licence plate reader (vision_plate). Use it from one goroutine
// at a time; Close it when done.
type Plate struct {
	p      *C.vision_plate
	d      *dispatch[PlateEvent]
	handle cgo.Handle
}

// NewPlate creates a plate reader; nil options are the defaults. Loading
// the OCR data takes a moment.
func NewPlate(options *PlateOptions) (*Plate, error) {
	if options == nil {
		o := DefaultPlateOptions()
		options = &o
	}
	var o C.vision_plate_options
	C.vision_plate_options_init(&o)
	o.countries = C.uint32_t(options.Countries)
	o.mode = C.int32_t(options.Mode)
	o.top_n = C.int32_t(options.TopN)
	o.min_confidence = C.double(options.MinConfidence)
	o.min_plate_width = C.int32_t(options.MinPlateWidth)
	o.max_plate_width = C.int32_t(options.MaxPlateWidth)
	o.analysis_width = C.int32_t(options.AnalysisWidth)
	if len(options.ROI) > len(o.roi)/2 {
		return nil, newError(ErrRegion, "ROI has %d points, at most %d", len(options.ROI), len(o.roi)/2)
	}
	o.roi_point_count = C.uint32_t(len(options.ROI))
	for i, p := range options.ROI {
		o.roi[2*i], o.roi[2*i+1] = C.double(p.X), C.double(p.Y)
	}
	if options.OCRDataPath != "" {
		// C memory, so o holds no Go pointer; the library copies it.
		path := C.CString(options.OCRDataPath)
		defer C.free(unsafe.Pointer(path))
		o.ocr_data_path = path
	}
	o.reread_interval = C.int32_t(options.RereadInterval)
	o.track_timeout = C.int32_t(options.TrackTimeout)
	o.scan_interval = C.int32_t(options.ScanInterval)
	var p *C.vision_plate
	if err := call(func() C.int { return C.vision_plate_new(&p, &o) }); err != nil {
		return nil, err
	}
	plate := &Plate{p: p, d: &dispatch[PlateEvent]{}}
	plate.handle = cgo.NewHandle(plate.d)
	if err := call(func() C.int { return C.vgo_plate_set_callback(p, C.uintptr_t(plate.handle)) }); err != nil {
		C.vgo_plate_free(p)
		plate.handle.Delete()
		return nil, err
	}
	runtime.SetFinalizer(plate, (*Plate).finalize)
	return plate, nil
}

func (p *Plate) ptr() (*C.vision_plate, error) {
	if p == nil || p.p == nil {
		return nil, newError(ErrInvalidArgument, "the plate reader is closed")
	}
	return p.p, nil
}

// finalize is the safety net for a reader dropped without Close.
func (p *Plate) finalize() {
	if p.release() == nil {
		atomic.AddInt64(&finalized, 1)
	}
}

func (p *Plate) release() error {
	if p.p == nil {
		return nil
	}
	ptr := p.p
	if err := call(func() C.int { return C.vgo_plate_free(ptr) }); err != nil {
		return err
	}
	p.p = nil
	p.handle.Delete()
	return nil
}

// Close frees the reader (open tracks are dropped without END events: call
// Flush first to get them). Closing twice is fine; any other call after
// Close returns ErrInvalidArgument. From inside the reader's own callback it
// returns ErrReentrant and the reader stays open.
func (p *Plate) Close() error {
	if p == nil {
		return nil
	}
	if p.d.inCallback {
		return newError(ErrReentrant, "Close called from inside the plate reader's own callback")
	}
	err := p.release()
	if err == nil {
		runtime.SetFinalizer(p, nil)
	}
	return err
}

// SetCallback sets (or with nil, removes) the function that receives each
// video-mode event, synchronously, inside Process and Flush.
func (p *Plate) SetCallback(fn func(PlateEvent)) error {
	if _, err := p.ptr(); err != nil {
		return err
	}
	if p.d.inCallback {
		return newError(ErrReentrant, "SetCallback called from inside the callback")
	}
	p.d.fn = fn
	return nil
}

// run makes a C call that may fire events and returns them.
func (p *Plate) run(f func() C.int) ([]PlateEvent, error) {
	outer := p.d.events
	p.d.begin()
	err := call(f)
	if p.d.inCallback {
		events := p.d.events
		p.d.events = outer
		return events, err
	}
	return p.d.end(), err
}

// Process finds and reads the plates of a frame and returns them (best
// first). Video-mode events go to the callback; ProcessEvents returns them
// too.
func (p *Plate) Process(f *Frame) ([]PlateResult, error) {
	results, _, err := p.ProcessEvents(f)
	return results, err
}

// ProcessEvents is Process that also returns the events the frame produced.
func (p *Plate) ProcessEvents(f *Frame) ([]PlateResult, []PlateEvent, error) {
	ptr, err := p.ptr()
	if err != nil {
		return nil, nil, err
	}
	defer runtime.KeepAlive(p)
	cf, pl, err := f.cFrame()
	if err != nil {
		return nil, nil, err
	}
	events, err := p.run(func() C.int { return C.vgo_plate_process(ptr, &cf, pl[0], pl[1], pl[2], pl[3]) })
	if err != nil {
		return nil, events, err
	}
	results, err := p.Results()
	return results, events, err
}

// Results copies out the plates of the last processed frame.
func (p *Plate) Results() ([]PlateResult, error) {
	ptr, err := p.ptr()
	if err != nil {
		return nil, err
	}
	defer runtime.KeepAlive(p)
	n := int(C.vision_plate_result_count(ptr))
	out := make([]PlateResult, 0, n)
	for i := 0; i < n; i++ {
		var r C.vision_plate_result
		C.vision_plate_result_init(&r)
		if err := call(func() C.int { return C.vision_plate_get_result(&r, ptr, C.uint32_t(i)) }); err != nil {
			return nil, err
		}
		out = append(out, plateResultFromC(&r))
	}
	return out, nil
}

// Flush ends every open track now and returns the END events.
func (p *Plate) Flush() ([]PlateEvent, error) {
	ptr, err := p.ptr()
	if err != nil {
		return nil, err
	}
	defer runtime.KeepAlive(p)
	return p.run(func() C.int { return C.vision_plate_flush(ptr) })
}

// Draw draws the last processed frame's plates into f, writing its planes.
func (p *Plate) Draw(f *Frame) error {
	ptr, err := p.ptr()
	if err != nil {
		return err
	}
	defer runtime.KeepAlive(p)
	cf, pl, err := f.cFrame()
	if err != nil {
		return err
	}
	return call(func() C.int { return C.vgo_plate_draw(ptr, &cf, pl[0], pl[1], pl[2], pl[3]) })
}
