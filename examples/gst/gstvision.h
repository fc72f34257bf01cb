/*
 * GStreamer plugin "vision": helpers shared by visioncrowd and visionplate.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef GST_VISION_H
#define GST_VISION_H

#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/video/gstvideofilter.h>

#include <vision/vision.h>

G_BEGIN_DECLS

/* Every raw format libvision reads, as GStreamer names them. */
#define GST_VISION_FORMATS                                                                         \
    "{ GRAY8, RGB, BGR, RGBA, BGRA, ARGB, ABGR, RGBx, BGRx, xRGB, xBGR, I420, YV12, NV12, NV21, "  \
    "YUY2, UYVY, GRAY16_LE }"

#define GST_VISION_CAPS GST_VIDEO_CAPS_MAKE(GST_VISION_FORMATS)

/* The libvision pixel format of a GStreamer one, or VISION_PIXEL_FORMAT_UNKNOWN. */
uint32_t gst_vision_format_from_video(GstVideoFormat format);
/* The GStreamer format of a libvision one, or GST_VIDEO_FORMAT_UNKNOWN. */
GstVideoFormat gst_vision_format_to_video(uint32_t format);

/* Point a vision_frame at the planes of a mapped GstVideoFrame (no copy).
 * pts comes from the frame's buffer, and so does the discontinuity flag
 * when `discont` is TRUE. */
gboolean gst_vision_frame_wrap(vision_frame *out, GstVideoFrame *frame, gboolean discont);

/* Timestamps of the buffer being analysed, for messages. */
typedef struct GstVisionTimes {
    GstClockTime pts;
    GstClockTime running_time;
    GstClockTime stream_time;
} GstVisionTimes;

void gst_vision_times_from_buffer(GstVisionTimes *times, GstBaseTransform *trans,
                                  GstBuffer *buffer);
/* Add pts, running-time and stream-time to a message structure. */
void gst_vision_times_add(GstStructure *s, const GstVisionTimes *times);

/* Read "x,y;x,y;..." (C locale, whatever the process's) into a newly
 * allocated array of x, y pairs. Returns the number of points, or -1 with
 * *error set (g_free it). */
int gst_vision_parse_points(const char *text, double **xy, char **error);

G_END_DECLS

#endif
