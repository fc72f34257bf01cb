/*
 * Error codes, their strings, and last-error messages.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "error.h"

#include <stdio.h>
#include <string.h>

/* Each thread has its own message so that concurrent handles on different
 * threads never see each other's failures. */
static _Thread_local char thread_message[VIS_ERROR_MESSAGE_SIZE];

VISION_API const char *vision_strerror(int code)
{
    switch (code) {
    case VISION_OK:
        return "success";
    case VISION_E_INVALID_ARGUMENT:
        return "invalid argument";
    case VISION_E_NO_MEMORY:
        return "out of memory";
    case VISION_E_STRUCT_VERSION:
        return "unsupported struct version";
    case VISION_E_PIXEL_FORMAT:
        return "unsupported pixel format";
    case VISION_E_FRAME_SIZE:
        return "invalid frame size";
    case VISION_E_FRAME_STRIDE:
        return "invalid frame stride";
    case VISION_E_FRAME_PLANE:
        return "invalid frame plane";
    case VISION_E_REGION:
        return "invalid region of interest";
    case VISION_E_NOT_FOUND:
        return "not found";
    case VISION_E_EXISTS:
        return "already exists";
    case VISION_E_REENTRANT:
        return "call from inside the handle's own callback";
    case VISION_E_OCR_DATA:
        return "OCR data missing or unreadable";
    case VISION_E_OPTION:
        return "invalid option value";
    case VISION_E_IO:
        return "input/output error";
    case VISION_E_UNSUPPORTED:
        return "not supported";
    case VISION_E_INTERNAL:
        return "internal error";
    default:
        return "unknown error";
    }
}

VISION_API const char *vision_last_error(void)
{
    return thread_message;
}

int vis_failv(vis_error_buffer *handle_buffer, int code, const char *format, va_list args)
{
    vsnprintf(thread_message, sizeof thread_message, format, args);
    if (handle_buffer)
        memcpy(handle_buffer->message, thread_message, sizeof thread_message);
    return code;
}

int vis_fail(vis_error_buffer *handle_buffer, int code, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vis_failv(handle_buffer, code, format, args);
    va_end(args);
    return code;
}

int vis_fail_detail(vis_error_buffer *handle_buffer, int code, const char *detail)
{
    return vis_fail(handle_buffer, code, "%s", detail);
}

void vis_error_clear(vis_error_buffer *handle_buffer)
{
    if (handle_buffer)
        handle_buffer->message[0] = '\0';
}
