// Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"libvision.invalid/vision"
)

// A GRAY8 stream: empty floor, then a bright block growing from the left.
func stream(w, h, n int) []byte {
	var out []byte
	for i := 0; i < n; i++ {
		frame := make([]byte, w*h)
		for j := range frame {
			frame[j] = byte(80 + j%7)
		}
		if i >= 6 {
			for y := 0; y < h; y++ {
				for x := 0; x < w/4+i; x++ {
					frame[y*w+x] = 230
				}
			}
		}
		out = append(out, frame...)
	}
	return out
}

func TestRawStreamGivesJSONEvents(t *testing.T) {
	var out bytes.Buffer
	args := []string{"-format", "gray8", "-width", "64", "-height", "48", "-processing-width", "0",
		"-region", "left=0,0;0.5,0;0.5,1;0,1", "-set", "occupancyNumFramesToEvent=1"}
	if err := run(args, bytes.NewReader(stream(64, 48, 20)), &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var first map[string]interface{}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatalf("%v: %q", err, out.String())
	}
	if first["region"] != "left" || first["type"] != "occupancy" || first["pts_ns"].(float64) <= 0 {
		t.Fatalf("first event %v", first)
	}
}

func TestRawStreamErrors(t *testing.T) {
	err := run([]string{"-format", "gray8", "-width", "64", "-height", "48"},
		bytes.NewReader(stream(64, 48, 2)[:64*48+10]), io.Discard)
	if err == nil || !strings.Contains(err.Error(), "frame 1") {
		t.Fatalf("truncated stream: %v", err)
	}
	err = run([]string{"-format", "nope", "-width", "64", "-height", "48"}, bytes.NewReader(nil), io.Discard)
	if !errors.Is(err, vision.ErrPixelFormat) {
		t.Fatalf("format: %v", err)
	}
	err = run([]string{"-format", "gray8", "-width", "64", "-height", "48", "-set", "bogus=1"},
		bytes.NewReader(nil), io.Discard)
	if !errors.Is(err, vision.ErrNotFound) {
		t.Fatalf("setting: %v", err)
	}
}
