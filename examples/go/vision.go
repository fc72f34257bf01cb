// Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0

// Package vision is libvision for Go: licence plates and crowds in raw
// video frames, over cgo.
//
// The library is found with pkg-config (package "vision"): set
// PKG_CONFIG_PATH to the directory holding vision.pc of an installed or
// staged libvision.
//
// Rules (see docs/go.md):
//   - A handle (*Crowd, *Plate) is used by one goroutine at a time; different
//     handles may run in parallel.
//   - Close() frees a handle; it is idempotent, and a finalizer frees
//     handles that were forgotten (do not rely on it: native memory is
//     invisible to the Go garbage collector).
//   - Callbacks run synchronously on the calling goroutine, inside
//     Process/Flush. Events are copied into Go values before the callback
//     sees them. A panic in a callback is recovered (it never unwinds
//     through C) and raised again when Process/Flush returns.
//   - C never keeps a Go pointer: frames are borrowed for one call, and
//     callbacks reach Go through a runtime/cgo.Handle.
package vision

/*
#cgo pkg-config: vision
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"runtime"
)

// ErrorCode is a libvision result code (VISION_E_*). It is an error itself,
// so errors.Is(err, vision.ErrReentrant) works on any *Error.
type ErrorCode int

// The result codes of include/vision/common.h. The numbers never change.
const (
	ErrInvalidArgument ErrorCode = -1
	ErrNoMemory        ErrorCode = -2
	ErrStructVersion   ErrorCode = -3
	ErrPixelFormat     ErrorCode = -4
	ErrFrameSize       ErrorCode = -5
	ErrFrameStride     ErrorCode = -6
	ErrFramePlane      ErrorCode = -7
	ErrRegion          ErrorCode = -8
	ErrNotFound        ErrorCode = -9
	ErrExists          ErrorCode = -10
	ErrReentrant       ErrorCode = -11
	ErrOCRData         ErrorCode = -12
	ErrOption          ErrorCode = -13
	ErrIO              ErrorCode = -14
	ErrUnsupported     ErrorCode = -15
	ErrInternal        ErrorCode = -16
)

var codeNames = map[ErrorCode]string{
	ErrInvalidArgument: "VISION_E_INVALID_ARGUMENT", ErrNoMemory: "VISION_E_NO_MEMORY",
	ErrStructVersion: "VISION_E_STRUCT_VERSION", ErrPixelFormat: "VISION_E_PIXEL_FORMAT",
	ErrFrameSize: "VISION_E_FRAME_SIZE", ErrFrameStride: "VISION_E_FRAME_STRIDE",
	ErrFramePlane: "VISION_E_FRAME_PLANE", ErrRegion: "VISION_E_REGION",
	ErrNotFound: "VISION_E_NOT_FOUND", ErrExists: "VISION_E_EXISTS",
	ErrReentrant: "VISION_E_REENTRANT", ErrOCRData: "VISION_E_OCR_DATA",
	ErrOption: "VISION_E_OPTION", ErrIO: "VISION_E_IO",
	ErrUnsupported: "VISION_E_UNSUPPORTED", ErrInternal: "VISION_E_INTERNAL",
}

// Name is the code's C name, "VISION_E_FRAME_STRIDE" for example.
func (c ErrorCode) Name() string {
	if n, ok := codeNames[c]; ok {
		return n
	}
	return fmt.Sprintf("VISION_E_%d", -int(c))
}

// Error is vision_strerror(code): the code's short description.
func (c ErrorCode) Error() string { return C.GoString(C.vision_strerror(C.int(c))) }

// Error is a libvision failure: the code and the detail message saying what
// exactly was wrong.
type Error struct {
	Code    ErrorCode
	Message string
}

func (e *Error) Error() string { return e.Code.Name() + ": " + e.Message }

// Is makes errors.Is(err, vision.ErrXxx) match on the code.
func (e *Error) Is(target error) bool {
	c, ok := target.(ErrorCode)
	return ok && c == e.Code
}

// Unwrap gives the code, for errors.As(err, &code).
func (e *Error) Unwrap() error { return e.Code }

func newError(code ErrorCode, format string, args ...interface{}) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// call runs one C call and turns a negative result into an *Error with the
// thread's vision_last_error(). The goroutine is locked to its OS thread
// so that the message is read on the thread that failed.
func call(f func() C.int) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	rc := f()
	if rc >= 0 {
		return nil
	}
	msg := C.GoString(C.vision_last_error())
	if msg == "" {
		msg = ErrorCode(rc).Error()
	}
	return &Error{Code: ErrorCode(rc), Message: msg}
}

// finalized counts handles freed by their finalizer (for the tests).
var finalized int64

// Version is the loaded library's version string, "0.1.0" for example.
func Version() string { return C.GoString(C.vision_version_string()) }

// Strerror is vision_strerror(): the short description of a result code.
func Strerror(code int) string { return C.GoString(C.vision_strerror(C.int(code))) }
