// Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0

// Command rawcrowd prints the crowd events of raw video frames read from
// stdin as JSON Lines, the way a Go host fed by a decoder pipe works:
//
//	ffmpeg -i hall.mp4 -f rawvideo -pix_fmt nv12 - |
//	    rawcrowd -format NV12 -width 1280 -height 720 -fps 25 \
//	        -region 'door=0,0.5;0.5,0.5;0.5,1;0,1' -set occupancyLevelMin=5
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"libvision.invalid/vision"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, " ") }
func (l *list) Set(s string) error { *l = append(*l, s); return nil }

func parseRegion(text string) (string, []vision.Point, error) {
	id, pts, ok := strings.Cut(text, "=")
	if !ok || id == "" {
		return "", nil, fmt.Errorf("region %q: expected ID=X,Y;X,Y;X,Y", text)
	}
	var points []vision.Point
	for _, p := range strings.Split(pts, ";") {
		xs, ys, ok := strings.Cut(p, ",")
		x, err1 := strconv.ParseFloat(xs, 64)
		y, err2 := strconv.ParseFloat(ys, 64)
		if !ok || err1 != nil || err2 != nil {
			return "", nil, fmt.Errorf("region %q: bad point %q", text, p)
		}
		points = append(points, vision.Point{X: x, Y: y})
	}
	return id, points, nil
}

var typeNames = map[int]string{vision.CrowdOccupancy: "occupancy", vision.CrowdFluidity: "fluidity",
	vision.CrowdDirection: "direction"}

// run reads frames from in until EOF and writes one JSON object per event.
func run(args []string, in io.Reader, out io.Writer) error {
	fs := flag.NewFlagSet("rawcrowd", flag.ContinueOnError)
	format := fs.String("format", "I420", "pixel format of the frames (I420, NV12, BGR, GRAY8, ...)")
	width := fs.Int("width", 0, "frame width in pixels")
	height := fs.Int("height", 0, "frame height in pixels")
	fps := fs.Float64("fps", 25, "frame rate, for timestamps")
	procWidth := fs.Uint("processing-width", 320, "analysis width")
	var regions, settings list
	fs.Var(&regions, "region", "ID=X,Y;X,Y;X,Y (repeatable; default: the whole frame)")
	fs.Var(&settings, "set", "NAME=VALUE region setting, Kurento or C name (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	pf, err := vision.ParsePixelFormat(*format)
	if err != nil {
		return err
	}
	rowBytes, rows, err := pf.PlaneSize(*width, *height)
	if err != nil {
		return err
	}
	size := 0
	for i := range rows {
		size += rowBytes[i] * rows[i]
	}

	cfg := vision.DefaultRegionConfig()
	for _, s := range settings {
		name, value, _ := strings.Cut(s, "=")
		if err := cfg.Set(name, value); err != nil {
			return err
		}
	}
	o := vision.DefaultCrowdOptions()
	o.ProcessingWidth = uint32(*procWidth)
	crowd, err := vision.NewCrowd(&o)
	if err != nil {
		return err
	}
	defer crowd.Close()
	if len(regions) == 0 {
		regions = list{"frame=0,0;1,0;1,1;0,1"}
	}
	for _, r := range regions {
		id, points, err := parseRegion(r)
		if err != nil {
			return err
		}
		if err := crowd.AddRegion(id, points, &cfg); err != nil {
			return err
		}
	}

	enc := json.NewEncoder(out)
	crowd.SetCallback(func(e vision.CrowdEvent) {
		line := map[string]interface{}{"frame": e.FrameIndex, "pts_ns": e.PTS, "region": e.RegionID,
			"type": typeNames[e.Type], "value": e.Value, "level": e.Level}
		if e.Type == vision.CrowdDirection {
			line["angle"] = e.Angle
		}
		enc.Encode(line)
	})
	r := bufio.NewReaderSize(in, size)
	buf := make([]byte, size)
	for i := 0; ; i++ {
		if _, err := io.ReadFull(r, buf); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("frame %d: %w", i, err)
		}
		f, err := vision.NewFrame(pf, *width, *height, buf)
		if err != nil {
			return err
		}
		f.PTS = int64(float64(i) * 1e9 / *fps)
		if _, err := crowd.Process(f); err != nil {
			return err
		}
	}
}

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "rawcrowd:", err)
		}
		os.Exit(1)
	}
}
