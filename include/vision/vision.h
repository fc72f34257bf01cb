/*
 * libvision: the one header to include.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file vision.h
 * @brief Umbrella header: include this one, not the others.
 *
 * libvision analyses raw video frames that a host decoded itself: it finds
 * and reads licence plates and measures crowds in regions of interest, and
 * reports what it finds through callbacks. See README.md and docs/.
 */
#ifndef VISION_VISION_H
#define VISION_VISION_H

#include "common.h"
#include "version.h"
#include "frame.h"
#include "crowd.h"
#include "plate.h"

#endif /* VISION_VISION_H */
