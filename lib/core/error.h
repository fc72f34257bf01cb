/*
 * Internal: error messages for the thread and for a handle.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_CORE_ERROR_H
#define VIS_CORE_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#include "vision/common.h"

/* Size of every error message buffer, terminating NUL included. */
#define VIS_ERROR_MESSAGE_SIZE 256

/*
 * The last-error message a handle keeps. Handles embed one; functions that
 * fail call vis_fail() with it (or NULL when there is no handle), which also
 * fills the thread's message read by vision_last_error().
 */
typedef struct vis_error_buffer {
    char message[VIS_ERROR_MESSAGE_SIZE];
} vis_error_buffer;

/* Record a failure: formats the message into the thread's buffer and, when
 * `handle_buffer` is not NULL, into the handle's. Returns `code` so callers
 * can write `return vis_fail(&h->error, VISION_E_..., "...", ...);`. */
int vis_fail(vis_error_buffer *handle_buffer, int code, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* The same with a va_list. */
int vis_failv(vis_error_buffer *handle_buffer, int code, const char *format, va_list args);

/* Record a failure whose detail was already written into `detail` (for
 * example by vision_frame_validate()). */
int vis_fail_detail(vis_error_buffer *handle_buffer, int code, const char *detail);

/* Forget the handle's last error (a successful call leaves the last failure
 * in place, as errno does; only new handles start empty). */
void vis_error_clear(vis_error_buffer *handle_buffer);

#endif
