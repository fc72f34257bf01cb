/*
 * libvision: crowd analysis in regions of interest.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file crowd.h
 * @brief Occupancy, fluidity and direction of motion in polygonal regions,
 *        with level and direction events.
 *
 * A ::vision_crowd handle learns the background of a fixed camera's view and,
 * for every analysed frame, measures in each region of interest:
 *
 * - occupancy: 100 x foreground pixels inside the polygon / pixels inside the
 *   polygon (never above 100);
 * - fluidity: 100 x moving foreground pixels / foreground pixels (how much of
 *   the crowd moves; 0 when the region is empty);
 * - direction: the dominant direction of motion of the people in the region
 *   (a person, a foreground blob, counts where the centre of its box is), in
 *   degrees, 0 = up, 90 = right, clockwise, in [0, 360), turned by the
 *   region's offset; or "no motion", a state of its own.
 *
 * Levels 0..3 with hysteresis and events follow Kurento's CrowdDetectorFilter
 * (field names and defaults are kept, see ::vision_crowd_region_config);
 * docs/crowd.md states the semantics and how they differ from Kurento's.
 *
 * Threads: a handle is used by one thread at a time; different handles may
 * run at the same time on different threads. The library never changes
 * OpenCV's process-wide settings.
 */
#ifndef VISION_CROWD_H
#define VISION_CROWD_H

#include "common.h"
#include "frame.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An opaque crowd analyser. Create with vision_crowd_new(), free with vision_crowd_free(). */
typedef struct vision_crowd vision_crowd;

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

/** Current layout version of ::vision_crowd_options. */
#define VISION_CROWD_OPTIONS_VERSION 1

/**
 * Options of a crowd handle, fixed for its lifetime.
 *
 * Fill with vision_crowd_options_init() or ::VISION_CROWD_OPTIONS_INIT, then
 * change what you need. Append-only.
 */
typedef struct vision_crowd_options {
    /** Layout version: ::VISION_CROWD_OPTIONS_VERSION. */
    uint32_t version;
    /**
     * Width of the image the analysis works on, in pixels; the height follows
     * with the frame's aspect ratio kept (rounded to nearest). Frames narrower
     * than this are analysed at their own size. 0 means the frame's width.
     * Default 320; 16 .. ::VISION_FRAME_MAX_DIMENSION otherwise.
     */
    uint32_t processing_width;
    /** Analyse one frame in this many; the others only count. Default 1; 1 .. 1000. */
    uint32_t analyse_every;
    /**
     * Analysed frames after the start, a discontinuity, a change of frame
     * size or format, or a whole-frame change during which no event fires.
     * After all but a compensated change of light the background is learnt
     * again from scratch, quickly where the picture holds still.
     * Default 10; 1 .. 10000.
     */
    uint32_t warmup_frames;
    /**
     * Least difference from the background, in gray levels (0..255), for a
     * pixel to be foreground; the per-pixel noise estimate may raise it.
     * Default 14; 1 .. 255.
     */
    double foreground_threshold;
    /**
     * Least change since the previous analysed frame, in gray levels, for a
     * foreground pixel to count as moving. Default 10; 1 .. 255.
     */
    double motion_threshold;
    /**
     * Share of the whole frame (0..1) whose foreground must appear at once,
     * between two analysed frames, to count as a whole-frame change (light
     * switched, camera shaken, scene cut). A gain and offset of the light
     * that explain it are applied to the background; otherwise the
     * background is relearnt. Either way events pause for the warm-up.
     * Default 0.35; 0 < value <= 1.
     */
    double global_change_fraction;
    /**
     * Background adaptation time, in analysed frames, for pixels that are
     * background (larger adapts more slowly; used as the nearest power of
     * two up to 64 times a whole update period). Default 32; 2 .. 100000.
     */
    double background_time;
    /**
     * Adaptation time, in analysed frames, for foreground pixels: how long a
     * crowd that stopped stays foreground before it becomes background.
     * Default 1500; 2 .. 1000000.
     */
    double foreground_time;
} vision_crowd_options;

/** Static initialiser for ::vision_crowd_options; same bytes as vision_crowd_options_init(). */
#define VISION_CROWD_OPTIONS_INIT                                                                  \
    {                                                                                              \
        VISION_CROWD_OPTIONS_VERSION, 320, 1, 10, 14.0, 10.0, 0.35, 32.0, 1500.0                   \
    }

/**
 * Fill options with the defaults of ::VISION_CROWD_OPTIONS_INIT (every byte,
 * padding included).
 *
 * @param options the struct to fill; nothing happens when NULL.
 */
VISION_API void vision_crowd_options_init(vision_crowd_options *options);

/* ------------------------------------------------------------------------ */
/* Region configuration                                                     */
/* ------------------------------------------------------------------------ */

/** Current layout version of ::vision_crowd_region_config. */
#define VISION_CROWD_REGION_CONFIG_VERSION 1

/**
 * Per-region configuration. The first fields are Kurento's
 * (RegionOfInterestConfig), in snake_case, with its defaults; their camelCase
 * names are accepted by vision_crowd_region_config_set(). Percentages are
 * 0..100, counts are analysed frames.
 *
 * Fill with vision_crowd_region_config_init() or
 * ::VISION_CROWD_REGION_CONFIG_INIT. Append-only.
 */
typedef struct vision_crowd_region_config {
    /** Layout version: ::VISION_CROWD_REGION_CONFIG_VERSION. */
    uint32_t version;
    /** occupancyLevelMin: occupancy % from which the level is 1. Default 10. */
    double occupancy_level_min;
    /** occupancyLevelMed: occupancy % from which the level is 2. Default 35. */
    double occupancy_level_med;
    /** occupancyLevelMax: occupancy % from which the level is 3. Default 65. */
    double occupancy_level_max;
    /** occupancyNumFramesToEvent: frames a new occupancy level must hold. Default 5; >= 1. */
    int32_t occupancy_num_frames_to_event;
    /** fluidityLevelMin: fluidity % from which the level is 1. Default 10. */
    double fluidity_level_min;
    /** fluidityLevelMed: fluidity % from which the level is 2. Default 35. */
    double fluidity_level_med;
    /** fluidityLevelMax: fluidity % from which the level is 3. Default 65. */
    double fluidity_level_max;
    /** fluidityNumFramesToEvent: frames a new fluidity level must hold. Default 5; >= 1. */
    int32_t fluidity_num_frames_to_event;
    /** sendOpticalFlowEvent: 1 to send direction events. Default 0. */
    int32_t send_optical_flow_event;
    /** opticalFlowNumFramesToEvent: frames a new direction must hold. Default 3; >= 1. */
    int32_t optical_flow_num_frames_to_event;
    /** opticalFlowNumFramesToReset: frames without motion that forget the direction. Default 3;
     * >= 1. */
    int32_t optical_flow_num_frames_to_reset;
    /**
     * opticalFlowAngleOffset: degrees added to the measured direction,
     * reported = (measured + offset) mod 360, which turns the zero axis
     * counterclockwise. Default 0; finite.
     */
    double optical_flow_angle_offset;
    /**
     * Dead band in percentage points: a level is left downwards only when the
     * value falls below its threshold minus this. Default 3; 0 .. 50.
     */
    double dead_band;
    /**
     * Analysed frames after an event during which no other event of the same
     * kind fires for this region. Default 0; >= 0.
     */
    int32_t cooldown_frames;
    /**
     * Direction quantisation: 0 for continuous angles, or 4 or 8 sectors
     * centred on 0 (up). Continuous directions count as the same while they
     * are within half of 45 degrees. Default 8.
     */
    int32_t direction_sectors;
    /**
     * Least mean motion, in pixels of the processing image per analysed
     * frame, for a direction to be reported; below it the region has "no
     * motion". Default 0.2; >= 0.
     */
    double min_motion;
} vision_crowd_region_config;

/** Static initialiser for ::vision_crowd_region_config; identical bytes to
 * vision_crowd_region_config_init(). */
#define VISION_CROWD_REGION_CONFIG_INIT                                                            \
    {                                                                                              \
        VISION_CROWD_REGION_CONFIG_VERSION, 10.0, 35.0, 65.0, 5, 10.0, 35.0, 65.0, 5, 0, 3, 3,     \
            0.0, 3.0, 0, 8, 0.2                                                                    \
    }

/**
 * Fill a region config with the defaults of ::VISION_CROWD_REGION_CONFIG_INIT
 * (every byte, padding included).
 *
 * @param config the struct to fill; nothing happens when NULL.
 */
VISION_API void vision_crowd_region_config_init(vision_crowd_region_config *config);

/**
 * Set one field of a region config by name, from text: the form a command
 * line or a GStreamer property gives. Names are Kurento's camelCase
 * ("occupancyLevelMin", "sendOpticalFlowEvent", ...) or the field's own
 * snake_case name ("occupancy_level_min", "dead_band", ...). Booleans take
 * 1/0/true/false; numbers are read in the C locale whatever the process's.
 * The value is checked only for its form; vision_crowd_add_region() checks
 * ranges.
 *
 * @param config the config to change; must have been initialised.
 * @param name the field's name; borrowed for the call.
 * @param value the value as text; borrowed for the call.
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT (NULL pointer, or a value
 *         that is not a number or boolean), ::VISION_E_NOT_FOUND (unknown
 *         name) or ::VISION_E_STRUCT_VERSION.
 */
VISION_API int vision_crowd_region_config_set(vision_crowd_region_config *config, const char *name,
                                              const char *value);

/**
 * The names vision_crowd_region_config_set() knows, one at a time.
 *
 * @param index 0, 1, ... .
 * @return the Kurento (camelCase) name of field @p index, a static string,
 *         or NULL past the last one. The snake_case twin of each is the C
 *         field's name.
 */
VISION_API const char *vision_crowd_region_config_name(uint32_t index);

/* ------------------------------------------------------------------------ */
/* Handle                                                                   */
/* ------------------------------------------------------------------------ */

/**
 * Create a crowd analyser.
 *
 * @param[out] out receives the new handle; set to NULL on failure.
 * @param options the options, or NULL for the defaults; borrowed for the call.
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT (NULL @p out),
 *         ::VISION_E_STRUCT_VERSION, ::VISION_E_OPTION (a value out of range;
 *         vision_last_error() says which) or ::VISION_E_NO_MEMORY.
 */
VISION_API int vision_crowd_new(vision_crowd **out, const vision_crowd_options *options);

/**
 * Free a crowd analyser and everything it owns (region ids and results
 * included).
 *
 * @param crowd the handle; NULL does nothing.
 * @return ::VISION_OK, or ::VISION_E_REENTRANT when called from inside one of
 *         the handle's own callbacks (the handle is then not freed).
 */
VISION_API int vision_crowd_free(vision_crowd *crowd);

/**
 * The detail message of the handle's last failure.
 *
 * @param crowd the handle.
 * @return a NUL-terminated string owned by the handle, valid until its next
 *         failing call or its free; "" when nothing failed. NULL @p crowd
 *         gives "".
 */
VISION_API const char *vision_crowd_last_error(const vision_crowd *crowd);

/* ------------------------------------------------------------------------ */
/* Regions                                                                  */
/* ------------------------------------------------------------------------ */

/** A point of a region's polygon, relative to the frame: 0..1 of width and height. */
typedef struct vision_crowd_point {
    double x; /**< 0 = left edge, 1 = right edge. */
    double y; /**< 0 = top edge, 1 = bottom edge. */
} vision_crowd_point;

/** Longest region id, in bytes, without the terminating NUL. */
#define VISION_CROWD_REGION_ID_MAX 63

/**
 * Add a region of interest. Regions may be added at any time, also between
 * frames of a running stream; a new region starts with level 0 and no
 * direction, and its first figures come with the next analysed frame.
 *
 * The polygon is closed implicitly, may be concave, and is filled with the
 * even-odd rule. A pixel belongs to it when its centre does.
 *
 * @param crowd the handle.
 * @param id a unique name, 1 .. ::VISION_CROWD_REGION_ID_MAX bytes, no
 *        control characters; copied.
 * @param points @p point_count points; copied.
 * @param point_count 3 or more.
 * @param config the region's config, or NULL for the defaults; copied.
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT (NULL @p crowd or
 *         @p points), ::VISION_E_REGION (bad id, fewer than 3 points, a
 *         coordinate NaN or outside 0..1, zero area), ::VISION_E_EXISTS (the
 *         id is taken), ::VISION_E_STRUCT_VERSION, ::VISION_E_OPTION (a
 *         config value out of range), ::VISION_E_NO_MEMORY or
 *         ::VISION_E_REENTRANT.
 */
VISION_API int vision_crowd_add_region(vision_crowd *crowd, const char *id,
                                       const vision_crowd_point *points, size_t point_count,
                                       const vision_crowd_region_config *config);

/**
 * Change a region's polygon, its config, or both. A new polygon restarts the
 * region's figures and events (level 0, no direction); a new config alone
 * keeps the last reported levels and direction and restarts the counts
 * towards the next event.
 *
 * @param crowd the handle.
 * @param id the region's id.
 * @param points the new polygon, or NULL to keep it (then @p point_count is ignored).
 * @param point_count 3 or more when @p points is given.
 * @param config the new config, or NULL to keep it.
 * @return as vision_crowd_add_region(), with ::VISION_E_NOT_FOUND for an
 *         unknown id instead of ::VISION_E_EXISTS. On failure the region is
 *         unchanged.
 */
VISION_API int vision_crowd_update_region(vision_crowd *crowd, const char *id,
                                          const vision_crowd_point *points, size_t point_count,
                                          const vision_crowd_region_config *config);

/**
 * Remove a region.
 *
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT, ::VISION_E_NOT_FOUND or
 *         ::VISION_E_REENTRANT.
 */
VISION_API int vision_crowd_remove_region(vision_crowd *crowd, const char *id);

/**
 * The number of regions.
 *
 * @param[out] count receives it.
 * @param crowd the handle.
 * @return ::VISION_OK or ::VISION_E_INVALID_ARGUMENT.
 */
VISION_API int vision_crowd_region_count(size_t *count, const vision_crowd *crowd);

/* ------------------------------------------------------------------------ */
/* Events                                                                   */
/* ------------------------------------------------------------------------ */

/** Event type: a region's occupancy level changed. */
#define VISION_CROWD_EVENT_OCCUPANCY 1
/** Event type: a region's fluidity level changed. */
#define VISION_CROWD_EVENT_FLUIDITY 2
/** Event type: a region's direction of motion changed (needs sendOpticalFlowEvent). */
#define VISION_CROWD_EVENT_DIRECTION 3

/** Current layout version of ::vision_crowd_event. */
#define VISION_CROWD_EVENT_VERSION 1

/** An event, handed to the callback. Append-only; check @c version before reading newer fields. */
typedef struct vision_crowd_event {
    /** Layout version: ::VISION_CROWD_EVENT_VERSION. */
    uint32_t version;
    /** ::VISION_CROWD_EVENT_OCCUPANCY, ::VISION_CROWD_EVENT_FLUIDITY or
     * ::VISION_CROWD_EVENT_DIRECTION. */
    uint32_t type;
    /** The region's id; valid during the callback only. */
    const char *region_id;
    /** Occupancy or fluidity % of the frame that fired; for direction events, the motion. */
    double value;
    /** The new level 0..3 for occupancy and fluidity; -1 for direction. */
    int32_t level;
    /** Padding; zero. */
    int32_t reserved;
    /**
     * Direction events: the new direction in degrees, [0, 360), offset
     * applied (a sector's centre when quantised). Other events: -1.
     */
    double angle;
    /** The frame's pts_ns as the host gave it (::VISION_PTS_NONE when it had none). */
    int64_t pts_ns;
    /** Index of the frame among all frames given to vision_crowd_process(), from 0. */
    uint64_t frame_index;
} vision_crowd_event;

/** Static initialiser for ::vision_crowd_event (what a library event starts from). */
#define VISION_CROWD_EVENT_INIT                                                                    \
    {                                                                                              \
        VISION_CROWD_EVENT_VERSION, 0, NULL, 0.0, -1, 0, -1.0, VISION_PTS_NONE, 0                  \
    }

/**
 * Fill an event with the defaults of ::VISION_CROWD_EVENT_INIT.
 *
 * @param event the struct to fill; nothing happens when NULL.
 */
VISION_API void vision_crowd_event_init(vision_crowd_event *event);

/**
 * Receives events. Runs on the caller's thread inside vision_crowd_process().
 * @p event and everything it points to are valid during the call only.
 * Calling vision_crowd_process(), vision_crowd_free() or a region function on
 * the same handle from here returns ::VISION_E_REENTRANT; reading results is
 * allowed.
 */
typedef void (*vision_crowd_event_fn)(const vision_crowd_event *event, void *user_data);

/**
 * Set (or with NULL @p fn, clear) the event callback.
 *
 * @param crowd the handle.
 * @param fn the callback, or NULL.
 * @param user_data passed to @p fn untouched.
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT or ::VISION_E_REENTRANT.
 */
VISION_API int vision_crowd_set_callback(vision_crowd *crowd, vision_crowd_event_fn fn,
                                         void *user_data);

/* ------------------------------------------------------------------------ */
/* Processing and results                                                   */
/* ------------------------------------------------------------------------ */

/**
 * Analyse one frame (or, with analyse_every > 1, count it). Every pixel
 * format of frame.h is accepted. A change of frame size or format, and a
 * frame flagged ::VISION_FRAME_FLAG_DISCONTINUITY, restart the background
 * and motion learning with a warm-up (not an error). Events are delivered
 * through the callback before this returns.
 *
 * @param crowd the handle.
 * @param frame the frame, borrowed read-only for the call.
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT, the frame's
 *         vision_frame_validate() code (::VISION_E_STRUCT_VERSION,
 *         ::VISION_E_PIXEL_FORMAT, ::VISION_E_FRAME_SIZE,
 *         ::VISION_E_FRAME_STRIDE, ::VISION_E_FRAME_PLANE),
 *         ::VISION_E_NO_MEMORY, ::VISION_E_INTERNAL or ::VISION_E_REENTRANT.
 *         After a failure the handle is unchanged and usable.
 */
VISION_API int vision_crowd_process(vision_crowd *crowd, const vision_frame *frame);

/** Current layout version of ::vision_crowd_result. */
#define VISION_CROWD_RESULT_VERSION 1

/**
 * A region's latest figures, from the last analysed frame. Append-only: set
 * @c version to the layout you know (vision_crowd_result_init() does) and
 * the library fills that much.
 */
typedef struct vision_crowd_result {
    /** Layout version: ::VISION_CROWD_RESULT_VERSION. */
    uint32_t version;
    /** 1 when the region has figures (it has seen an analysed frame since it was added or
     * reshaped). */
    int32_t valid;
    /** The region's id; owned by the handle, valid until the region is removed or reshaped or the
     * handle freed. */
    const char *region_id;
    /** Occupancy %, 0..100. */
    double occupancy;
    /** Fluidity %, 0..100 (0 when there is no foreground). */
    double fluidity;
    /** 1 when there is motion and @c direction is meaningful, 0 for "no motion". */
    int32_t has_direction;
    /** The last reported occupancy level, 0..3. */
    int32_t occupancy_level;
    /** Direction in degrees, [0, 360), offset applied, not quantised; -1 with no motion. */
    double direction;
    /** Mean motion of the region, pixels of the processing image per analysed frame. */
    double motion;
    /** Pixels of the processing image inside the polygon. */
    uint32_t region_pixels;
    /** Of them, foreground. */
    uint32_t foreground_pixels;
    /** Of them, moving foreground. */
    uint32_t moving_pixels;
    /** Blocks whose motion was measured and gave the direction. */
    uint32_t motion_blocks;
    /** The last reported fluidity level, 0..3. */
    int32_t fluidity_level;
    /** 1 while the handle is warming up (no events). */
    int32_t warming_up;
    /** pts_ns of the analysed frame. */
    int64_t pts_ns;
    /** Index of the analysed frame. */
    uint64_t frame_index;
} vision_crowd_result;

/** Static initialiser for ::vision_crowd_result; identical bytes to vision_crowd_result_init(). */
#define VISION_CROWD_RESULT_INIT                                                                   \
    {                                                                                              \
        VISION_CROWD_RESULT_VERSION, 0, NULL, 0.0, 0.0, 0, 0, -1.0, 0.0, 0, 0, 0, 0, 0, 0,         \
            VISION_PTS_NONE, 0                                                                     \
    }

/**
 * Fill a result with the defaults of ::VISION_CROWD_RESULT_INIT.
 *
 * @param result the struct to fill; nothing happens when NULL.
 */
VISION_API void vision_crowd_result_init(vision_crowd_result *result);

/**
 * Read a region's latest figures by id.
 *
 * @param[out] result filled; its @c version must be set (vision_crowd_result_init()).
 * @param crowd the handle.
 * @param id the region's id.
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT, ::VISION_E_STRUCT_VERSION
 *         or ::VISION_E_NOT_FOUND.
 */
VISION_API int vision_crowd_get_result(vision_crowd_result *result, const vision_crowd *crowd,
                                       const char *id);

/**
 * Read a region's latest figures by position, 0 .. count - 1, in the order
 * the regions were added.
 *
 * @return as vision_crowd_get_result(), ::VISION_E_NOT_FOUND past the end.
 */
VISION_API int vision_crowd_get_result_at(vision_crowd_result *result, const vision_crowd *crowd,
                                          size_t index);

/**
 * Draw the last analysed frame's findings into a writable frame, as Kurento
 * did: region outlines, static foreground tinted red and moving foreground
 * tinted blue. The frame may be the one just analysed or another of any
 * size (the drawing is scaled to it).
 *
 * @param crowd the handle.
 * @param frame the frame to draw into: BGR, BGRx, RGB, RGBx, I420 or NV12;
 *        its planes are written.
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT, the frame's validation
 *         code, ::VISION_E_PIXEL_FORMAT (another format) or
 *         ::VISION_E_REENTRANT.
 */
VISION_API int vision_crowd_draw(vision_crowd *crowd, vision_frame *frame);

#ifdef __cplusplus
}
#endif

#endif /* VISION_CROWD_H */
