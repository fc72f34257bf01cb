/*
 * Frame descriptors: initialisation, geometry, names and validation of
 * every class of bad input.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <vision/vision.h>

static uint8_t pixels[4096];

/* A valid frame of the given format and size pointing at `pixels` with
 * tight strides (the sizes used here fit the static buffer). */
static vision_frame tight_frame(uint32_t format, uint32_t width, uint32_t height)
{
    vision_frame frame = VISION_FRAME_INIT;
    assert_int_equal(vision_frame_wrap(&frame, format, width, height, pixels, sizeof pixels),
                     VISION_OK);
    return frame;
}

static void test_init_macro_equals_function(void **state)
{
    (void)state;
    vision_frame from_macro = VISION_FRAME_INIT;
    vision_frame from_function;
    memset(&from_function, 0xA5, sizeof from_function);
    vision_frame_init(&from_function);
    assert_memory_equal(&from_macro, &from_function, sizeof from_macro);
    assert_int_equal(from_function.version, VISION_FRAME_VERSION);
    assert_true(from_function.pts_ns == VISION_PTS_NONE);
    vision_frame_init(NULL); /* must not crash */
}

static void test_layout_is_fixed(void **state)
{
    (void)state;
    /* FFI bindings hard-code this layout; it may only grow at the end. */
    assert_int_equal(offsetof(vision_frame, version), 0);
    assert_int_equal(offsetof(vision_frame, format), 4);
    assert_int_equal(offsetof(vision_frame, width), 8);
    assert_int_equal(offsetof(vision_frame, height), 12);
    assert_int_equal(offsetof(vision_frame, planes), 16);
    assert_int_equal(offsetof(vision_frame, strides), 48);
    assert_int_equal(offsetof(vision_frame, pts_ns), 64);
    assert_int_equal(offsetof(vision_frame, flags), 72);
    assert_int_equal(sizeof(vision_frame), 80);
}

static void test_plane_counts(void **state)
{
    (void)state;
    static const struct {
        uint32_t format;
        int planes;
    } expected[] = {
        {VISION_PIXEL_FORMAT_GRAY8, 1}, {VISION_PIXEL_FORMAT_RGB, 1},  {VISION_PIXEL_FORMAT_BGRX, 1},
        {VISION_PIXEL_FORMAT_I420, 3},  {VISION_PIXEL_FORMAT_YV12, 3}, {VISION_PIXEL_FORMAT_NV12, 2},
        {VISION_PIXEL_FORMAT_NV21, 2},  {VISION_PIXEL_FORMAT_YUY2, 1}, {VISION_PIXEL_FORMAT_UYVY, 1},
        {VISION_PIXEL_FORMAT_GRAY16_LE, 1},
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        assert_int_equal(vision_pixel_format_plane_count(expected[i].format), expected[i].planes);
    assert_int_equal(vision_pixel_format_plane_count(0), VISION_E_PIXEL_FORMAT);
    assert_int_equal(vision_pixel_format_plane_count(VISION_PIXEL_FORMAT_COUNT),
                     VISION_E_PIXEL_FORMAT);
    assert_int_equal(vision_pixel_format_plane_count(0xFFFFFFFFu), VISION_E_PIXEL_FORMAT);
}

static void check_plane(uint32_t format, uint32_t width, uint32_t height, uint32_t plane,
                        uint64_t row_bytes, uint32_t rows)
{
    uint64_t got_row = 0;
    uint32_t got_rows = 0;
    assert_int_equal(vision_pixel_format_plane_size(&got_row, &got_rows, format, width, height, plane),
                     VISION_OK);
    assert_int_equal(got_row, row_bytes);
    assert_int_equal(got_rows, rows);
}

static void test_plane_geometry_rounds_chroma_up(void **state)
{
    (void)state;
    check_plane(VISION_PIXEL_FORMAT_I420, 5, 3, 0, 5, 3);
    check_plane(VISION_PIXEL_FORMAT_I420, 5, 3, 1, 3, 2);
    check_plane(VISION_PIXEL_FORMAT_YV12, 5, 3, 2, 3, 2);
    check_plane(VISION_PIXEL_FORMAT_NV12, 5, 3, 1, 6, 2);
    check_plane(VISION_PIXEL_FORMAT_NV21, 1, 1, 1, 2, 1);
    check_plane(VISION_PIXEL_FORMAT_YUY2, 5, 3, 0, 12, 3);
    check_plane(VISION_PIXEL_FORMAT_UYVY, 4, 1, 0, 8, 1);
    check_plane(VISION_PIXEL_FORMAT_RGB, 7, 2, 0, 21, 2);
    check_plane(VISION_PIXEL_FORMAT_XBGR, 7, 2, 0, 28, 2);
    check_plane(VISION_PIXEL_FORMAT_GRAY16_LE, 7, 2, 0, 14, 2);
    check_plane(VISION_PIXEL_FORMAT_BGRA, VISION_FRAME_MAX_DIMENSION, VISION_FRAME_MAX_DIMENSION,
                0, 4ull * VISION_FRAME_MAX_DIMENSION, VISION_FRAME_MAX_DIMENSION);

    uint64_t row;
    assert_int_equal(vision_pixel_format_plane_size(&row, NULL, VISION_PIXEL_FORMAT_GRAY8, 4, 4, 1),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_pixel_format_plane_size(&row, NULL, VISION_PIXEL_FORMAT_GRAY8, 0, 4, 0),
                     VISION_E_FRAME_SIZE);
    assert_int_equal(vision_pixel_format_plane_size(&row, NULL, 99, 4, 4, 0), VISION_E_PIXEL_FORMAT);
    /* Both outputs are optional. */
    assert_int_equal(vision_pixel_format_plane_size(NULL, NULL, VISION_PIXEL_FORMAT_NV12, 4, 4, 1),
                     VISION_OK);
}

static void test_buffer_size(void **state)
{
    (void)state;
    uint64_t size = 0;
    assert_int_equal(vision_pixel_format_buffer_size(&size, VISION_PIXEL_FORMAT_I420, 1920, 1080),
                     VISION_OK);
    assert_int_equal(size, 1920 * 1080 * 3 / 2);
    assert_int_equal(vision_pixel_format_buffer_size(&size, VISION_PIXEL_FORMAT_I420, 3, 3),
                     VISION_OK);
    assert_int_equal(size, 9 + 4 + 4);
    assert_int_equal(vision_pixel_format_buffer_size(&size, VISION_PIXEL_FORMAT_BGRX, 16384, 16384),
                     VISION_OK);
    assert_true(size == 4ull * 16384 * 16384); /* 64-bit: no overflow */
    assert_int_equal(vision_pixel_format_buffer_size(NULL, VISION_PIXEL_FORMAT_BGR, 2, 2),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_pixel_format_buffer_size(&size, VISION_PIXEL_FORMAT_BGR, 16385, 2),
                     VISION_E_FRAME_SIZE);
}

static void test_wrap_lays_out_planes(void **state)
{
    (void)state;
    vision_frame frame = tight_frame(VISION_PIXEL_FORMAT_I420, 5, 3);
    assert_ptr_equal(frame.planes[0], pixels);
    assert_ptr_equal(frame.planes[1], pixels + 15);
    assert_ptr_equal(frame.planes[2], pixels + 15 + 6);
    assert_null(frame.planes[3]);
    assert_int_equal(frame.strides[0], 5);
    assert_int_equal(frame.strides[1], 3);
    assert_int_equal(vision_frame_validate(&frame, NULL, 0), VISION_OK);

    vision_frame small = VISION_FRAME_INIT;
    assert_int_equal(vision_frame_wrap(&small, VISION_PIXEL_FORMAT_I420, 5, 3, pixels, 20),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_frame_wrap(&small, VISION_PIXEL_FORMAT_I420, 5, 3, NULL, 100),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_frame_wrap(NULL, VISION_PIXEL_FORMAT_I420, 5, 3, pixels, 100),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_frame_wrap(&small, 0, 5, 3, pixels, 100), VISION_E_PIXEL_FORMAT);
    assert_int_equal(vision_frame_wrap(&small, VISION_PIXEL_FORMAT_RGB, 0, 3, pixels, 100),
                     VISION_E_FRAME_SIZE);
}

static void test_names_round_trip(void **state)
{
    (void)state;
    for (uint32_t f = 1; f < VISION_PIXEL_FORMAT_COUNT; f++) {
        const char *name = vision_pixel_format_name(f);
        assert_non_null(name);
        assert_int_equal(vision_pixel_format_from_name(name), f);
    }
    assert_string_equal(vision_pixel_format_name(VISION_PIXEL_FORMAT_BGRX), "BGRx");
    assert_int_equal(vision_pixel_format_from_name("bgrx"), VISION_PIXEL_FORMAT_BGRX);
    assert_int_equal(vision_pixel_format_from_name("YUYV"), VISION_PIXEL_FORMAT_YUY2);
    assert_int_equal(vision_pixel_format_from_name("gray16_le"), VISION_PIXEL_FORMAT_GRAY16_LE);
    assert_int_equal(vision_pixel_format_from_name("P010"), VISION_PIXEL_FORMAT_UNKNOWN);
    assert_int_equal(vision_pixel_format_from_name(""), VISION_PIXEL_FORMAT_UNKNOWN);
    assert_int_equal(vision_pixel_format_from_name(NULL), VISION_PIXEL_FORMAT_UNKNOWN);
    assert_null(vision_pixel_format_name(0));
    assert_null(vision_pixel_format_name(1000));
}

/* Validation: each class of bad input gives its own code and a message. */
static void expect_invalid(const vision_frame *frame, int code, const char *needle)
{
    char detail[256] = "unchanged";
    assert_int_equal(vision_frame_validate(frame, detail, sizeof detail), code);
    assert_non_null(strstr(detail, needle));
}

static void test_validate_rejects_each_bad_input(void **state)
{
    (void)state;
    expect_invalid(NULL, VISION_E_INVALID_ARGUMENT, "NULL");

    vision_frame frame = tight_frame(VISION_PIXEL_FORMAT_NV12, 4, 4);
    frame.version = 0;
    expect_invalid(&frame, VISION_E_STRUCT_VERSION, "version");
    frame.version = 2;
    expect_invalid(&frame, VISION_E_STRUCT_VERSION, "version");

    frame = tight_frame(VISION_PIXEL_FORMAT_NV12, 4, 4);
    frame.format = 0;
    expect_invalid(&frame, VISION_E_PIXEL_FORMAT, "unknown");
    frame.format = VISION_PIXEL_FORMAT_COUNT;
    expect_invalid(&frame, VISION_E_PIXEL_FORMAT, "unknown");

    frame = tight_frame(VISION_PIXEL_FORMAT_NV12, 4, 4);
    frame.width = 0;
    expect_invalid(&frame, VISION_E_FRAME_SIZE, "size");
    frame.width = 4;
    frame.height = VISION_FRAME_MAX_DIMENSION + 1;
    expect_invalid(&frame, VISION_E_FRAME_SIZE, "size");
    frame.height = 0xFFFFFFFFu;
    expect_invalid(&frame, VISION_E_FRAME_SIZE, "size");

    frame = tight_frame(VISION_PIXEL_FORMAT_NV12, 4, 4);
    frame.strides[1] = 3; /* chroma row is 4 bytes */
    expect_invalid(&frame, VISION_E_FRAME_STRIDE, "plane 1 stride 3");
    frame.strides[1] = 0;
    expect_invalid(&frame, VISION_E_FRAME_STRIDE, "stride 0");

    /* Stride x rows over the limit, computed without 32-bit overflow. */
    frame = tight_frame(VISION_PIXEL_FORMAT_GRAY8, 4, 4);
    frame.height = VISION_FRAME_MAX_DIMENSION;
    frame.strides[0] = 0xFFFFFFFFu;
    expect_invalid(&frame, VISION_E_FRAME_STRIDE, "limit");

    frame = tight_frame(VISION_PIXEL_FORMAT_I420, 4, 4);
    frame.planes[2] = NULL;
    expect_invalid(&frame, VISION_E_FRAME_PLANE, "plane 2");
    frame = tight_frame(VISION_PIXEL_FORMAT_BGR, 4, 4);
    frame.planes[1] = pixels;
    expect_invalid(&frame, VISION_E_FRAME_PLANE, "must be NULL");
    frame = tight_frame(VISION_PIXEL_FORMAT_BGR, 4, 4);
    frame.planes[3] = pixels;
    expect_invalid(&frame, VISION_E_FRAME_PLANE, "plane 3");

    frame = tight_frame(VISION_PIXEL_FORMAT_BGR, 4, 4);
    frame.reserved = 1;
    expect_invalid(&frame, VISION_E_INVALID_ARGUMENT, "reserved");
}

static void test_validate_accepts_padding_odd_sizes_and_crops(void **state)
{
    (void)state;
    vision_frame frame = VISION_FRAME_INIT;
    frame.format = VISION_PIXEL_FORMAT_I420;
    frame.width = 3;
    frame.height = 1;
    frame.planes[0] = pixels;
    frame.planes[1] = pixels + 64;
    frame.planes[2] = pixels + 128;
    frame.strides[0] = 3;
    frame.strides[1] = 2; /* ceil(3 / 2) */
    frame.strides[2] = 64;
    assert_int_equal(vision_frame_validate(&frame, NULL, 0), VISION_OK);
    frame.strides[1] = 1; /* truncated chroma width: wrong */
    assert_int_equal(vision_frame_validate(&frame, NULL, 0), VISION_E_FRAME_STRIDE);

    /* A crop: planes offset into a parent frame, parent's strides. */
    vision_frame parent = tight_frame(VISION_PIXEL_FORMAT_BGRX, 16, 16);
    vision_frame crop = parent;
    crop.planes[0] += 4 * 3 + 2 * parent.strides[0];
    crop.width = 5;
    crop.height = 7;
    assert_int_equal(vision_frame_validate(&crop, NULL, 0), VISION_OK);

    /* Every format at 1x1. */
    for (uint32_t f = 1; f < VISION_PIXEL_FORMAT_COUNT; f++) {
        vision_frame one = tight_frame(f, 1, 1);
        assert_int_equal(vision_frame_validate(&one, NULL, 0), VISION_OK);
    }
    /* A NULL detail buffer, and a one-byte one, are fine. */
    char tiny[1] = {'x'};
    frame.format = 0;
    assert_int_equal(vision_frame_validate(&frame, tiny, sizeof tiny), VISION_E_PIXEL_FORMAT);
    assert_int_equal(tiny[0], '\0');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_macro_equals_function),
        cmocka_unit_test(test_layout_is_fixed),
        cmocka_unit_test(test_plane_counts),
        cmocka_unit_test(test_plane_geometry_rounds_chroma_up),
        cmocka_unit_test(test_buffer_size),
        cmocka_unit_test(test_wrap_lays_out_planes),
        cmocka_unit_test(test_names_round_trip),
        cmocka_unit_test(test_validate_rejects_each_bad_input),
        cmocka_unit_test(test_validate_accepts_padding_odd_sizes_and_crops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
