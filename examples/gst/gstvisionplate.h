/*
 * visionplate: licence plates found, read and tracked, as element messages
 * ("plate-detected" like Kurento's platedetector) and region-of-interest
 * metas on the buffers.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef GST_VISION_PLATE_H
#define GST_VISION_PLATE_H

#include "gstvision.h"

G_BEGIN_DECLS

#define GST_TYPE_VISION_PLATE (gst_vision_plate_get_type())
G_DECLARE_FINAL_TYPE(GstVisionPlate, gst_vision_plate, GST, VISION_PLATE, GstVideoFilter)

G_END_DECLS

#endif
