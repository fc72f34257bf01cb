/*
 * visioncrowd: occupancy, fluidity and direction of motion in regions of
 * interest, as element messages shaped like Kurento's crowddetector.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef GST_VISION_CROWD_H
#define GST_VISION_CROWD_H

#include "gstvision.h"

G_BEGIN_DECLS

#define GST_TYPE_VISION_CROWD (gst_vision_crowd_get_type())
G_DECLARE_FINAL_TYPE(GstVisionCrowd, gst_vision_crowd, GST, VISION_CROWD, GstVideoFilter)

G_END_DECLS

#endif
