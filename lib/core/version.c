/*
 * Run-time version.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "vision/version.h"

VISION_API int vision_version(void)
{
    return VISION_VERSION_NUMBER;
}

VISION_API const char *vision_version_string(void)
{
    return VISION_VERSION_STRING;
}
