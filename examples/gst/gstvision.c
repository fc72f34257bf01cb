/*
 * GStreamer plugin "vision": format mapping, frame wrapping, timestamps and
 * the plugin entry point.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "gstvision.h"
#include "gstvisioncrowd.h"
#include "gstvisionplate.h"

#include <string.h>

static const struct {
    GstVideoFormat gst;
    uint32_t vision;
} format_table[] = {
    {GST_VIDEO_FORMAT_GRAY8, VISION_PIXEL_FORMAT_GRAY8},
    {GST_VIDEO_FORMAT_RGB, VISION_PIXEL_FORMAT_RGB},
    {GST_VIDEO_FORMAT_BGR, VISION_PIXEL_FORMAT_BGR},
    {GST_VIDEO_FORMAT_RGBA, VISION_PIXEL_FORMAT_RGBA},
    {GST_VIDEO_FORMAT_BGRA, VISION_PIXEL_FORMAT_BGRA},
    {GST_VIDEO_FORMAT_ARGB, VISION_PIXEL_FORMAT_ARGB},
    {GST_VIDEO_FORMAT_ABGR, VISION_PIXEL_FORMAT_ABGR},
    {GST_VIDEO_FORMAT_RGBx, VISION_PIXEL_FORMAT_RGBX},
    {GST_VIDEO_FORMAT_BGRx, VISION_PIXEL_FORMAT_BGRX},
    {GST_VIDEO_FORMAT_xRGB, VISION_PIXEL_FORMAT_XRGB},
    {GST_VIDEO_FORMAT_xBGR, VISION_PIXEL_FORMAT_XBGR},
    {GST_VIDEO_FORMAT_I420, VISION_PIXEL_FORMAT_I420},
    {GST_VIDEO_FORMAT_YV12, VISION_PIXEL_FORMAT_YV12},
    {GST_VIDEO_FORMAT_NV12, VISION_PIXEL_FORMAT_NV12},
    {GST_VIDEO_FORMAT_NV21, VISION_PIXEL_FORMAT_NV21},
    {GST_VIDEO_FORMAT_YUY2, VISION_PIXEL_FORMAT_YUY2},
    {GST_VIDEO_FORMAT_UYVY, VISION_PIXEL_FORMAT_UYVY},
    {GST_VIDEO_FORMAT_GRAY16_LE, VISION_PIXEL_FORMAT_GRAY16_LE},
};

uint32_t gst_vision_format_from_video(GstVideoFormat format)
{
    for (size_t i = 0; i < G_N_ELEMENTS(format_table); i++)
        if (format_table[i].gst == format)
            return format_table[i].vision;
    return VISION_PIXEL_FORMAT_UNKNOWN;
}

GstVideoFormat gst_vision_format_to_video(uint32_t format)
{
    for (size_t i = 0; i < G_N_ELEMENTS(format_table); i++)
        if (format_table[i].vision == format)
            return format_table[i].gst;
    return GST_VIDEO_FORMAT_UNKNOWN;
}

gboolean gst_vision_frame_wrap(vision_frame *out, GstVideoFrame *frame, gboolean discont)
{
    uint32_t format = gst_vision_format_from_video(GST_VIDEO_FRAME_FORMAT(frame));
    if (format == VISION_PIXEL_FORMAT_UNKNOWN)
        return FALSE;
    vision_frame_init(out);
    out->format = format;
    out->width = (uint32_t)GST_VIDEO_FRAME_WIDTH(frame);
    out->height = (uint32_t)GST_VIDEO_FRAME_HEIGHT(frame);
    /* GStreamer and libvision both give planes in the memory order of the
     * format's name (YV12: Y, V, U), so planes map one to one. */
    guint planes = GST_VIDEO_FRAME_N_PLANES(frame);
    if (planes > VISION_FRAME_MAX_PLANES)
        return FALSE;
    for (guint i = 0; i < planes; i++) {
        out->planes[i] = GST_VIDEO_FRAME_PLANE_DATA(frame, i);
        gint stride = GST_VIDEO_FRAME_PLANE_STRIDE(frame, i);
        if (stride <= 0) /* flipped layouts are not described by a vision_frame */
            return FALSE;
        out->strides[i] = (uint32_t)stride;
    }
    GstClockTime pts = GST_BUFFER_PTS(frame->buffer);
    out->pts_ns = GST_CLOCK_TIME_IS_VALID(pts) ? (int64_t)pts : VISION_PTS_NONE;
    if (discont && GST_BUFFER_FLAG_IS_SET(frame->buffer, GST_BUFFER_FLAG_DISCONT))
        out->flags |= VISION_FRAME_FLAG_DISCONTINUITY;
    return TRUE;
}

void gst_vision_times_from_buffer(GstVisionTimes *times, GstBaseTransform *trans, GstBuffer *buffer)
{
    times->pts = GST_BUFFER_PTS(buffer);
    times->running_time = GST_CLOCK_TIME_NONE;
    times->stream_time = GST_CLOCK_TIME_NONE;
    if (GST_CLOCK_TIME_IS_VALID(times->pts) && trans->segment.format == GST_FORMAT_TIME) {
        times->running_time =
            gst_segment_to_running_time(&trans->segment, GST_FORMAT_TIME, times->pts);
        times->stream_time =
            gst_segment_to_stream_time(&trans->segment, GST_FORMAT_TIME, times->pts);
    }
}

void gst_vision_times_add(GstStructure *s, const GstVisionTimes *times)
{
    gst_structure_set(s, "pts", G_TYPE_UINT64, (guint64)times->pts, "running-time", G_TYPE_UINT64,
                      (guint64)times->running_time, "stream-time", G_TYPE_UINT64,
                      (guint64)times->stream_time, NULL);
}

int gst_vision_parse_points(const char *text, double **xy, char **error)
{
    *xy = NULL;
    *error = NULL;
    if (!text) {
        *error = g_strdup("no points");
        return -1;
    }
    gchar **pairs = g_strsplit(text, ";", -1);
    GArray *values = g_array_new(FALSE, FALSE, sizeof(double));
    int count = 0;
    for (gchar **p = pairs; *p; p++) {
        gchar *pair = g_strstrip(*p);
        if (!*pair) /* tolerate a trailing ';' */
            continue;
        gchar *end = NULL;
        double x = g_ascii_strtod(pair, &end);
        if (end == pair || *end != ',') {
            *error = g_strdup_printf("'%s' is not a point x,y", pair);
            break;
        }
        const char *second = end + 1;
        double y = g_ascii_strtod(second, &end);
        while (end && g_ascii_isspace(*end))
            end++;
        if (end == second || *end) {
            *error = g_strdup_printf("'%s' is not a point x,y", pair);
            break;
        }
        g_array_append_val(values, x);
        g_array_append_val(values, y);
        count++;
    }
    g_strfreev(pairs);
    if (*error) {
        g_array_free(values, TRUE);
        return -1;
    }
    *xy = (double *)(void *)g_array_free(values, FALSE);
    return count;
}

static gboolean plugin_init(GstPlugin *plugin)
{
    return gst_element_register(plugin, "visioncrowd", GST_RANK_NONE, GST_TYPE_VISION_CROWD) &&
           gst_element_register(plugin, "visionplate", GST_RANK_NONE, GST_TYPE_VISION_PLATE);
}

#ifndef PACKAGE
#define PACKAGE "libvision"
#endif

GST_PLUGIN_DEFINE(GST_VERSION_MAJOR, GST_VERSION_MINOR, vision,
                  "libvision: crowd analysis and licence plate reading", plugin_init,
                  VISION_VERSION_STRING, "Apache 2.0", "libvision", "https://libvision.invalid/")
