// Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0

package vision

/*
#include "shim.h"
*/
import "C"

import "runtime/cgo"

// dispatch is what a handle's cgo.Handle names: the Go callback and what
// the running call collected. It holds no reference to the handle itself,
// so a forgotten handle can still be finalized.
type dispatch[E any] struct {
	fn         func(E)
	events     []E
	inCallback bool
	panicked   bool
	panicValue interface{}
}

func (d *dispatch[E]) deliver(event E) {
	d.events = append(d.events, event)
	if d.fn == nil || d.panicked {
		return
	}
	d.inCallback = true
	defer func() {
		d.inCallback = false
		if r := recover(); r != nil {
			// Never unwind through C: keep it for after the C call.
			d.panicked, d.panicValue = true, r
		}
	}()
	d.fn(event)
}

// begin starts collecting the events of one C call.
func (d *dispatch[E]) begin() { d.events = nil }

// end returns the call's events, and panics again with what the callback
// panicked with, now that C has returned.
func (d *dispatch[E]) end() []E {
	events := d.events
	d.events = nil
	if d.panicked {
		v := d.panicValue
		d.panicked, d.panicValue = false, nil
		panic(v)
	}
	return events
}

//export vgoCrowdEvent
func vgoCrowdEvent(event *C.vision_crowd_event, handle C.uintptr_t) {
	d := cgo.Handle(handle).Value().(*dispatch[CrowdEvent])
	d.deliver(crowdEventFromC(event))
}

//export vgoPlateEvent
func vgoPlateEvent(event *C.vision_plate_event, handle C.uintptr_t) {
	d := cgo.Handle(handle).Value().(*dispatch[PlateEvent])
	d.deliver(plateEventFromC(event))
}
