/*
 * Test helper: a BGR picture in any pixel format, with padded strides so
 * that reads past a row show up (BT.601 limited range for YUV, as decoders
 * produce).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef TEST_PLATE_FRAMES_H
#define TEST_PLATE_FRAMES_H

#include <stddef.h>
#include <stdint.h>

#include <vision/vision.h>

/* Bytes of padding after every row of every plane. */
#define TEST_FRAME_PADDING 16
/* Value written into padding bytes, checked by test_frame_padding_intact(). */
#define TEST_FRAME_PAD_BYTE 0xA5

typedef struct test_frame {
    vision_frame frame;
    uint8_t *data;
    size_t size;
} test_frame;

/* Convert a packed BGR picture into `format`. Returns 0, or -1 when out of memory. */
int test_frame_from_bgr(test_frame *out, uint32_t format, const uint8_t *bgr, size_t bgr_stride,
                        int width, int height);
/* 1 when no byte of any row padding was changed. */
int test_frame_padding_intact(const test_frame *frame);
void test_frame_release(test_frame *frame);

#endif
