/*
 * libvision: video frames as the host hands them over.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file frame.h
 * @brief The frame descriptor, pixel formats and their geometry.
 *
 * A ::vision_frame describes pixels that belong to the host: libvision only
 * borrows them, read-only, for the duration of one call (the overlay
 * functions are the one exception and write into them). Nothing is kept
 * after the call returns; whatever must outlive it is copied.
 *
 * Planes are given in memory order of the format's name: I420 is Y, U, V;
 * YV12 is Y, V, U; NV12 is Y then interleaved U,V; NV21 is Y then V,U. A
 * crop of a larger picture is expressed by offsetting the plane pointers and
 * keeping the parent's strides. Chroma planes of 4:2:0 formats have
 * ceil(width / 2) x ceil(height / 2) samples, so odd sizes are fine.
 *
 * All functions here are thread-safe.
 */
#ifndef VISION_FRAME_H
#define VISION_FRAME_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Pixel formats, named by the order of bytes in memory (BGRA is the bytes B,
 * G, R, A at increasing addresses). The numbers are part of the ABI.
 *
 * YUV formats are 8-bit BT.601 limited range (the usual output of video
 * decoders); "x" means an ignored padding byte.
 */
typedef enum vision_pixel_format {
    VISION_PIXEL_FORMAT_UNKNOWN = 0, /**< Not a format: the value of a zeroed struct. */
    VISION_PIXEL_FORMAT_GRAY8 = 1,   /**< 1 plane, 1 byte per pixel. */
    VISION_PIXEL_FORMAT_RGB = 2,     /**< 1 plane, bytes R, G, B. */
    VISION_PIXEL_FORMAT_BGR = 3,     /**< 1 plane, bytes B, G, R (OpenCV's order). */
    VISION_PIXEL_FORMAT_RGBA = 4,    /**< 1 plane, bytes R, G, B, A. */
    VISION_PIXEL_FORMAT_BGRA = 5,    /**< 1 plane, bytes B, G, R, A. */
    VISION_PIXEL_FORMAT_ARGB = 6,    /**< 1 plane, bytes A, R, G, B. */
    VISION_PIXEL_FORMAT_ABGR = 7,    /**< 1 plane, bytes A, B, G, R. */
    VISION_PIXEL_FORMAT_RGBX = 8,    /**< 1 plane, bytes R, G, B, x. */
    VISION_PIXEL_FORMAT_BGRX = 9,    /**< 1 plane, bytes B, G, R, x. */
    VISION_PIXEL_FORMAT_XRGB = 10,   /**< 1 plane, bytes x, R, G, B. */
    VISION_PIXEL_FORMAT_XBGR = 11,   /**< 1 plane, bytes x, B, G, R. */
    VISION_PIXEL_FORMAT_I420 = 12,   /**< 3 planes: Y, U, V; chroma halved both ways. */
    VISION_PIXEL_FORMAT_YV12 = 13,   /**< 3 planes: Y, V, U; chroma halved both ways. */
    VISION_PIXEL_FORMAT_NV12 = 14,   /**< 2 planes: Y, then U,V interleaved; chroma halved both ways. */
    VISION_PIXEL_FORMAT_NV21 = 15,   /**< 2 planes: Y, then V,U interleaved; chroma halved both ways. */
    VISION_PIXEL_FORMAT_YUY2 = 16,   /**< 1 plane, bytes Y0, U, Y1, V; chroma halved horizontally. */
    VISION_PIXEL_FORMAT_UYVY = 17,   /**< 1 plane, bytes U, Y0, V, Y1; chroma halved horizontally. */
    VISION_PIXEL_FORMAT_GRAY16_LE = 18 /**< 1 plane, 2 bytes per pixel, little-endian. */
} vision_pixel_format;

/** One past the highest pixel format value of this version of the headers. */
#define VISION_PIXEL_FORMAT_COUNT 19

/** Largest width or height accepted, in pixels. */
#define VISION_FRAME_MAX_DIMENSION 16384u
/** Largest size of one plane (stride x rows) accepted, in bytes: 1 GiB. */
#define VISION_FRAME_MAX_BYTES (UINT64_C(1) << 30)
/** Most planes a format uses. */
#define VISION_FRAME_MAX_PLANES 4

/** Current layout version of ::vision_frame. */
#define VISION_FRAME_VERSION 1

/** Value of vision_frame::pts_ns when the host has no timestamp. */
#define VISION_PTS_NONE INT64_MIN

/**
 * Flag: this frame does not follow the previous one (a seek, a new stream,
 * a camera switch). Analysers drop what they learned about motion and
 * tracks, as if the stream started again.
 */
#define VISION_FRAME_FLAG_DISCONTINUITY 0x1u

/**
 * A borrowed video frame.
 *
 * Fill it with vision_frame_init() or ::VISION_FRAME_INIT first, then set the
 * fields. The layout is append-only: new fields only ever come at the end,
 * with a new ::VISION_FRAME_VERSION.
 */
typedef struct vision_frame {
    /** Layout version: ::VISION_FRAME_VERSION. */
    uint32_t version;
    /** A ::vision_pixel_format value. */
    uint32_t format;
    /** Width in pixels, 1 .. ::VISION_FRAME_MAX_DIMENSION. */
    uint32_t width;
    /** Height in pixels, 1 .. ::VISION_FRAME_MAX_DIMENSION. */
    uint32_t height;
    /**
     * First byte of each plane, in the format's memory order. Planes the
     * format does not use must be NULL. Read-only except for the overlay
     * functions, which write into them.
     */
    uint8_t *planes[VISION_FRAME_MAX_PLANES];
    /** Bytes from one row of a plane to the next; at least the plane's row size. Ignored for unused planes. */
    uint32_t strides[VISION_FRAME_MAX_PLANES];
    /** Presentation timestamp in nanoseconds, or ::VISION_PTS_NONE. Copied into events. */
    int64_t pts_ns;
    /** Bitwise OR of `VISION_FRAME_FLAG_*` values. */
    uint32_t flags;
    /** Must be zero. */
    uint32_t reserved;
} vision_frame;

/** Static initialiser for ::vision_frame; identical to what vision_frame_init() writes. */
#define VISION_FRAME_INIT                                                                          \
    {                                                                                              \
        VISION_FRAME_VERSION, VISION_PIXEL_FORMAT_UNKNOWN, 0, 0, {NULL, NULL, NULL, NULL},         \
            {0, 0, 0, 0}, VISION_PTS_NONE, 0, 0                                                    \
    }

/**
 * Initialise a frame descriptor to the defaults of ::VISION_FRAME_INIT.
 *
 * Every byte of the struct is written, padding included, so the result
 * compares equal with memcmp() to a struct set from the macro.
 *
 * @param frame the descriptor to fill; nothing happens when NULL.
 */
VISION_API void vision_frame_init(vision_frame *frame);

/**
 * Check that a frame descriptor is complete and consistent.
 *
 * Checks, in this order: @p frame not NULL; version; pixel format; width and
 * height in 1 .. ::VISION_FRAME_MAX_DIMENSION; each used plane non-NULL with a
 * stride at least its row size and stride x rows at most
 * ::VISION_FRAME_MAX_BYTES; each unused plane NULL; reserved zero. All
 * arithmetic is done in 64 bits and cannot overflow.
 *
 * @param frame the frame to check.
 * @param[out] detail optional buffer for a message saying what is wrong; may be NULL.
 * @param detail_size size of @p detail in bytes (the message is truncated and NUL-terminated).
 * @return ::VISION_OK, or ::VISION_E_INVALID_ARGUMENT (NULL frame or nonzero reserved),
 *         ::VISION_E_STRUCT_VERSION, ::VISION_E_PIXEL_FORMAT, ::VISION_E_FRAME_SIZE,
 *         ::VISION_E_FRAME_STRIDE or ::VISION_E_FRAME_PLANE.
 */
VISION_API int vision_frame_validate(const vision_frame *frame, char *detail, size_t detail_size);

/**
 * Point a frame descriptor at one contiguous, tightly packed buffer.
 *
 * Sets format, width, height, planes and strides as a decoder writing the
 * planes one after another with no padding would lay them out (stride = row
 * size). Other fields are left as they are.
 *
 * @param frame the descriptor to fill (initialised beforehand).
 * @param format a ::vision_pixel_format.
 * @param width width in pixels.
 * @param height height in pixels.
 * @param data the buffer; borrowed, must outlive every use of @p frame.
 * @param size bytes available at @p data; at least vision_pixel_format_buffer_size().
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT (NULL pointer or @p size too small),
 *         ::VISION_E_PIXEL_FORMAT or ::VISION_E_FRAME_SIZE.
 */
VISION_API int vision_frame_wrap(vision_frame *frame, uint32_t format, uint32_t width,
                                 uint32_t height, void *data, uint64_t size);

/**
 * The number of planes a pixel format uses.
 *
 * @param format a ::vision_pixel_format.
 * @return 1, 2 or 3; or ::VISION_E_PIXEL_FORMAT for an unknown format.
 */
VISION_API int vision_pixel_format_plane_count(uint32_t format);

/**
 * The size of one plane of a frame: bytes in one row (without padding) and
 * number of rows.
 *
 * @param[out] row_bytes bytes in one row of the plane; may be NULL.
 * @param[out] rows number of rows of the plane; may be NULL.
 * @param format a ::vision_pixel_format.
 * @param width width of the frame in pixels.
 * @param height height of the frame in pixels.
 * @param plane plane index, 0 .. vision_pixel_format_plane_count() - 1.
 * @return ::VISION_OK, ::VISION_E_PIXEL_FORMAT, ::VISION_E_FRAME_SIZE, or
 *         ::VISION_E_INVALID_ARGUMENT for a plane the format does not have.
 */
VISION_API int vision_pixel_format_plane_size(uint64_t *row_bytes, uint32_t *rows, uint32_t format,
                                              uint32_t width, uint32_t height, uint32_t plane);

/**
 * Bytes needed to hold a whole frame with tightly packed planes.
 *
 * @param[out] size the number of bytes.
 * @param format a ::vision_pixel_format.
 * @param width width in pixels.
 * @param height height in pixels.
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT (NULL @p size),
 *         ::VISION_E_PIXEL_FORMAT or ::VISION_E_FRAME_SIZE.
 */
VISION_API int vision_pixel_format_buffer_size(uint64_t *size, uint32_t format, uint32_t width,
                                               uint32_t height);

/**
 * The name of a pixel format, as used in this header and by GStreamer where
 * they agree ("GRAY8", "BGRx", "I420", "GRAY16_LE", ...).
 *
 * @param format a ::vision_pixel_format.
 * @return a static string, or NULL for an unknown format.
 */
VISION_API const char *vision_pixel_format_name(uint32_t format);

/**
 * The pixel format with a given name, compared without regard to case.
 * GStreamer's names are accepted ("BGRx", "RGBA", "YUY2", "GRAY16_LE"), and so
 * are "YUYV" for YUY2 and "BGR24"/"RGB24" for BGR/RGB.
 *
 * @param name a NUL-terminated name; NULL gives ::VISION_PIXEL_FORMAT_UNKNOWN.
 * @return a ::vision_pixel_format, or ::VISION_PIXEL_FORMAT_UNKNOWN.
 */
VISION_API uint32_t vision_pixel_format_from_name(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* VISION_FRAME_H */
