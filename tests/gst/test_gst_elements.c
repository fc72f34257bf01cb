/*
 * GstHarness tests of the visioncrowd and visionplate elements: caps for
 * every pixel format, passthrough without copies, in-place overlay, the bus
 * messages (names, fields, timestamps), region-of-interest metas on plate
 * buffers, property round-trips and bad property values.
 *
 * The plugin is found through GST_PLUGIN_PATH (set by meson test).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gst/check/gstharness.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#include <vision/vision.h>

#include "crowd_scene.h"
#include "plate_synth.h"
#include "plate_texts.h"

#define FRAME_NS (40 * GST_MSECOND)

static const char *const all_formats[] = {"GRAY8", "RGB",  "BGR",  "RGBA", "BGRA", "ARGB",
                                          "ABGR",  "RGBx", "BGRx", "xRGB", "xBGR", "I420",
                                          "YV12",  "NV12", "NV21", "YUY2", "UYVY", "GRAY16_LE"};

/* --- helpers ----------------------------------------------------------------- */

static gchar *caps_string(const char *format, int width, int height)
{
    return g_strdup_printf("video/x-raw,format=%s,width=%d,height=%d,framerate=25/1", format, width,
                           height);
}

/* A harness around an element made beforehand (so that properties can be set
 * before it starts), with a bus to read its messages from. */
static GstHarness *harness_for(GstElement *element, const char *format, int width, int height,
                               GstBus **bus)
{
    *bus = gst_bus_new();
    gst_element_set_bus(element, *bus);
    GstHarness *h = gst_harness_new_with_element(element, "sink", "src");
    gst_object_unref(element); /* the harness holds its own reference */
    gchar *caps = caps_string(format, width, height);
    gst_harness_set_src_caps_str(h, caps);
    g_free(caps);
    return h;
}

static void harness_free(GstHarness *h, GstBus *bus)
{
    gst_harness_teardown(h);
    /* Drop the queued messages: they hold the element, which holds the bus. */
    gst_bus_set_flushing(bus, TRUE);
    gst_object_unref(bus);
}

/* A buffer of `format` holding a gray picture (laid out as GstVideoInfo says). */
static GstBuffer *buffer_from_gray(const char *format, const uint8_t *gray, int width, int height,
                                   guint64 index)
{
    GstVideoInfo info;
    gst_video_info_set_format(&info, gst_video_format_from_string(format), (guint)width,
                              (guint)height);
    uint32_t vformat = vision_pixel_format_from_name(format);
    uint64_t size = 0;
    assert_int_equal(
        vision_pixel_format_buffer_size(&size, vformat, (uint32_t)width, (uint32_t)height),
        VISION_OK);
    uint8_t *tight = g_malloc(size);
    vision_frame vf;
    assert_int_equal(scene_frame(&vf, tight, size, vformat, gray, width, height), VISION_OK);

    GstBuffer *buffer = gst_buffer_new_allocate(NULL, GST_VIDEO_INFO_SIZE(&info), NULL);
    GstVideoFrame frame;
    assert_true(gst_video_frame_map(&frame, &info, buffer, GST_MAP_WRITE));
    int planes = vision_pixel_format_plane_count(vformat);
    assert_int_equal(planes, (int)GST_VIDEO_FRAME_N_PLANES(&frame));
    for (int p = 0; p < planes; p++) {
        uint64_t row = 0;
        uint32_t rows = 0;
        vision_pixel_format_plane_size(&row, &rows, vformat, (uint32_t)width, (uint32_t)height,
                                       (uint32_t)p);
        for (uint32_t y = 0; y < rows; y++)
            memcpy((uint8_t *)GST_VIDEO_FRAME_PLANE_DATA(&frame, p) +
                       (size_t)y * GST_VIDEO_FRAME_PLANE_STRIDE(&frame, p),
                   vf.planes[p] + (size_t)y * vf.strides[p], row);
    }
    gst_video_frame_unmap(&frame);
    g_free(tight);
    GST_BUFFER_PTS(buffer) = index * FRAME_NS;
    GST_BUFFER_DURATION(buffer) = FRAME_NS;
    return buffer;
}

/* Pop every element message of the bus into a list (caller frees with
 * g_list_free_full(list, (GDestroyNotify)gst_message_unref)). */
static GList *element_messages(GstBus *bus)
{
    GList *list = NULL;
    GstMessage *m;
    while ((m = gst_bus_pop_filtered(bus, GST_MESSAGE_ELEMENT)))
        list = g_list_append(list, m);
    return list;
}

static const GstStructure *find_message(GList *list, const char *name, const char *roi)
{
    for (GList *l = list; l; l = l->next) {
        const GstStructure *s = gst_message_get_structure(l->data);
        if (gst_structure_has_name(s, name) &&
            (!roi || !g_strcmp0(gst_structure_get_string(s, "roi"), roi)))
            return s;
    }
    return NULL;
}

static GstMessage *pop_error(GstBus *bus)
{
    return gst_bus_pop_filtered(bus, GST_MESSAGE_ERROR);
}

static gchar *error_text(GstMessage *m)
{
    GError *error = NULL;
    gchar *debug = NULL;
    gst_message_parse_error(m, &error, &debug);
    gchar *text = g_strdup_printf("%s | %s", error->message, debug ? debug : "");
    g_error_free(error);
    g_free(debug);
    return text;
}

/* --- caps and passthrough ------------------------------------------------------ */

static void test_caps_every_format(void **state)
{
    (void)state;
    const char *elements[] = {"visioncrowd", "visionplate"};
    const int sizes[][2] = {{64, 48}, {63, 47}}; /* odd sizes too: GStreamer pads the strides */
    uint8_t gray[64 * 48];
    memset(gray, 90, sizeof gray);
    for (size_t e = 0; e < G_N_ELEMENTS(elements); e++) {
        for (size_t f = 0; f < G_N_ELEMENTS(all_formats); f++) {
            for (size_t z = 0; z < G_N_ELEMENTS(sizes); z++) {
                int w = sizes[z][0], hgt = sizes[z][1];
                GstBus *bus;
                GstHarness *h = harness_for(gst_element_factory_make(elements[e], NULL),
                                            all_formats[f], w, hgt, &bus);
                GstBuffer *in = buffer_from_gray(all_formats[f], gray, w, hgt, 0);
                assert_int_equal(gst_harness_push(h, in), GST_FLOW_OK);
                GstBuffer *out = gst_harness_pull(h);
                /* Passthrough: the very buffer that went in. */
                assert_ptr_equal(out, in);
                gst_buffer_unref(out);
                GstCaps *caps = gst_pad_get_current_caps(h->sinkpad);
                assert_non_null(caps);
                GstStructure *s = gst_caps_get_structure(caps, 0);
                assert_string_equal(gst_structure_get_string(s, "format"), all_formats[f]);
                int cw = 0, ch = 0;
                assert_true(gst_structure_get_int(s, "width", &cw));
                assert_true(gst_structure_get_int(s, "height", &ch));
                assert_int_equal(cw, w);
                assert_int_equal(ch, hgt);
                gst_caps_unref(caps);
                GstMessage *error = pop_error(bus);
                if (error)
                    fail_msg("%s %s %dx%d: %s", elements[e], all_formats[f], w, hgt,
                             error_text(error));
                harness_free(h, bus);
            }
        }
    }
}

static void test_caps_refuse_other_formats(void **state)
{
    (void)state;
    GstHarness *h = gst_harness_new("visioncrowd");
    GstCaps *caps = gst_caps_from_string("video/x-raw,format=v210,width=64,height=48");
    assert_false(gst_pad_query_accept_caps(h->srcpad, caps) &&
                 gst_pad_peer_query_accept_caps(h->srcpad, caps));
    gst_caps_unref(caps);
    gst_harness_teardown(h);
}

static void test_passthrough_and_overlay(void **state)
{
    (void)state;
    uint8_t gray[320 * 240];
    memset(gray, 60, sizeof gray);

    /* Overlay off: the buffer goes through untouched even when someone else
     * holds it (a tee upstream): no copy of the buffer or its memory. */
    GstBus *bus;
    GstHarness *h =
        harness_for(gst_element_factory_make("visioncrowd", NULL), "I420", 320, 240, &bus);
    assert_true(gst_base_transform_is_passthrough(GST_BASE_TRANSFORM(h->element)));
    GstBuffer *in = buffer_from_gray("I420", gray, 320, 240, 0);
    gst_buffer_ref(in);
    assert_int_equal(gst_harness_push(h, in), GST_FLOW_OK);
    GstBuffer *out = gst_harness_pull(h);
    assert_ptr_equal(out, in);
    gst_buffer_unref(out);
    gst_buffer_unref(in);

    /* Overlay on: drawn in place into the same buffer (the region outline of
     * the whole-frame region changes pixels). */
    g_object_set(h->element, "overlay", TRUE, NULL);
    assert_false(gst_base_transform_is_passthrough(GST_BASE_TRANSFORM(h->element)));
    gboolean debug_info = FALSE;
    g_object_get(h->element, "show-debug-info", &debug_info, NULL);
    assert_true(debug_info);
    in = buffer_from_gray("I420", gray, 320, 240, 1);
    GstMapInfo before;
    assert_true(gst_buffer_map(in, &before, GST_MAP_READ));
    const guint8 *data = before.data;
    gst_buffer_unmap(in, &before);
    assert_int_equal(gst_harness_push(h, in), GST_FLOW_OK);
    out = gst_harness_pull(h);
    assert_ptr_equal(out, in);
    GstMapInfo after;
    assert_true(gst_buffer_map(out, &after, GST_MAP_READ));
    assert_ptr_equal(after.data, data); /* same memory, written in place */
    size_t changed = 0;
    for (size_t i = 0; i < 320 * 240; i++)
        changed += after.data[i] != after.data[320 * 120 + 160]; /* differs from the centre */
    assert_true(changed > 100);
    gst_buffer_unmap(out, &after);
    gst_buffer_unref(out);

    /* Back off: passthrough again. */
    g_object_set(h->element, "show-debug-info", FALSE, NULL);
    assert_true(gst_base_transform_is_passthrough(GST_BASE_TRANSFORM(h->element)));
    assert_null(pop_error(bus));
    harness_free(h, bus);
}

/* The crowd overlay does not draw on GRAY8: one warning, the stream goes on. */
static void test_overlay_unsupported_format(void **state)
{
    (void)state;
    GstElement *e = gst_element_factory_make("visioncrowd", NULL);
    g_object_set(e, "overlay", TRUE, NULL);
    GstBus *bus;
    GstHarness *h = harness_for(e, "GRAY8", 64, 48, &bus);
    uint8_t gray[64 * 48];
    memset(gray, 70, sizeof gray);
    for (int f = 0; f < 3; f++) {
        assert_int_equal(gst_harness_push(h, buffer_from_gray("GRAY8", gray, 64, 48, (guint64)f)),
                         GST_FLOW_OK);
        gst_buffer_unref(gst_harness_pull(h));
    }
    GstMessage *w = gst_bus_pop_filtered(bus, GST_MESSAGE_WARNING);
    assert_non_null(w);
    gst_message_unref(w);
    assert_null(gst_bus_pop_filtered(bus, GST_MESSAGE_WARNING)); /* once only */
    assert_null(pop_error(bus));
    harness_free(h, bus);
}

/* --- crowd messages --------------------------------------------------------------- */

/* Push `frames` frames of a scene where a still block fills the left half's
 * lower 60% from frame `from` on. */
static void run_crowd_flags(GstHarness *h, const char *format, int frames, int from,
                            GstBufferFlags flags)
{
    scene s;
    assert_int_equal(scene_init(&s, 320, 240, 5), 0);
    s.noise = 2;
    uint8_t *gray = g_malloc(320 * 240);
    for (int f = 0; f < frames; f++) {
        if (f == from) {
            s.blob_count = 1;
            s.blobs[0] = (scene_blob){0, 0.4, 0.5, 0.6, 0, 0, 77, 0};
        }
        scene_render(&s, gray, 320, NULL);
        scene_step(&s);
        GstBuffer *buffer = buffer_from_gray(format, gray, 320, 240, (guint64)f);
        GST_BUFFER_FLAG_SET(buffer, flags);
        assert_int_equal(gst_harness_push(h, buffer), GST_FLOW_OK);
        gst_buffer_unref(gst_harness_pull(h));
    }
    g_free(gray);
    scene_release(&s);
}

static void run_crowd(GstHarness *h, const char *format, int frames, int from)
{
    run_crowd_flags(h, format, frames, from, 0);
}

static GstElement *crowd_element(void)
{
    GstElement *e = gst_element_factory_make("visioncrowd", NULL);
    assert_non_null(e);
    GValue rois = G_VALUE_INIT, v = G_VALUE_INIT;
    g_value_init(&rois, GST_TYPE_ARRAY);
    g_value_init(&v, G_TYPE_STRING);
    g_value_set_string(&v, "left=0,0;0.5,0;0.5,1;0,1");
    gst_value_array_append_value(&rois, &v);
    g_value_set_string(&v, "right=0.5,0;1,0;1,1;0.5,1");
    gst_value_array_append_value(&rois, &v);
    g_object_set_property(G_OBJECT(e), "rois", &rois);
    g_value_unset(&v);
    g_value_unset(&rois);
    g_object_set(e, "warmup-frames", 3, "occupancy-num-frames-to-event", 2, NULL);
    return e;
}

static void test_crowd_occupancy_messages(void **state)
{
    (void)state;
    const char *formats[] = {"I420", "NV12", "BGRx", "GRAY8"};
    for (size_t i = 0; i < G_N_ELEMENTS(formats); i++) {
        GstBus *bus;
        GstHarness *h = harness_for(crowd_element(), formats[i], 320, 240, &bus);
        g_object_set(h->element, "post-results", TRUE, NULL);
        run_crowd(h, formats[i], 20, 8);
        GList *messages = element_messages(bus);
        const GstStructure *s = find_message(messages, "occupancy-event", "left");
        assert_non_null(s);
        double percentage = 0;
        int level = -1;
        guint64 pts = 0, running = 0, index = 0;
        assert_true(gst_structure_get(s, "occupancy_percentage", G_TYPE_DOUBLE, &percentage,
                                      "occupancy_level", G_TYPE_INT, &level, "pts", G_TYPE_UINT64,
                                      &pts, "running-time", G_TYPE_UINT64, &running, "frame-index",
                                      G_TYPE_UINT64, &index, NULL));
        print_message("%s: %s\n", formats[i], gst_structure_to_string(s));
        assert_true(percentage > 45 && percentage < 75);
        assert_int_equal(level, 2);
        /* Two frames to event: the block appeared on frame 8, the event comes on frame 9. */
        assert_int_equal(index, 9);
        assert_int_equal(pts, 9 * FRAME_NS);
        assert_int_equal(running, 9 * FRAME_NS); /* segment from 0 */
        assert_null(find_message(messages, "occupancy-event", "right"));
        /* Per-frame results for both regions. */
        const GstStructure *r = find_message(messages, "crowd-result", "right");
        assert_non_null(r);
        assert_true(gst_structure_has_field(r, "fluidity_percentage"));
        g_list_free_full(messages, (GDestroyNotify)gst_message_unref);
        assert_null(pop_error(bus));
        harness_free(h, bus);
    }
}

/* Every buffer flagged DISCONT: by default each one restarts the warm-up, so
 * no event ever comes; with reset-on-discont=false the flag is ignored. */
static void test_crowd_discont(void **state)
{
    (void)state;
    for (int reset = 1; reset >= 0; reset--) {
        GstElement *e = crowd_element();
        g_object_set(e, "reset-on-discont", reset, NULL);
        GstBus *bus;
        GstHarness *h = harness_for(e, "I420", 320, 240, &bus);
        run_crowd_flags(h, "I420", 20, 8, GST_BUFFER_FLAG_DISCONT);
        GList *messages = element_messages(bus);
        if (reset)
            assert_null(find_message(messages, "occupancy-event", "left"));
        else
            assert_non_null(find_message(messages, "occupancy-event", "left"));
        g_list_free_full(messages, (GDestroyNotify)gst_message_unref);
        harness_free(h, bus);
    }
}

static void test_crowd_kurento_structure(void **state)
{
    (void)state;
    /* kms-crowddetector's shape: points, then a config with the id and fields. */
    GstStructure *rois;
    {
        GstStructure *roi = gst_structure_new_empty("roi0");
        const double pts[4][2] = {{0, 0}, {0.5, 0}, {0.5, 1}, {0, 1}};
        for (int i = 0; i < 4; i++) {
            gchar *name = g_strdup_printf("point%d", i);
            GstStructure *p = gst_structure_new("p", "x", G_TYPE_FLOAT, (float)pts[i][0], "y",
                                                G_TYPE_FLOAT, (float)pts[i][1], NULL);
            gst_structure_set(roi, name, GST_TYPE_STRUCTURE, p, NULL);
            gst_structure_free(p);
            g_free(name);
        }
        GstStructure *config = gst_structure_new(
            "config", "id", G_TYPE_STRING, "door", "occupancy_level_min", G_TYPE_INT, 5,
            "occupancy_level_med", G_TYPE_INT, 20, "occupancy_level_max", G_TYPE_INT, 30,
            "occupancy_num_frames_to_event", G_TYPE_INT, 1, NULL);
        gst_structure_set(roi, "config", GST_TYPE_STRUCTURE, config, NULL);
        rois = gst_structure_new("rois", "roi0", GST_TYPE_STRUCTURE, roi, NULL);
        gst_structure_free(config);
        gst_structure_free(roi);
    }
    GstElement *e = gst_element_factory_make("visioncrowd", NULL);
    g_object_set(e, "rois-structure", rois, "warmup-frames", 3, NULL);
    gst_structure_free(rois);
    GstBus *bus;
    GstHarness *h = harness_for(e, "GRAY8", 320, 240, &bus);
    run_crowd(h, "GRAY8", 14, 8);
    GList *messages = element_messages(bus);
    const GstStructure *s = find_message(messages, "occupancy-event", "door");
    assert_non_null(s);
    int level = -1;
    guint64 index = 0;
    assert_true(gst_structure_get(s, "occupancy_level", G_TYPE_INT, &level, "frame-index",
                                  G_TYPE_UINT64, &index, NULL));
    assert_int_equal(level, 3); /* 60% >= its max of 30 */
    assert_int_equal(index, 8); /* one frame to event */
    g_list_free_full(messages, (GDestroyNotify)gst_message_unref);
    harness_free(h, bus);
}

static void test_crowd_direction_messages(void **state)
{
    (void)state;
    GstElement *e = gst_element_factory_make("visioncrowd", NULL);
    g_object_set(e, "send-optical-flow-event", TRUE, "optical-flow-num-frames-to-event", 2,
                 "warmup-frames", 3, NULL);
    GstBus *bus;
    GstHarness *h = harness_for(e, "NV12", 320, 240, &bus);
    scene s;
    assert_int_equal(scene_init(&s, 320, 240, 9), 0);
    s.blob_count = 1;
    s.blobs[0] = (scene_blob){0.05, 0.3, 0.25, 0.4, 4, 0, 31, 0}; /* moving right */
    uint8_t *gray = g_malloc(320 * 240);
    for (int f = 0; f < 30; f++) {
        scene_render(&s, gray, 320, NULL);
        scene_step(&s);
        assert_int_equal(gst_harness_push(h, buffer_from_gray("NV12", gray, 320, 240, (guint64)f)),
                         GST_FLOW_OK);
        gst_buffer_unref(gst_harness_pull(h));
    }
    g_free(gray);
    scene_release(&s);
    GList *messages = element_messages(bus);
    const GstStructure *d = find_message(messages, "direction-event", "frame");
    assert_non_null(d);
    double angle = -1;
    assert_true(gst_structure_get_double(d, "direction_angle", &angle));
    assert_true(angle > 45 && angle < 135); /* 90 = right */
    g_list_free_full(messages, (GDestroyNotify)gst_message_unref);
    harness_free(h, bus);
}

/* --- plates ---------------------------------------------------------------------- */

static void test_plate_messages_and_meta(void **state)
{
    (void)state;
    if (synth_fonts_available() != 0)
        skip();
    const int W = 640, H = 360;
    uint32_t seed = 2026;
    char text[24], expected[24];
    plate_test_text(text, sizeof text, SYNTH_EU, 0, &seed);
    synth_expected(expected, text);
    uint8_t *bgr = g_malloc((size_t)W * H * 3);

    GstElement *e = gst_element_factory_make("visionplate", NULL);
    g_object_set(e, "country", "eu", NULL);
    GstBus *bus;
    GstHarness *h = harness_for(e, "BGR", W, H, &bus);
    int metas = 0;
    for (int f = 0; f < 8; f++) {
        synth_background(bgr, W, H, (size_t)W * 3, 0, 7);
        synth_plate p = {SYNTH_EU, text, W * 0.45 + 2.0 * f, H * 0.55, W * 0.3, 0, 0, 1, 3};
        assert_int_equal(synth_draw_plate(bgr, W, H, (size_t)W * 3, &p, NULL), 0);
        GstBuffer *in = gst_buffer_new_allocate(NULL, (gsize)W * H * 3, NULL);
        gst_buffer_fill(in, 0, bgr, (gsize)W * H * 3);
        GST_BUFFER_PTS(in) = (guint64)f * FRAME_NS;
        /* Every other frame, hold an extra reference as a tee would: the
         * element then passes a new GstBuffer over the same memory. */
        gboolean shared = f % 2;
        if (shared)
            gst_buffer_ref(in);
        GstMemory *memory = gst_buffer_peek_memory(in, 0);
        assert_int_equal(gst_harness_push(h, in), GST_FLOW_OK);
        GstBuffer *out = gst_harness_pull(h);
        if (shared) {
            assert_ptr_equal(gst_buffer_peek_memory(out, 0), memory);      /* pixels not copied */
            assert_null(gst_buffer_get_video_region_of_interest_meta(in)); /* ours untouched */
            gst_buffer_unref(in);
        } else {
            assert_ptr_equal(out, in);
        }
        gpointer iter = NULL;
        GstMeta *meta;
        while ((meta = gst_buffer_iterate_meta_filtered(
                    out, &iter, GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE))) {
            GstVideoRegionOfInterestMeta *roi = (GstVideoRegionOfInterestMeta *)meta;
            assert_string_equal(g_quark_to_string(roi->roi_type), "licence-plate");
            GstStructure *param = gst_video_region_of_interest_meta_get_param(roi, "licence-plate");
            assert_non_null(param);
            assert_string_equal(gst_structure_get_string(param, "text"), expected);
            double confidence = 0;
            assert_true(gst_structure_get_double(param, "confidence", &confidence));
            assert_true(confidence > 0 && confidence <= 1);
            assert_true(roi->w > 50 && roi->h > 10);
            assert_true(roi->x < (guint)(W * 0.45 + 2.0 * f) &&
                        roi->x + roi->w > (guint)(W * 0.45 + 2.0 * f));
            metas++;
        }
        gst_buffer_unref(out);
    }
    assert_true(metas >= 5); /* from the second frame on, once the reading is confirmed */
    assert_true(gst_harness_push_event(h, gst_event_new_eos()));
    GList *messages = element_messages(bus);
    const GstStructure *s = find_message(messages, "plate-detected", NULL);
    assert_non_null(s);
    print_message("%s\n", gst_structure_to_string(s));
    assert_string_equal(gst_structure_get_string(s, "plate"), expected);
    assert_string_equal(gst_structure_get_string(s, "event"), "new");
    int track = 0, width = 0;
    double confidence = 0;
    guint64 pts = GST_CLOCK_TIME_NONE, running = GST_CLOCK_TIME_NONE;
    assert_true(gst_structure_get(s, "track", G_TYPE_INT, &track, "width", G_TYPE_INT, &width,
                                  "confidence", G_TYPE_DOUBLE, &confidence, "pts", G_TYPE_UINT64,
                                  &pts, "running-time", G_TYPE_UINT64, &running, NULL));
    assert_int_equal(track, 1);
    assert_true(width > 50);
    assert_true(confidence >= 0.5);
    assert_int_equal(pts % FRAME_NS, 0);
    assert_int_equal(running, pts);
    /* The EOS closed the track. */
    const GstStructure *lost = find_message(messages, "plate-lost", NULL);
    assert_non_null(lost);
    assert_string_equal(gst_structure_get_string(lost, "plate"), expected);
    g_list_free_full(messages, (GDestroyNotify)gst_message_unref);
    assert_null(pop_error(bus));
    harness_free(h, bus);
    g_free(bgr);
}

/* A setting changed while playing makes the reader again: the open track
 * ends first (plate-lost), without waiting for the end of the stream. */
static void test_plate_setting_while_playing(void **state)
{
    (void)state;
    if (synth_fonts_available() != 0)
        skip();
    const int W = 640, H = 360;
    uint32_t seed = 2026;
    char text[24];
    plate_test_text(text, sizeof text, SYNTH_EU, 0, &seed);
    uint8_t *bgr = g_malloc((size_t)W * H * 3);
    GstBus *bus;
    GstHarness *h = harness_for(gst_element_factory_make("visionplate", NULL), "BGR", W, H, &bus);
    for (int f = 0; f < 5; f++) {
        if (f == 4) {
            GList *messages = element_messages(bus);
            assert_non_null(find_message(messages, "plate-detected", NULL));
            assert_null(find_message(messages, "plate-lost", NULL));
            g_list_free_full(messages, (GDestroyNotify)gst_message_unref);
            g_object_set(h->element, "top-n", 3, NULL);
        }
        synth_background(bgr, W, H, (size_t)W * 3, 0, 7);
        synth_plate p = {SYNTH_EU, text, W * 0.45 + 2.0 * f, H * 0.55, W * 0.3, 0, 0, 1, 3};
        assert_int_equal(synth_draw_plate(bgr, W, H, (size_t)W * 3, &p, NULL), 0);
        GstBuffer *in = gst_buffer_new_allocate(NULL, (gsize)W * H * 3, NULL);
        gst_buffer_fill(in, 0, bgr, (gsize)W * H * 3);
        GST_BUFFER_PTS(in) = (guint64)f * FRAME_NS;
        assert_int_equal(gst_harness_push(h, in), GST_FLOW_OK);
        gst_buffer_unref(gst_harness_pull(h));
    }
    GList *messages = element_messages(bus);
    const GstStructure *lost = find_message(messages, "plate-lost", NULL);
    assert_non_null(lost);
    int candidates = 0;
    const GValue *list = gst_structure_get_value(lost, "candidates");
    assert_non_null(list);
    candidates = (int)gst_value_array_get_size(list);
    assert_true(candidates >= 1 && candidates <= 5); /* from the reader made with top-n 5 */
    g_list_free_full(messages, (GDestroyNotify)gst_message_unref);
    int top_n = 0;
    g_object_get(h->element, "top-n", &top_n, NULL);
    assert_int_equal(top_n, 3);
    assert_null(pop_error(bus));
    harness_free(h, bus);
    g_free(bgr);
}

/* --- properties ------------------------------------------------------------------- */

/* Every property can be set to a value other than its default and read back. */
static void roundtrip_all(const char *factory)
{
    GstElement *e = gst_element_factory_make(factory, NULL);
    guint n = 0;
    GParamSpec **specs = g_object_class_list_properties(G_OBJECT_GET_CLASS(e), &n);
    int checked = 0;
    for (guint i = 0; i < n; i++) {
        GParamSpec *p = specs[i];
        if (p->owner_type != G_OBJECT_TYPE(e) || !(p->flags & G_PARAM_WRITABLE))
            continue;
        GValue in = G_VALUE_INIT, out = G_VALUE_INIT;
        g_value_init(&in, p->value_type);
        g_value_init(&out, p->value_type);
        if (G_IS_PARAM_SPEC_UINT(p)) {
            GParamSpecUInt *u = G_PARAM_SPEC_UINT(p);
            g_value_set_uint(&in, u->default_value == u->maximum ? u->minimum : u->maximum);
        } else if (G_IS_PARAM_SPEC_INT(p)) {
            GParamSpecInt *u = G_PARAM_SPEC_INT(p);
            g_value_set_int(&in, u->default_value == u->maximum ? u->minimum : u->maximum);
        } else if (G_IS_PARAM_SPEC_DOUBLE(p)) {
            GParamSpecDouble *u = G_PARAM_SPEC_DOUBLE(p);
            g_value_set_double(&in, (u->minimum + u->maximum) / 2 + 0.25);
        } else if (G_IS_PARAM_SPEC_BOOLEAN(p)) {
            g_value_set_boolean(&in, !G_PARAM_SPEC_BOOLEAN(p)->default_value);
        } else if (G_IS_PARAM_SPEC_STRING(p)) {
            g_value_set_string(&in, "0.1,0.1;0.9,0.1;0.9,0.9");
        } else if (G_IS_PARAM_SPEC_ENUM(p)) {
            g_value_set_enum(&in, G_PARAM_SPEC_ENUM(p)->default_value ? 0 : 1);
        } else if (p->value_type == GST_TYPE_ARRAY) {
            GValue v = G_VALUE_INIT;
            g_value_init(&v, G_TYPE_STRING);
            g_value_set_string(&v, "a=0,0;1,0;1,1");
            gst_value_array_append_and_take_value(&in, &v);
        } else if (p->value_type == GST_TYPE_STRUCTURE) {
            GstStructure *s = gst_structure_new_empty("rois");
            gst_value_set_structure(&in, s);
            gst_structure_free(s);
        } else {
            fail_msg("%s: property %s of a type the test does not know", factory, p->name);
        }
        g_object_set_property(G_OBJECT(e), p->name, &in);
        g_object_get_property(G_OBJECT(e), p->name, &out);
        if (gst_value_compare(&in, &out) != GST_VALUE_EQUAL)
            fail_msg("%s: property %s set %s, read %s", factory, p->name, gst_value_serialize(&in),
                     gst_value_serialize(&out));
        checked++;
        g_value_unset(&in);
        g_value_unset(&out);
    }
    g_free(specs);
    print_message("%s: %d properties round-trip\n", factory, checked);
    assert_true(checked >= 10);
    gst_object_unref(e);
}

static void test_property_roundtrip(void **state)
{
    (void)state;
    roundtrip_all("visioncrowd");
    roundtrip_all("visionplate");

    /* Kurento's names are there. */
    GstElement *e = gst_element_factory_make("visioncrowd", NULL);
    const char *kurento[] = {"occupancy-level-min",
                             "occupancy-level-med",
                             "occupancy-level-max",
                             "occupancy-num-frames-to-event",
                             "fluidity-level-min",
                             "fluidity-level-med",
                             "fluidity-level-max",
                             "fluidity-num-frames-to-event",
                             "send-optical-flow-event",
                             "optical-flow-num-frames-to-event",
                             "optical-flow-num-frames-to-reset",
                             "optical-flow-angle-offset",
                             "processing-width",
                             "show-debug-info",
                             "rois"};
    for (size_t i = 0; i < G_N_ELEMENTS(kurento); i++)
        if (!g_object_class_find_property(G_OBJECT_GET_CLASS(e), kurento[i]))
            fail_msg("visioncrowd has no property %s", kurento[i]);
    /* Defaults are the library's. */
    double min = 0;
    int frames = 0;
    guint width = 0;
    g_object_get(e, "occupancy-level-min", &min, "occupancy-num-frames-to-event", &frames,
                 "processing-width", &width, NULL);
    assert_true(min == 10.0);
    assert_int_equal(frames, 5);
    assert_int_equal(width, 320);
    gst_object_unref(e);
}

/* Start a lone element; returns the error text (g_free) or NULL when it started. */
static gchar *start_error(GstElement *e)
{
    GstBus *bus = gst_bus_new();
    gst_element_set_bus(e, bus);
    GstStateChangeReturn rc = gst_element_set_state(e, GST_STATE_PAUSED);
    gchar *text = NULL;
    GstMessage *m = pop_error(bus);
    if (m) {
        text = error_text(m);
        gst_message_unref(m);
    }
    if (rc != GST_STATE_CHANGE_FAILURE)
        assert_null(text);
    else
        assert_non_null(text);
    gst_element_set_state(e, GST_STATE_NULL);
    gst_bus_set_flushing(bus, TRUE);
    gst_object_unref(bus);
    gst_object_unref(e);
    return text;
}

static GstElement *crowd_with_roi(const char *roi)
{
    GstElement *e = gst_element_factory_make("visioncrowd", NULL);
    gst_util_set_object_arg(G_OBJECT(e), "rois", roi);
    return e;
}

static void test_bad_values(void **state)
{
    (void)state;
    gchar *t;
    GstElement *e = gst_element_factory_make("visioncrowd", NULL);
    g_object_set(e, "processing-width", 8, NULL);
    t = start_error(e);
    print_message("%s\n", t);
    assert_non_null(strstr(t, "processing_width"));
    g_free(t);

    t = start_error(crowd_with_roi("<\"door=0,0;1,x\">"));
    assert_non_null(strstr(t, "door=0,0;1,x"));
    g_free(t);
    t = start_error(crowd_with_roi("<\"0,0;1,0;1,1\">")); /* no id */
    assert_non_null(t);
    g_free(t);
    t = start_error(crowd_with_roi("<\"flat=0,0;1,0;0.5,0\">")); /* zero area */
    assert_non_null(strstr(t, "flat"));
    g_free(t);
    t = start_error(crowd_with_roi("<\"out=0,0;2,0;1,1\">")); /* outside 0..1 */
    assert_non_null(strstr(t, "out"));
    g_free(t);
    t = start_error(crowd_with_roi("<\"a=0,0;1,0;1,1\", \"a=0,0;1,0;0,1\">")); /* same id */
    assert_non_null(t);
    g_free(t);
    e = gst_element_factory_make("visioncrowd", NULL);
    g_object_set(e, "occupancy-level-min", 50.0, "occupancy-level-max", 20.0, NULL);
    t = start_error(e);
    print_message("%s\n", t);
    g_free(t);
    e = gst_element_factory_make("visioncrowd", NULL);
    g_object_set(e, "direction-sectors", 5, NULL);
    t = start_error(e);
    assert_non_null(strstr(t, "sectors"));
    g_free(t);
    assert_null(start_error(crowd_with_roi("<\"ok=0,0;1,0;1,1\">")));

    e = gst_element_factory_make("visionplate", NULL);
    g_object_set(e, "country", "mars", NULL);
    t = start_error(e);
    assert_non_null(strstr(t, "mars"));
    g_free(t);
    e = gst_element_factory_make("visionplate", NULL);
    g_object_set(e, "ocr-data-path", "/nonexistent/tessdata", NULL);
    t = start_error(e);
    assert_non_null(strstr(t, "/nonexistent/tessdata"));
    g_free(t);
    e = gst_element_factory_make("visionplate", NULL);
    g_object_set(e, "roi", "0,0;1,0", NULL); /* two points */
    t = start_error(e);
    print_message("%s\n", t);
    g_free(t);
    e = gst_element_factory_make("visionplate", NULL);
    g_object_set(e, "roi", "0,0;1,zero;1,1", NULL);
    t = start_error(e);
    g_free(t);
}

/* A bad value set while playing stops the stream with an error; a good one
 * afterwards lets it go on. */
static void test_bad_value_while_playing(void **state)
{
    (void)state;
    GstBus *bus;
    GstHarness *h = harness_for(crowd_element(), "GRAY8", 320, 240, &bus);
    run_crowd(h, "GRAY8", 3, 100);
    gst_util_set_object_arg(G_OBJECT(h->element), "rois", "<\"door=0,0;1\">");
    uint8_t gray[320 * 240];
    memset(gray, 50, sizeof gray);
    assert_int_equal(gst_harness_push(h, buffer_from_gray("GRAY8", gray, 320, 240, 3)),
                     GST_FLOW_ERROR);
    GstMessage *m = pop_error(bus);
    assert_non_null(m);
    gchar *t = error_text(m);
    assert_non_null(strstr(t, "door=0,0;1"));
    g_free(t);
    gst_message_unref(m);
    gst_util_set_object_arg(G_OBJECT(h->element), "rois", "<\"door=0,0;1,0;1,1\">");
    assert_int_equal(gst_harness_push(h, buffer_from_gray("GRAY8", gray, 320, 240, 4)),
                     GST_FLOW_OK);
    gst_buffer_unref(gst_harness_pull(h));
    /* A region config change while playing is applied without an error. */
    g_object_set(h->element, "occupancy-level-min", 1.0, NULL);
    assert_int_equal(gst_harness_push(h, buffer_from_gray("GRAY8", gray, 320, 240, 5)),
                     GST_FLOW_OK);
    gst_buffer_unref(gst_harness_pull(h));
    assert_null(pop_error(bus));
    harness_free(h, bus);
}

int main(void)
{
    gst_init(NULL, NULL);
    GstElementFactory *factory = gst_element_factory_find("visioncrowd");
    if (!factory) {
        fprintf(stderr,
                "visioncrowd not found: is GST_PLUGIN_PATH set to the plugin's build dir?\n");
        return 1;
    }
    gst_object_unref(factory);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_caps_every_format),
        cmocka_unit_test(test_caps_refuse_other_formats),
        cmocka_unit_test(test_passthrough_and_overlay),
        cmocka_unit_test(test_overlay_unsupported_format),
        cmocka_unit_test(test_crowd_occupancy_messages),
        cmocka_unit_test(test_crowd_discont),
        cmocka_unit_test(test_crowd_kurento_structure),
        cmocka_unit_test(test_crowd_direction_messages),
        cmocka_unit_test(test_plate_messages_and_meta),
        cmocka_unit_test(test_plate_setting_while_playing),
        cmocka_unit_test(test_property_roundtrip),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_bad_value_while_playing),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    gst_deinit(); /* lets GST_TRACERS=leaks report what was not freed */
    return failed;
}
