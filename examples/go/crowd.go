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

// CrowdOptions are the options of a crowd handle (vision_crowd_options).
// Start from DefaultCrowdOptions(): a zero value is not the defaults.
type CrowdOptions struct {
	ProcessingWidth      uint32
	AnalyseEvery         uint32
	WarmupFrames         uint32
	ForegroundThreshold  float64
	MotionThreshold      float64
	GlobalChangeFraction float64
	BackgroundTime       float64
	ForegroundTime       float64
}

// DefaultCrowdOptions are the library's defaults (vision_crowd_options_init()).
func DefaultCrowdOptions() CrowdOptions {
	var o C.vision_crowd_options
	C.vision_crowd_options_init(&o)
	return CrowdOptions{uint32(o.processing_width), uint32(o.analyse_every), uint32(o.warmup_frames),
		float64(o.foreground_threshold), float64(o.motion_threshold), float64(o.global_change_fraction),
		float64(o.background_time), float64(o.foreground_time)}
}

func (g *CrowdOptions) toC() C.vision_crowd_options {
	var o C.vision_crowd_options
	C.vision_crowd_options_init(&o)
	o.processing_width = C.uint32_t(g.ProcessingWidth)
	o.analyse_every = C.uint32_t(g.AnalyseEvery)
	o.warmup_frames = C.uint32_t(g.WarmupFrames)
	o.foreground_threshold = C.double(g.ForegroundThreshold)
	o.motion_threshold = C.double(g.MotionThreshold)
	o.global_change_fraction = C.double(g.GlobalChangeFraction)
	o.background_time = C.double(g.BackgroundTime)
	o.foreground_time = C.double(g.ForegroundTime)
	return o
}

// RegionConfig is a region's configuration (vision_crowd_region_config):
// Kurento's fields first. Start from DefaultRegionConfig().
type RegionConfig struct {
	OccupancyLevelMin, OccupancyLevelMed, OccupancyLevelMax float64
	OccupancyNumFramesToEvent                               int32
	FluidityLevelMin, FluidityLevelMed, FluidityLevelMax    float64
	FluidityNumFramesToEvent                                int32
	SendOpticalFlowEvent                                    bool
	OpticalFlowNumFramesToEvent                             int32
	OpticalFlowNumFramesToReset                             int32
	OpticalFlowAngleOffset                                  float64
	DeadBand                                                float64
	CooldownFrames                                          int32
	DirectionSectors                                        int32
	MinMotion                                               float64
}

func regionConfigFromC(c *C.vision_crowd_region_config) RegionConfig {
	return RegionConfig{float64(c.occupancy_level_min), float64(c.occupancy_level_med),
		float64(c.occupancy_level_max), int32(c.occupancy_num_frames_to_event),
		float64(c.fluidity_level_min), float64(c.fluidity_level_med), float64(c.fluidity_level_max),
		int32(c.fluidity_num_frames_to_event), c.send_optical_flow_event != 0,
		int32(c.optical_flow_num_frames_to_event), int32(c.optical_flow_num_frames_to_reset),
		float64(c.optical_flow_angle_offset), float64(c.dead_band), int32(c.cooldown_frames),
		int32(c.direction_sectors), float64(c.min_motion)}
}

func (g *RegionConfig) toC() C.vision_crowd_region_config {
	var c C.vision_crowd_region_config
	C.vision_crowd_region_config_init(&c)
	c.occupancy_level_min = C.double(g.OccupancyLevelMin)
	c.occupancy_level_med = C.double(g.OccupancyLevelMed)
	c.occupancy_level_max = C.double(g.OccupancyLevelMax)
	c.occupancy_num_frames_to_event = C.int32_t(g.OccupancyNumFramesToEvent)
	c.fluidity_level_min = C.double(g.FluidityLevelMin)
	c.fluidity_level_med = C.double(g.FluidityLevelMed)
	c.fluidity_level_max = C.double(g.FluidityLevelMax)
	c.fluidity_num_frames_to_event = C.int32_t(g.FluidityNumFramesToEvent)
	if g.SendOpticalFlowEvent {
		c.send_optical_flow_event = 1
	}
	c.optical_flow_num_frames_to_event = C.int32_t(g.OpticalFlowNumFramesToEvent)
	c.optical_flow_num_frames_to_reset = C.int32_t(g.OpticalFlowNumFramesToReset)
	c.optical_flow_angle_offset = C.double(g.OpticalFlowAngleOffset)
	c.dead_band = C.double(g.DeadBand)
	c.cooldown_frames = C.int32_t(g.CooldownFrames)
	c.direction_sectors = C.int32_t(g.DirectionSectors)
	c.min_motion = C.double(g.MinMotion)
	return c
}

// DefaultRegionConfig is the library's default (vision_crowd_region_config_init()).
func DefaultRegionConfig() RegionConfig {
	var c C.vision_crowd_region_config
	C.vision_crowd_region_config_init(&c)
	return regionConfigFromC(&c)
}

// Set changes one field by its Kurento (camelCase) or C (snake_case) name
// from text, as vision_crowd_region_config_set() does ("occupancyLevelMin",
// "12.5"; "sendOpticalFlowEvent", "true").
func (g *RegionConfig) Set(name, value string) error {
	c := g.toC()
	cn, cv := C.CString(name), C.CString(value)
	defer C.free(unsafe.Pointer(cn))
	defer C.free(unsafe.Pointer(cv))
	if err := call(func() C.int { return C.vision_crowd_region_config_set(&c, cn, cv) }); err != nil {
		return err
	}
	*g = regionConfigFromC(&c)
	return nil
}

// Point is a polygon vertex relative to the frame: 0..1 of width and height.
type Point struct{ X, Y float64 }

// Crowd event types.
const (
	CrowdOccupancy = 1
	CrowdFluidity  = 2
	CrowdDirection = 3
)

// CrowdEvent is a region's level or direction change, copied out of C.
type CrowdEvent struct {
	Type       int // CrowdOccupancy, CrowdFluidity or CrowdDirection
	RegionID   string
	Value      float64 // occupancy or fluidity %; motion for direction
	Level      int     // 0..3; -1 for direction
	Angle      float64 // degrees for direction; -1 otherwise
	PTS        int64   // PTSNone when the frame had none
	FrameIndex uint64
}

func crowdEventFromC(e *C.vision_crowd_event) CrowdEvent {
	return CrowdEvent{int(e._type), C.GoString(e.region_id), float64(e.value), int(e.level),
		float64(e.angle), int64(e.pts_ns), uint64(e.frame_index)}
}

// CrowdResult is a region's latest figures (vision_crowd_result), copied.
type CrowdResult struct {
	RegionID         string
	Valid            bool
	Occupancy        float64
	Fluidity         float64
	HasDirection     bool
	Direction        float64 // degrees; -1 when HasDirection is false
	Motion           float64
	OccupancyLevel   int
	FluidityLevel    int
	RegionPixels     uint32
	ForegroundPixels uint32
	MovingPixels     uint32
	MotionBlocks     uint32
	WarmingUp        bool
	PTS              int64
	FrameIndex       uint64
}

func crowdResultFromC(r *C.vision_crowd_result) CrowdResult {
	return CrowdResult{C.GoString(r.region_id), r.valid != 0, float64(r.occupancy),
		float64(r.fluidity), r.has_direction != 0, float64(r.direction), float64(r.motion),
		int(r.occupancy_level), int(r.fluidity_level), uint32(r.region_pixels),
		uint32(r.foreground_pixels), uint32(r.moving_pixels), uint32(r.motion_blocks),
		r.warming_up != 0, int64(r.pts_ns), uint64(r.frame_index)}
}

// Crowd is a crowd analyser (vision_crowd). Use it from one goroutine at a
// time; Close it when done.
type Crowd struct {
	c      *C.vision_crowd
	d      *dispatch[CrowdEvent]
	handle cgo.Handle
}

// NewCrowd creates a crowd analyser; nil options are the defaults.
func NewCrowd(options *CrowdOptions) (*Crowd, error) {
	if options == nil {
		o := DefaultCrowdOptions()
		options = &o
	}
	o := options.toC()
	var c *C.vision_crowd
	if err := call(func() C.int { return C.vision_crowd_new(&c, &o) }); err != nil {
		return nil, err
	}
	crowd := &Crowd{c: c, d: &dispatch[CrowdEvent]{}}
	crowd.handle = cgo.NewHandle(crowd.d)
	if err := call(func() C.int { return C.vgo_crowd_set_callback(c, C.uintptr_t(crowd.handle)) }); err != nil {
		C.vision_crowd_free(c)
		crowd.handle.Delete()
		return nil, err
	}
	runtime.SetFinalizer(crowd, (*Crowd).finalize)
	return crowd, nil
}

func (c *Crowd) ptr() (*C.vision_crowd, error) {
	if c == nil || c.c == nil {
		return nil, newError(ErrInvalidArgument, "the crowd is closed")
	}
	return c.c, nil
}

// finalize is the safety net for a crowd dropped without Close.
func (c *Crowd) finalize() {
	if c.release() == nil {
		atomic.AddInt64(&finalized, 1)
	}
}

// release frees the C handle (Close, or the finalizer).
func (c *Crowd) release() error {
	if c.c == nil {
		return nil
	}
	ptr := c.c
	if err := call(func() C.int { return C.vision_crowd_free(ptr) }); err != nil {
		return err
	}
	c.c = nil
	c.handle.Delete()
	return nil
}

// Close frees the analyser. Closing twice is fine; any other call after
// Close returns ErrInvalidArgument. From inside the crowd's own callback it
// returns ErrReentrant and the crowd stays open.
func (c *Crowd) Close() error {
	if c == nil {
		return nil
	}
	if c.d.inCallback {
		return newError(ErrReentrant, "Close called from inside the crowd's own callback")
	}
	err := c.release()
	if err == nil {
		runtime.SetFinalizer(c, nil)
	}
	return err
}

// SetCallback sets (or with nil, removes) the function that receives each
// event, synchronously, inside Process.
func (c *Crowd) SetCallback(fn func(CrowdEvent)) error {
	if _, err := c.ptr(); err != nil {
		return err
	}
	if c.d.inCallback {
		return newError(ErrReentrant, "SetCallback called from inside the callback")
	}
	c.d.fn = fn
	return nil
}

func cPoints(points []Point) []C.vision_crowd_point {
	out := make([]C.vision_crowd_point, len(points))
	for i, p := range points {
		out[i].x, out[i].y = C.double(p.X), C.double(p.Y)
	}
	return out
}

// AddRegion adds a polygon region; nil config is the default one.
func (c *Crowd) AddRegion(id string, points []Point, config *RegionConfig) error {
	ptr, err := c.ptr()
	if err != nil {
		return err
	}
	defer runtime.KeepAlive(c)
	if len(points) == 0 {
		return newError(ErrRegion, "region %q has no points", id)
	}
	cfg := DefaultRegionConfig()
	if config != nil {
		cfg = *config
	}
	cc := cfg.toC()
	pts := cPoints(points)
	cid := C.CString(id)
	defer C.free(unsafe.Pointer(cid))
	return call(func() C.int {
		return C.vision_crowd_add_region(ptr, cid, &pts[0], C.size_t(len(pts)), &cc)
	})
}

// UpdateRegion changes a region's polygon (nil keeps it), config (nil keeps
// it) or both.
func (c *Crowd) UpdateRegion(id string, points []Point, config *RegionConfig) error {
	ptr, err := c.ptr()
	if err != nil {
		return err
	}
	defer runtime.KeepAlive(c)
	var pts []C.vision_crowd_point
	var pp *C.vision_crowd_point
	if points != nil {
		if len(points) == 0 {
			return newError(ErrRegion, "region %q: no points", id)
		}
		pts = cPoints(points)
		pp = &pts[0]
	}
	var cc C.vision_crowd_region_config
	var cp *C.vision_crowd_region_config
	if config != nil {
		cc = config.toC()
		cp = &cc
	}
	cid := C.CString(id)
	defer C.free(unsafe.Pointer(cid))
	return call(func() C.int {
		return C.vision_crowd_update_region(ptr, cid, pp, C.size_t(len(pts)), cp)
	})
}

// RemoveRegion removes a region.
func (c *Crowd) RemoveRegion(id string) error {
	ptr, err := c.ptr()
	if err != nil {
		return err
	}
	defer runtime.KeepAlive(c)
	cid := C.CString(id)
	defer C.free(unsafe.Pointer(cid))
	return call(func() C.int { return C.vision_crowd_remove_region(ptr, cid) })
}

// RegionCount is the number of regions.
func (c *Crowd) RegionCount() (int, error) {
	ptr, err := c.ptr()
	if err != nil {
		return 0, err
	}
	defer runtime.KeepAlive(c)
	var n C.size_t
	err = call(func() C.int { return C.vision_crowd_region_count(&n, ptr) })
	return int(n), err
}

// Process analyses a frame and returns the events it produced (the
// callback, if any, has seen them already). A panic in the callback is
// raised again here, after the C call has returned.
func (c *Crowd) Process(f *Frame) ([]CrowdEvent, error) {
	ptr, err := c.ptr()
	if err != nil {
		return nil, err
	}
	defer runtime.KeepAlive(c)
	cf, p, err := f.cFrame()
	if err != nil {
		return nil, err
	}
	outer := c.d.events
	c.d.begin()
	err = call(func() C.int { return C.vgo_crowd_process(ptr, &cf, p[0], p[1], p[2], p[3]) })
	if c.d.inCallback { // a nested call from the callback: leave the outer call's state alone
		events := c.d.events
		c.d.events = outer
		return events, err
	}
	events := c.d.end()
	return events, err
}

// Result reads a region's latest figures by id.
func (c *Crowd) Result(id string) (CrowdResult, error) {
	ptr, err := c.ptr()
	if err != nil {
		return CrowdResult{}, err
	}
	defer runtime.KeepAlive(c)
	var r C.vision_crowd_result
	C.vision_crowd_result_init(&r)
	cid := C.CString(id)
	defer C.free(unsafe.Pointer(cid))
	if err := call(func() C.int { return C.vision_crowd_get_result(&r, ptr, cid) }); err != nil {
		return CrowdResult{}, err
	}
	return crowdResultFromC(&r), nil
}

// Results reads every region's latest figures, in the order they were added.
func (c *Crowd) Results() ([]CrowdResult, error) {
	n, err := c.RegionCount()
	if err != nil {
		return nil, err
	}
	ptr := c.c
	defer runtime.KeepAlive(c)
	out := make([]CrowdResult, 0, n)
	for i := 0; i < n; i++ {
		var r C.vision_crowd_result
		C.vision_crowd_result_init(&r)
		if err := call(func() C.int { return C.vision_crowd_get_result_at(&r, ptr, C.size_t(i)) }); err != nil {
			return nil, err
		}
		out = append(out, crowdResultFromC(&r))
	}
	return out, nil
}

// Draw draws the last analysed frame's findings into f (BGR, BGRx, RGB,
// RGBx, I420 or NV12), writing its planes.
func (c *Crowd) Draw(f *Frame) error {
	ptr, err := c.ptr()
	if err != nil {
		return err
	}
	defer runtime.KeepAlive(c)
	cf, p, err := f.cFrame()
	if err != nil {
		return err
	}
	return call(func() C.int { return C.vgo_crowd_draw(ptr, &cf, p[0], p[1], p[2], p[3]) })
}
