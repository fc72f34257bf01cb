/*
 * libvision: version numbers.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file version.h
 * @brief Compile-time and run-time version of libvision.
 *
 * Compare VISION_VERSION_NUMBER (the headers you compiled against) with
 * vision_version() (the library loaded at run time) to detect a mismatch.
 * Within one major version the ABI only grows (see docs/ABI.md).
 */
#ifndef VISION_VERSION_H
#define VISION_VERSION_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Major version: changes only with an ABI break (and the SONAME with it). */
#define VISION_VERSION_MAJOR 0
/** Minor version: grows when API is added. */
#define VISION_VERSION_MINOR 1
/** Micro version: grows with fixes that add no API. */
#define VISION_VERSION_MICRO 0

/** Packs a version into one integer: major * 10000 + minor * 100 + micro. */
#define VISION_VERSION_ENCODE(major, minor, micro) ((major) * 10000 + (minor) * 100 + (micro))

/** The version of the headers, packed with VISION_VERSION_ENCODE(). */
#define VISION_VERSION_NUMBER                                                                      \
    VISION_VERSION_ENCODE(VISION_VERSION_MAJOR, VISION_VERSION_MINOR, VISION_VERSION_MICRO)

/** The version of the headers as a string, "major.minor.micro". */
#define VISION_VERSION_STRING "0.1.0"

/**
 * True (1) when the headers are at least version major.minor.micro.
 * Use it in `#if` to compile code that needs newer API.
 */
#define VISION_CHECK_VERSION(major, minor, micro)                                                  \
    (VISION_VERSION_NUMBER >= VISION_VERSION_ENCODE(major, minor, micro))

/**
 * The version of the library loaded at run time.
 *
 * @return the version packed as VISION_VERSION_ENCODE(major, minor, micro).
 *         Thread-safe.
 */
VISION_API int vision_version(void);

/**
 * The version of the library loaded at run time, as a string.
 *
 * @return a static string such as "0.1.0"; never NULL. Thread-safe.
 */
VISION_API const char *vision_version_string(void);

#ifdef __cplusplus
}
#endif

#endif /* VISION_VERSION_H */
