/*
 * libvision: common definitions shared by every public header.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file common.h
 * @brief Export macro, error codes and error strings.
 *
 * Every function of libvision that can fail returns an `int`: ::VISION_OK (0)
 * on success or one of the negative `VISION_E_*` codes below. Codes are
 * append-only: a code, once released, keeps its number and meaning forever,
 * so hosts may store or switch on them.
 *
 * Thread rules for the whole library: a handle (plate or crowd analyser) is
 * used by one thread at a time; different handles may be used on different
 * threads at the same time. Functions that take no handle are thread-safe.
 * The library never changes process-wide settings of OpenCV, Tesseract or the
 * C locale.
 */
#ifndef VISION_COMMON_H
#define VISION_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @cond INTERNAL */
#if defined(VISION_BUILDING_LIBRARY) && defined(__GNUC__)
#define VISION_API __attribute__((visibility("default")))
#else
#define VISION_API
#endif
/** @endcond */

/**
 * Result codes. Success is 0; every failure is negative.
 *
 * The numbers are part of the ABI and never change; new codes are only ever
 * appended below the last one.
 */
typedef enum vision_error {
    /** Success. */
    VISION_OK = 0,
    /** A required pointer was NULL, or an argument is out of its documented range. */
    VISION_E_INVALID_ARGUMENT = -1,
    /** Memory could not be allocated. The handle, if any, is unchanged and usable. */
    VISION_E_NO_MEMORY = -2,
    /** The struct's `version` field names a layout this library does not know. */
    VISION_E_STRUCT_VERSION = -3,
    /** The frame's pixel format is unknown or not supported by this call. */
    VISION_E_PIXEL_FORMAT = -4,
    /** Width or height is zero, over ::VISION_FRAME_MAX_DIMENSION, or the frame is over ::VISION_FRAME_MAX_BYTES. */
    VISION_E_FRAME_SIZE = -5,
    /** A plane's stride is shorter than one row of that plane, or over ::VISION_FRAME_MAX_BYTES. */
    VISION_E_FRAME_STRIDE = -6,
    /** A plane the format needs is NULL, or a plane the format does not use is not NULL. */
    VISION_E_FRAME_PLANE = -7,
    /** A region of interest is malformed: fewer than 3 points, a coordinate outside 0..1 or NaN, zero area, or a bad id. */
    VISION_E_REGION = -8,
    /** The named object (a region id, for example) does not exist. */
    VISION_E_NOT_FOUND = -9,
    /** An object with that name already exists. */
    VISION_E_EXISTS = -10,
    /** The call was made on a handle from inside one of that handle's own callbacks. */
    VISION_E_REENTRANT = -11,
    /** The OCR data is missing, unreadable or corrupt. */
    VISION_E_OCR_DATA = -12,
    /** An option value is out of range or options contradict each other. */
    VISION_E_OPTION = -13,
    /** A file could not be read or written (the command-line tool and helpers). */
    VISION_E_IO = -14,
    /** The requested feature was not compiled in or is not available on this system. */
    VISION_E_UNSUPPORTED = -15,
    /** A library bug or an unexpected failure inside a dependency. Please report it. */
    VISION_E_INTERNAL = -16
} vision_error;

/**
 * A short English description of a result code.
 *
 * @param code a value returned by any libvision function.
 * @return a static, NUL-terminated string; never NULL. Unknown codes give
 *         "unknown error". Thread-safe.
 */
VISION_API const char *vision_strerror(int code);

/**
 * The detail message of the last failure on the calling thread.
 *
 * Every failing call stores a message that says what exactly was wrong (for
 * example "plane 1 stride 100 is shorter than its row of 160 bytes") in a
 * thread-local buffer. Handles also keep their own copy, see
 * vision_crowd_last_error() and vision_plate_last_error(); this function is
 * the way to read the detail of a failing `*_new()` call, which has no
 * handle yet.
 *
 * @return a NUL-terminated string owned by the library, valid until the next
 *         libvision call on this thread; "" when nothing failed yet.
 *         Never NULL. Thread-safe (each thread sees its own message).
 */
VISION_API const char *vision_last_error(void);

#ifdef __cplusplus
}
#endif

#endif /* VISION_COMMON_H */
