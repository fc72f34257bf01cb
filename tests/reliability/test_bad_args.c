/*
 * Every public function against every class of bad argument: NULL
 * pointers, bad struct versions, out-of-range values, malformed text, bad
 * frames, unknown ids. Each call must return the code docs/errors.md gives,
 * leave a message (vision_last_error(), and the handle's own for handle
 * calls), and leave the handle usable: after the bad calls the same handle
 * processes a good frame. The number of bad inputs tried is printed at the
 * end (docs/errors.md quotes it).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <vision/vision.h>

static int tried;

/* One bad input: the call returns `code` and says why on this thread. */
#define BAD(call, code)                                                                            \
    do {                                                                                           \
        tried++;                                                                                   \
        assert_int_equal((call), (code));                                                          \
        assert_true(vision_last_error()[0] != '\0');                                               \
    } while (0)

/* One bad input that has no code to return (void or pointer results). */
#define BAD_QUIET(expression)                                                                      \
    do {                                                                                           \
        tried++;                                                                                   \
        expression;                                                                                \
    } while (0)

static const vision_crowd_point whole[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};

/* ---- frames ---------------------------------------------------------------- */

#define FW 64
#define FH 48

typedef struct good_frame {
    uint8_t data[FW * FH * 3 / 2];
    vision_frame frame;
} good_frame;

static void good_frame_make(good_frame *g, uint8_t seed)
{
    for (size_t i = 0; i < sizeof g->data; i++)
        g->data[i] = (uint8_t)(seed + (i * 29) % 97);
    vision_frame_init(&g->frame);
    assert_int_equal(
        vision_frame_wrap(&g->frame, VISION_PIXEL_FORMAT_I420, FW, FH, g->data, sizeof g->data),
        VISION_OK);
}

/* The classes of bad frame: each turns a good I420 frame into a bad one. */
typedef struct bad_frame {
    const char *what;
    int code;
    void (*spoil)(vision_frame *frame, uint8_t *spare);
} bad_frame;

static void version_0(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->version = 0;
}
static void version_2(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->version = 2;
}
static void format_0(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->format = 0;
}
static void format_19(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->format = VISION_PIXEL_FORMAT_COUNT;
}
static void format_max(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->format = UINT32_MAX;
}
static void width_0(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->width = 0;
}
static void height_0(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->height = 0;
}
static void width_big(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->width = VISION_FRAME_MAX_DIMENSION + 1;
}
static void height_max(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->height = UINT32_MAX;
}
static void stride_short(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->strides[0] = FW - 1;
}
static void stride_zero(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->strides[1] = 0;
}
static void stride_huge(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->strides[0] = UINT32_MAX;
}
static void plane0_null(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->planes[0] = NULL;
}
static void plane2_null(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->planes[2] = NULL;
}
static void plane3_extra(vision_frame *f, uint8_t *s)
{
    f->planes[3] = s;
    f->strides[3] = FW;
}
static void reserved_set(vision_frame *f, uint8_t *s)
{
    (void)s;
    f->reserved = 1;
}

static const bad_frame bad_frames[] = {
    {"version 0", VISION_E_STRUCT_VERSION, version_0},
    {"version 2", VISION_E_STRUCT_VERSION, version_2},
    {"format UNKNOWN", VISION_E_PIXEL_FORMAT, format_0},
    {"format past the last", VISION_E_PIXEL_FORMAT, format_19},
    {"format UINT32_MAX", VISION_E_PIXEL_FORMAT, format_max},
    {"width 0", VISION_E_FRAME_SIZE, width_0},
    {"height 0", VISION_E_FRAME_SIZE, height_0},
    {"width over the maximum", VISION_E_FRAME_SIZE, width_big},
    {"height UINT32_MAX", VISION_E_FRAME_SIZE, height_max},
    {"stride shorter than a row", VISION_E_FRAME_STRIDE, stride_short},
    {"chroma stride 0", VISION_E_FRAME_STRIDE, stride_zero},
    {"stride x rows over 1 GiB", VISION_E_FRAME_STRIDE, stride_huge},
    {"luma plane NULL", VISION_E_FRAME_PLANE, plane0_null},
    {"chroma plane NULL", VISION_E_FRAME_PLANE, plane2_null},
    {"unused plane set", VISION_E_FRAME_PLANE, plane3_extra},
    {"reserved nonzero", VISION_E_INVALID_ARGUMENT, reserved_set},
};
#define BAD_FRAME_COUNT (sizeof bad_frames / sizeof bad_frames[0])

/* Call `fn` with every bad frame (and NULL); each must give its code. */
typedef int (*frame_call)(void *handle, vision_frame *frame);

static void every_bad_frame(frame_call fn, void *handle, const char *(*last_error)(void *))
{
    static uint8_t spare[FW * FH];
    BAD(fn(handle, NULL), VISION_E_INVALID_ARGUMENT);
    for (size_t i = 0; i < BAD_FRAME_COUNT; i++) {
        good_frame g;
        good_frame_make(&g, (uint8_t)i);
        bad_frames[i].spoil(&g.frame, spare);
        uint8_t before[sizeof g.data];
        memcpy(before, g.data, sizeof before);
        tried++;
        int rc = fn(handle, &g.frame);
        if (rc != bad_frames[i].code)
            fail_msg("%s: got %d, expected %d", bad_frames[i].what, rc, bad_frames[i].code);
        assert_true(vision_last_error()[0] != '\0');
        if (last_error)
            assert_true(last_error(handle)[0] != '\0');
        /* A refused frame is not written to, not even by overlays. */
        assert_memory_equal(before, g.data, sizeof before);
    }
}

static int call_validate(void *handle, vision_frame *frame)
{
    char detail[128];
    (void)handle;
    return vision_frame_validate(frame, detail, sizeof detail);
}

static void test_frame_functions(void **state)
{
    (void)state;
    every_bad_frame(call_validate, NULL, NULL);
    /* Regression: the thread's message is validate's own, not a stale one. */
    vision_crowd_new(NULL, NULL);
    vision_frame stale = VISION_FRAME_INIT;
    char said[128];
    tried++;
    assert_int_equal(vision_frame_validate(&stale, said, sizeof said), VISION_E_PIXEL_FORMAT);
    assert_string_equal(vision_last_error(), said);
    good_frame g;
    good_frame_make(&g, 1);
    /* The detail buffer is optional, and may be tiny. */
    g.frame.width = 0;
    tried += 3;
    assert_int_equal(vision_frame_validate(&g.frame, NULL, 100), VISION_E_FRAME_SIZE);
    char one[1] = {'x'};
    assert_int_equal(vision_frame_validate(&g.frame, one, 0), VISION_E_FRAME_SIZE);
    assert_int_equal(one[0], 'x');
    assert_int_equal(vision_frame_validate(&g.frame, one, 1), VISION_E_FRAME_SIZE);
    assert_int_equal(one[0], '\0');

    uint8_t buffer[64];
    vision_frame f = VISION_FRAME_INIT;
    tried += 9;
    assert_int_equal(vision_frame_wrap(NULL, 1, 8, 8, buffer, sizeof buffer),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_frame_wrap(&f, 1, 8, 8, NULL, sizeof buffer),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_frame_wrap(&f, 1, 8, 9, buffer, sizeof buffer),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_frame_wrap(&f, 0, 8, 8, buffer, sizeof buffer), VISION_E_PIXEL_FORMAT);
    assert_int_equal(vision_frame_wrap(&f, 99, 8, 8, buffer, sizeof buffer), VISION_E_PIXEL_FORMAT);
    assert_int_equal(vision_frame_wrap(&f, 1, 0, 8, buffer, sizeof buffer), VISION_E_FRAME_SIZE);
    assert_int_equal(vision_frame_wrap(&f, 1, 8, 0, buffer, sizeof buffer), VISION_E_FRAME_SIZE);
    assert_int_equal(vision_frame_wrap(&f, 1, 16385, 1, buffer, UINT64_MAX), VISION_E_FRAME_SIZE);
    assert_int_equal(vision_frame_wrap(&f, 1, 8, 8, buffer, 0), VISION_E_INVALID_ARGUMENT);
    /* A failed wrap leaves the descriptor as it was. */
    vision_frame untouched = VISION_FRAME_INIT;
    assert_memory_equal(&f, &untouched, sizeof f);

    tried += 4;
    assert_int_equal(vision_pixel_format_plane_count(0), VISION_E_PIXEL_FORMAT);
    assert_int_equal(vision_pixel_format_plane_count(VISION_PIXEL_FORMAT_COUNT),
                     VISION_E_PIXEL_FORMAT);
    assert_int_equal(vision_pixel_format_plane_count(UINT32_MAX), VISION_E_PIXEL_FORMAT);
    assert_int_equal(vision_pixel_format_plane_count((uint32_t)INT32_MIN), VISION_E_PIXEL_FORMAT);

    uint64_t row = 7;
    uint32_t rows = 7;
    tried += 7;
    assert_int_equal(vision_pixel_format_plane_size(&row, &rows, 0, 8, 8, 0),
                     VISION_E_PIXEL_FORMAT);
    assert_int_equal(vision_pixel_format_plane_size(&row, &rows, 1, 0, 8, 0), VISION_E_FRAME_SIZE);
    assert_int_equal(vision_pixel_format_plane_size(&row, &rows, 1, 8, 16385, 0),
                     VISION_E_FRAME_SIZE);
    assert_int_equal(vision_pixel_format_plane_size(&row, &rows, 1, 8, 8, 1),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_pixel_format_plane_size(&row, &rows, 12, 8, 8, 3),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_pixel_format_plane_size(&row, &rows, 14, 8, 8, UINT32_MAX),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(row, 7);
    assert_int_equal(rows, 7);
    /* NULL outputs are allowed. */
    assert_int_equal(vision_pixel_format_plane_size(NULL, NULL, 12, 8, 8, 1), VISION_OK);

    uint64_t size = 0;
    tried += 5;
    assert_int_equal(vision_pixel_format_buffer_size(NULL, 1, 8, 8), VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_pixel_format_buffer_size(&size, 0, 8, 8), VISION_E_PIXEL_FORMAT);
    assert_int_equal(vision_pixel_format_buffer_size(&size, 1, 0, 8), VISION_E_FRAME_SIZE);
    assert_int_equal(vision_pixel_format_buffer_size(&size, 1, 8, 16385), VISION_E_FRAME_SIZE);
    assert_int_equal(vision_pixel_format_buffer_size(&size, 1, UINT32_MAX, UINT32_MAX),
                     VISION_E_FRAME_SIZE);

    tried += 3;
    assert_null(vision_pixel_format_name(0));
    assert_null(vision_pixel_format_name(VISION_PIXEL_FORMAT_COUNT));
    assert_null(vision_pixel_format_name(UINT32_MAX));
    char long_name[300];
    memset(long_name, 'A', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    tried += 5;
    assert_int_equal(vision_pixel_format_from_name(NULL), VISION_PIXEL_FORMAT_UNKNOWN);
    assert_int_equal(vision_pixel_format_from_name(""), VISION_PIXEL_FORMAT_UNKNOWN);
    assert_int_equal(vision_pixel_format_from_name("I42"), VISION_PIXEL_FORMAT_UNKNOWN);
    assert_int_equal(vision_pixel_format_from_name("I420 "), VISION_PIXEL_FORMAT_UNKNOWN);
    assert_int_equal(vision_pixel_format_from_name(long_name), VISION_PIXEL_FORMAT_UNKNOWN);
    BAD_QUIET(vision_frame_init(NULL));
}

static void test_common_functions(void **state)
{
    (void)state;
    const int codes[] = {1, -17, -1000, INT_MIN, INT_MAX};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        tried++;
        const char *text = vision_strerror(codes[i]);
        assert_non_null(text);
        assert_string_equal(text, "unknown error");
    }
    for (int code = VISION_OK; code >= VISION_E_INTERNAL; code--)
        assert_string_not_equal(vision_strerror(code), "unknown error");
    assert_non_null(vision_last_error());
    assert_true(vision_version() > 0);
    assert_non_null(vision_version_string());
}

/* ---- crowd ------------------------------------------------------------- */

static int crowd_process_call(void *h, vision_frame *f)
{
    return vision_crowd_process(h, f);
}
static int crowd_draw_call(void *h, vision_frame *f)
{
    return vision_crowd_draw(h, f);
}
static const char *crowd_error(void *h)
{
    return vision_crowd_last_error(h);
}

static void crowd_options_bad(void (*spoil)(vision_crowd_options *), int code)
{
    vision_crowd_options o = VISION_CROWD_OPTIONS_INIT;
    spoil(&o);
    vision_crowd *crowd = (vision_crowd *)&o; /* must be overwritten with NULL */
    BAD(vision_crowd_new(&crowd, &o), code);
    assert_null(crowd);
}

#define SPOIL(name, statement)                                                                     \
    static void name(vision_crowd_options *o)                                                      \
    {                                                                                              \
        statement;                                                                                 \
    }
SPOIL(co_version0, o->version = 0)
SPOIL(co_version2, o->version = 2)
SPOIL(co_width1, o->processing_width = 1)
SPOIL(co_width15, o->processing_width = 15)
SPOIL(co_width_big, o->processing_width = VISION_FRAME_MAX_DIMENSION + 1)
SPOIL(co_every0, o->analyse_every = 0)
SPOIL(co_every_big, o->analyse_every = 1001)
SPOIL(co_warm0, o->warmup_frames = 0)
SPOIL(co_warm_big, o->warmup_frames = 10001)
SPOIL(co_fg0, o->foreground_threshold = 0)
SPOIL(co_fg256, o->foreground_threshold = 256)
SPOIL(co_fg_nan, o->foreground_threshold = NAN)
SPOIL(co_motion0, o->motion_threshold = 0.5)
SPOIL(co_motion_inf, o->motion_threshold = INFINITY)
SPOIL(co_global0, o->global_change_fraction = 0)
SPOIL(co_global_big, o->global_change_fraction = 1.01)
SPOIL(co_global_nan, o->global_change_fraction = NAN)
SPOIL(co_bg1, o->background_time = 1)
SPOIL(co_bg_big, o->background_time = 100001)
SPOIL(co_bg_nan, o->background_time = -NAN)
SPOIL(co_fgt1, o->foreground_time = 1.99)
SPOIL(co_fgt_big, o->foreground_time = 1e300)
SPOIL(co_fgt_nan, o->foreground_time = NAN)

static void test_crowd_new(void **state)
{
    (void)state;
    BAD(vision_crowd_new(NULL, NULL), VISION_E_INVALID_ARGUMENT);
    crowd_options_bad(co_version0, VISION_E_STRUCT_VERSION);
    crowd_options_bad(co_version2, VISION_E_STRUCT_VERSION);
    void (*const options[])(vision_crowd_options *) = {
        co_width1,   co_width15,    co_width_big,  co_every0, co_every_big, co_warm0,
        co_warm_big, co_fg0,        co_fg256,      co_fg_nan, co_motion0,   co_motion_inf,
        co_global0,  co_global_big, co_global_nan, co_bg1,    co_bg_big,    co_bg_nan,
        co_fgt1,     co_fgt_big,    co_fgt_nan};
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        crowd_options_bad(options[i], VISION_E_OPTION);
    BAD_QUIET(vision_crowd_options_init(NULL));
    BAD_QUIET(vision_crowd_region_config_init(NULL));
    BAD_QUIET(vision_crowd_event_init(NULL));
    BAD_QUIET(vision_crowd_result_init(NULL));
    tried += 3;
    assert_int_equal(vision_crowd_free(NULL), VISION_OK);
    assert_string_equal(vision_crowd_last_error(NULL), "");
    assert_null(vision_crowd_region_config_name(UINT32_MAX));
}

static void test_crowd_region_config_set(void **state)
{
    (void)state;
    /* Every byte set, padding included, so that memcmp compares. */
    vision_crowd_region_config c, original;
    vision_crowd_region_config_init(&c);
    vision_crowd_region_config_init(&original);
    BAD(vision_crowd_region_config_set(NULL, "deadBand", "1"), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_region_config_set(&c, NULL, "1"), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_region_config_set(&c, "dead_band", NULL), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_region_config_set(&c, "", "1"), VISION_E_NOT_FOUND);
    BAD(vision_crowd_region_config_set(&c, "noSuchField", "1"), VISION_E_NOT_FOUND);
    BAD(vision_crowd_region_config_set(&c, "occupancylevelmin", "1"), VISION_E_NOT_FOUND);
    BAD(vision_crowd_region_config_set(&c, "version", "1"), VISION_E_NOT_FOUND);
    const char *numbers[] = {"", "abc", "1x", "1,5", "--1", " ", "0x", "1e"};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        BAD(vision_crowd_region_config_set(&c, "occupancyLevelMin", numbers[i]),
            VISION_E_INVALID_ARGUMENT);
    const char *whole_numbers[] = {"1.5", "abc", "", "99999999999999999999"};
    for (size_t i = 0; i < sizeof whole_numbers / sizeof whole_numbers[0]; i++)
        BAD(vision_crowd_region_config_set(&c, "occupancyNumFramesToEvent", whole_numbers[i]),
            VISION_E_INVALID_ARGUMENT);
    const char *booleans[] = {"yes", "2", "", "truex"};
    for (size_t i = 0; i < sizeof booleans / sizeof booleans[0]; i++)
        BAD(vision_crowd_region_config_set(&c, "sendOpticalFlowEvent", booleans[i]),
            VISION_E_INVALID_ARGUMENT);
    assert_memory_equal(&c, &original, sizeof c); /* failures change nothing */
    c.version = 0;
    BAD(vision_crowd_region_config_set(&c, "deadBand", "1"), VISION_E_STRUCT_VERSION);
    c.version = 2;
    BAD(vision_crowd_region_config_set(&c, "deadBand", "1"), VISION_E_STRUCT_VERSION);
}

static vision_crowd *crowd_with_region(void)
{
    vision_crowd *crowd = NULL;
    assert_int_equal(vision_crowd_new(&crowd, NULL), VISION_OK);
    assert_int_equal(vision_crowd_add_region(crowd, "all", whole, 4, NULL), VISION_OK);
    return crowd;
}

/* The handle processes a good frame and still has exactly `regions` regions. */
static void crowd_still_usable(vision_crowd *crowd, size_t regions)
{
    good_frame g;
    good_frame_make(&g, 7);
    assert_int_equal(vision_crowd_process(crowd, &g.frame), VISION_OK);
    size_t count = 99;
    assert_int_equal(vision_crowd_region_count(&count, crowd), VISION_OK);
    assert_int_equal(count, regions);
    vision_crowd_result r = VISION_CROWD_RESULT_INIT;
    assert_int_equal(vision_crowd_get_result(&r, crowd, "all"), VISION_OK);
    assert_int_equal(r.valid, 1);
}

/* A config with one value out of range. */
static vision_crowd_region_config config_with(int which)
{
    vision_crowd_region_config c = VISION_CROWD_REGION_CONFIG_INIT;
    switch (which) {
    case 0:
        c.occupancy_level_min = -1;
        break;
    case 1:
        c.occupancy_level_max = 101;
        break;
    case 2:
        c.occupancy_level_med = 5;
        break; /* below min */
    case 3:
        c.fluidity_level_min = NAN;
        break;
    case 4:
        c.fluidity_level_max = INFINITY;
        break;
    case 5:
        c.occupancy_num_frames_to_event = 0;
        break;
    case 6:
        c.fluidity_num_frames_to_event = -5;
        break;
    case 7:
        c.optical_flow_num_frames_to_event = 0;
        break;
    case 8:
        c.optical_flow_num_frames_to_reset = INT32_MIN;
        break;
    case 9:
        c.send_optical_flow_event = 2;
        break;
    case 10:
        c.optical_flow_angle_offset = NAN;
        break;
    case 11:
        c.optical_flow_angle_offset = -INFINITY;
        break;
    case 12:
        c.dead_band = -0.1;
        break;
    case 13:
        c.dead_band = 51;
        break;
    case 14:
        c.cooldown_frames = -1;
        break;
    case 15:
        c.direction_sectors = 6;
        break;
    case 16:
        c.direction_sectors = -8;
        break;
    case 17:
        c.min_motion = -1;
        break;
    case 18:
        c.min_motion = NAN;
        break;
    default:
        c.min_motion = INFINITY;
        break;
    }
    return c;
}
#define BAD_CONFIG_COUNT 20

static void test_crowd_regions(void **state)
{
    (void)state;
    vision_crowd *crowd = crowd_with_region();
    const vision_crowd_point tri[3] = {{0.1, 0.1}, {0.9, 0.1}, {0.5, 0.9}};
    BAD(vision_crowd_add_region(NULL, "x", tri, 3, NULL), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_add_region(crowd, NULL, tri, 3, NULL), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_add_region(crowd, "x", NULL, 3, NULL), VISION_E_INVALID_ARGUMENT);
    /* Ids. */
    char long_id[VISION_CROWD_REGION_ID_MAX + 2];
    memset(long_id, 'a', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    const char *ids[] = {"", long_id, "tab\there", "new\nline", "del\x7f"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        BAD(vision_crowd_add_region(crowd, ids[i], tri, 3, NULL), VISION_E_REGION);
    BAD(vision_crowd_add_region(crowd, "all", tri, 3, NULL), VISION_E_EXISTS);
    /* Polygons. */
    const vision_crowd_point bad_points[][3] = {
        {{NAN, 0.1}, {0.9, 0.1}, {0.5, 0.9}},      {{0.1, NAN}, {0.9, 0.1}, {0.5, 0.9}},
        {{INFINITY, 0}, {0.9, 0.1}, {0.5, 0.9}},   {{-0.01, 0.1}, {0.9, 0.1}, {0.5, 0.9}},
        {{0.1, 0.1}, {1.01, 0.1}, {0.5, 0.9}},     {{0.1, 0.1}, {0.9, 0.1}, {0.5, 1e300}},
        {{0.1, 0.1}, {0.5, 0.5}, {0.9, 0.9}},      /* collinear: no area */
        {{0.2, 0.2}, {0.2, 0.2}, {0.2, 0.2}},      /* one point thrice */
        {{0.5, 0.5}, {0.5001, 0.5}, {0.5, 0.5001}} /* smaller than a millionth */
    };
    for (size_t i = 0; i < sizeof bad_points / sizeof bad_points[0]; i++) {
        BAD(vision_crowd_add_region(crowd, "x", bad_points[i], 3, NULL), VISION_E_REGION);
        BAD(vision_crowd_update_region(crowd, "all", bad_points[i], 3, NULL), VISION_E_REGION);
    }
    for (size_t n = 0; n < 3; n++) {
        BAD(vision_crowd_add_region(crowd, "x", tri, n, NULL), VISION_E_REGION);
        BAD(vision_crowd_update_region(crowd, "all", tri, n, NULL), VISION_E_REGION);
    }
    BAD(vision_crowd_add_region(crowd, "x", tri, (size_t)100001, NULL), VISION_E_REGION);
    BAD(vision_crowd_add_region(crowd, "x", tri, SIZE_MAX, NULL), VISION_E_REGION);
    /* Configs. */
    vision_crowd_region_config c = VISION_CROWD_REGION_CONFIG_INIT;
    c.version = 0;
    BAD(vision_crowd_add_region(crowd, "x", tri, 3, &c), VISION_E_STRUCT_VERSION);
    BAD(vision_crowd_update_region(crowd, "all", NULL, 0, &c), VISION_E_STRUCT_VERSION);
    c.version = 2;
    BAD(vision_crowd_add_region(crowd, "x", tri, 3, &c), VISION_E_STRUCT_VERSION);
    for (int i = 0; i < BAD_CONFIG_COUNT; i++) {
        c = config_with(i);
        BAD(vision_crowd_add_region(crowd, "x", tri, 3, &c), VISION_E_OPTION);
        BAD(vision_crowd_update_region(crowd, "all", tri, 3, &c), VISION_E_OPTION);
    }
    /* Update, remove, count. */
    BAD(vision_crowd_update_region(NULL, "all", tri, 3, NULL), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_update_region(crowd, NULL, tri, 3, NULL), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_update_region(crowd, "", tri, 3, NULL), VISION_E_REGION);
    BAD(vision_crowd_update_region(crowd, "nope", tri, 3, NULL), VISION_E_NOT_FOUND);
    BAD(vision_crowd_remove_region(NULL, "all"), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_remove_region(crowd, NULL), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_remove_region(crowd, "nope"), VISION_E_NOT_FOUND);
    BAD(vision_crowd_remove_region(crowd, ""), VISION_E_NOT_FOUND);
    size_t count;
    BAD(vision_crowd_region_count(NULL, crowd), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_region_count(&count, NULL), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_set_callback(NULL, NULL, NULL), VISION_E_INVALID_ARGUMENT);
    assert_true(vision_crowd_last_error(crowd)[0] != '\0');
    crowd_still_usable(crowd, 1);
    /* The failed updates left the polygon alone: the region still covers
     * the whole frame. */
    vision_crowd_result r = VISION_CROWD_RESULT_INIT;
    assert_int_equal(vision_crowd_get_result(&r, crowd, "all"), VISION_OK);
    assert_int_equal(r.region_pixels, 64 * 48);
    assert_int_equal(vision_crowd_free(crowd), VISION_OK);
}

static void test_crowd_frames_and_results(void **state)
{
    (void)state;
    vision_crowd *crowd = crowd_with_region();
    BAD(vision_crowd_process(NULL, NULL), VISION_E_INVALID_ARGUMENT);
    every_bad_frame(crowd_process_call, crowd, crowd_error);
    crowd_still_usable(crowd, 1);
    good_frame g;
    good_frame_make(&g, 3);
    BAD(vision_crowd_draw(NULL, &g.frame), VISION_E_INVALID_ARGUMENT);
    every_bad_frame(crowd_draw_call, crowd, crowd_error);
    /* Formats the overlay does not draw into. */
    const uint32_t undrawable[] = {VISION_PIXEL_FORMAT_GRAY8, VISION_PIXEL_FORMAT_GRAY16_LE,
                                   VISION_PIXEL_FORMAT_YUY2, VISION_PIXEL_FORMAT_NV21};
    static uint8_t pixels[FW * FH * 2];
    for (size_t i = 0; i < sizeof undrawable / sizeof undrawable[0]; i++) {
        vision_frame f = VISION_FRAME_INIT;
        assert_int_equal(vision_frame_wrap(&f, undrawable[i], FW, FH, pixels, sizeof pixels),
                         VISION_OK);
        BAD(vision_crowd_draw(crowd, &f), VISION_E_PIXEL_FORMAT);
    }
    vision_crowd_result r = VISION_CROWD_RESULT_INIT;
    BAD(vision_crowd_get_result(NULL, crowd, "all"), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_get_result(&r, NULL, "all"), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_get_result(&r, crowd, NULL), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_get_result(&r, crowd, "nope"), VISION_E_NOT_FOUND);
    BAD(vision_crowd_get_result_at(NULL, crowd, 0), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_get_result_at(&r, NULL, 0), VISION_E_INVALID_ARGUMENT);
    BAD(vision_crowd_get_result_at(&r, crowd, 1), VISION_E_NOT_FOUND);
    BAD(vision_crowd_get_result_at(&r, crowd, SIZE_MAX), VISION_E_NOT_FOUND);
    const uint32_t versions[] = {0, 2, UINT32_MAX};
    for (size_t i = 0; i < 3; i++) {
        vision_crowd_result v = VISION_CROWD_RESULT_INIT;
        v.version = versions[i];
        BAD(vision_crowd_get_result(&v, crowd, "all"), VISION_E_STRUCT_VERSION);
        BAD(vision_crowd_get_result_at(&v, crowd, 0), VISION_E_STRUCT_VERSION);
    }
    crowd_still_usable(crowd, 1);
    assert_int_equal(vision_crowd_free(crowd), VISION_OK);
}

/* ---- plate ------------------------------------------------------------- */

static int plate_process_call(void *h, vision_frame *f)
{
    return vision_plate_process(h, f);
}
static int plate_draw_call(void *h, vision_frame *f)
{
    return vision_plate_draw(h, f);
}
static const char *plate_error(void *h)
{
    return vision_plate_last_error(h);
}

static void plate_options_bad(int which, int code)
{
    vision_plate_options o = VISION_PLATE_OPTIONS_INIT;
    switch (which) {
    case 0:
        o.version = 0;
        break;
    case 1:
        o.version = 2;
        break;
    case 2:
        o.countries = 0;
        break;
    case 3:
        o.countries = 0x8;
        break;
    case 4:
        o.countries = 0xffffffffu;
        break;
    case 5:
        o.mode = 2;
        break;
    case 6:
        o.mode = -1;
        break;
    case 7:
        o.top_n = 0;
        break;
    case 8:
        o.top_n = VISION_PLATE_MAX_CANDIDATES + 1;
        break;
    case 9:
        o.min_confidence = -0.01;
        break;
    case 10:
        o.min_confidence = 1.01;
        break;
    case 11:
        o.min_confidence = NAN;
        break;
    case 12:
        o.min_plate_width = -1;
        break;
    case 13:
        o.max_plate_width = (int32_t)VISION_FRAME_MAX_DIMENSION + 1;
        break;
    case 14:
        o.min_plate_width = 200;
        o.max_plate_width = 100;
        break;
    case 15:
        o.analysis_width = -1;
        break;
    case 16:
        o.analysis_width = 63;
        break;
    case 17:
        o.analysis_width = (int32_t)VISION_FRAME_MAX_DIMENSION + 1;
        break;
    case 18:
        o.reread_interval = 0;
        break;
    case 19:
        o.reread_interval = 1001;
        break;
    case 20:
        o.track_timeout = 0;
        break;
    case 21:
        o.track_timeout = 1001;
        break;
    case 22:
        o.scan_interval = 0;
        break;
    case 23:
        o.scan_interval = 101;
        break;
    case 24:
        o.reserved = 1;
        break;
    /* Regions of interest. */
    case 25:
        o.roi_point_count = 1;
        break;
    case 26:
        o.roi_point_count = 2;
        break;
    case 27:
        o.roi_point_count = VISION_PLATE_ROI_MAX_POINTS + 1;
        break;
    case 28:
        o.roi_point_count = UINT32_MAX;
        break;
    case 29: /* NaN point */
        o.roi_point_count = 3;
        o.roi[0] = NAN, o.roi[2] = 1, o.roi[5] = 1;
        break;
    case 30: /* outside 0..1 */
        o.roi_point_count = 3;
        o.roi[0] = -0.5, o.roi[2] = 1, o.roi[5] = 1;
        break;
    case 31: /* zero area */
        o.roi_point_count = 3;
        o.roi[2] = 0.5, o.roi[3] = 0.5, o.roi[4] = 1, o.roi[5] = 1;
        break;
    /* OCR data. */
    case 32:
        o.ocr_data_path = "/nonexistent/tessdata";
        break;
    case 33:
        o.ocr_data_path = "/etc/hostname";
        break; /* a file, not a directory */
    default:
        o.ocr_data_path = "";
        break;
    }
    vision_plate *plate = (vision_plate *)&o;
    BAD(vision_plate_new(&plate, &o), code);
    assert_null(plate);
}

static void test_plate_new(void **state)
{
    (void)state;
    BAD(vision_plate_new(NULL, NULL), VISION_E_INVALID_ARGUMENT);
    plate_options_bad(0, VISION_E_STRUCT_VERSION);
    plate_options_bad(1, VISION_E_STRUCT_VERSION);
    for (int i = 2; i <= 24; i++)
        plate_options_bad(i, VISION_E_OPTION);
    for (int i = 25; i <= 31; i++)
        plate_options_bad(i, VISION_E_REGION);
    for (int i = 32; i <= 34; i++)
        plate_options_bad(i, VISION_E_OCR_DATA);

    uint32_t countries = 0x55;
    BAD(vision_plate_countries_parse(NULL, "us"), VISION_E_INVALID_ARGUMENT);
    BAD(vision_plate_countries_parse(&countries, NULL), VISION_E_INVALID_ARGUMENT);
    const char *lists[] = {
        "",    " ",     ",",    "xx",  "us,xx",
        "usa", "eu;br", "allx", "u s", "averyveryverylongcountrynamethatgoesonandon"};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        BAD(vision_plate_countries_parse(&countries, lists[i]), VISION_E_OPTION);
    assert_int_equal(countries, 0x55); /* unchanged on failure */

    BAD_QUIET(vision_plate_options_init(NULL));
    BAD_QUIET(vision_plate_result_init(NULL));
    BAD_QUIET(vision_plate_event_init(NULL));
    assert_int_equal(vision_plate_free(NULL), VISION_OK);
    tried += 2;
    assert_string_equal(vision_plate_last_error(NULL), "no handle");
    assert_int_equal(vision_plate_result_count(NULL), 0);
}

static void test_plate_handle(void **state)
{
    (void)state;
    vision_plate *plate = NULL;
    assert_int_equal(vision_plate_new(&plate, NULL), VISION_OK);
    BAD(vision_plate_set_callback(NULL, NULL, NULL), VISION_E_INVALID_ARGUMENT);
    BAD(vision_plate_process(NULL, NULL), VISION_E_INVALID_ARGUMENT);
    BAD(vision_plate_flush(NULL), VISION_E_INVALID_ARGUMENT);
    every_bad_frame(plate_process_call, plate, plate_error);
    good_frame g;
    good_frame_make(&g, 9);
    BAD(vision_plate_draw(NULL, &g.frame), VISION_E_INVALID_ARGUMENT);
    every_bad_frame(plate_draw_call, plate, plate_error);

    vision_plate_result r = VISION_PLATE_RESULT_INIT;
    BAD(vision_plate_get_result(NULL, plate, 0), VISION_E_INVALID_ARGUMENT);
    BAD(vision_plate_get_result(&r, NULL, 0), VISION_E_INVALID_ARGUMENT);
    BAD(vision_plate_get_result(&r, plate, 0), VISION_E_INVALID_ARGUMENT);
    BAD(vision_plate_get_result(&r, plate, UINT32_MAX), VISION_E_INVALID_ARGUMENT);
    r.version = 0;
    BAD(vision_plate_get_result(&r, plate, 0), VISION_E_STRUCT_VERSION);
    r.version = 2;
    BAD(vision_plate_get_result(&r, plate, 0), VISION_E_STRUCT_VERSION);

    /* Still usable. */
    assert_int_equal(vision_plate_process(plate, &g.frame), VISION_OK);
    assert_int_equal(vision_plate_draw(plate, &g.frame), VISION_OK);
    assert_int_equal(vision_plate_flush(plate), VISION_OK);
    vision_plate_free(plate);
}

static int print_total(void **state)
{
    (void)state;
    printf("bad inputs tried: %d\n", tried);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_common_functions), cmocka_unit_test(test_frame_functions),
        cmocka_unit_test(test_crowd_new),        cmocka_unit_test(test_crowd_region_config_set),
        cmocka_unit_test(test_crowd_regions),    cmocka_unit_test(test_crowd_frames_and_results),
        cmocka_unit_test(test_plate_new),        cmocka_unit_test(test_plate_handle),
    };
    return cmocka_run_group_tests(tests, NULL, print_total);
}
