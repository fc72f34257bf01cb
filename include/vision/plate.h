/*
 * libvision: licence plates, found, read and tracked.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file plate.h
 * @brief Licence plate reading: still images and video with tracking.
 *
 * A ::vision_plate handle finds licence plates in frames, reads them (OCR
 * checked against the plate syntax of the countries asked for) and, in
 * video mode, follows each plate from frame to frame so that a plate that
 * stays in view is announced once.
 *
 * Typical use:
 * @code
 * vision_plate_options options = VISION_PLATE_OPTIONS_INIT;
 * vision_plate_countries_parse(&options.countries, "eu");
 * vision_plate *plate;
 * if (vision_plate_new(&plate, &options) != VISION_OK)
 *     fprintf(stderr, "%s\n", vision_last_error());
 * ...
 * if (vision_plate_process(plate, &frame) == VISION_OK) {
 *     for (uint32_t i = 0; i < vision_plate_result_count(plate); i++) {
 *         vision_plate_result result = VISION_PLATE_RESULT_INIT;
 *         vision_plate_get_result(&result, plate, i);
 *         printf("%s %.2f\n", result.text, result.confidence);
 *     }
 * }
 * vision_plate_free(plate);
 * @endcode
 *
 * Coordinates in results and events are in pixels of the frame given to
 * vision_plate_process(), origin at the top-left corner.
 *
 * Thread rules: a handle is used by one thread at a time (every function
 * taking a handle); different handles may run on different threads at the
 * same time. The functions without a handle are thread-safe. The library
 * never changes process-wide settings of OpenCV, Tesseract or the locale.
 */
#ifndef VISION_PLATE_H
#define VISION_PLATE_H

#include "common.h"
#include "frame.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A plate reader. Opaque; create with vision_plate_new(), destroy with vision_plate_free(). */
typedef struct vision_plate vision_plate;

/** @name Countries (bits of vision_plate_options::countries)
 *  The plate syntax tables to read with. Several may be set at once. @{ */
/** United States: the state formats. */
#define VISION_PLATE_COUNTRY_US 0x1u
/** Europe: the national formats (SK, DE, FR, IT, ES, PL, CZ, NL and more). */
#define VISION_PLATE_COUNTRY_EU 0x2u
/** Brazil: grey LLL-NNNN and Mercosur LLLNLNN. */
#define VISION_PLATE_COUNTRY_BR 0x4u
/** Every country this version knows. */
#define VISION_PLATE_COUNTRY_ALL 0x7u
/** @} */

/** @name Modes (vision_plate_options::mode) @{ */
/** Each frame is an unrelated still image: no tracking, no events. */
#define VISION_PLATE_MODE_STILL 0
/** Frames are consecutive video frames: plates are tracked and events fire. */
#define VISION_PLATE_MODE_VIDEO 1
/** @} */

/** Most points of the region of interest polygon. */
#define VISION_PLATE_ROI_MAX_POINTS 16
/** Most candidate readings kept per plate (vision_plate_options::top_n). */
#define VISION_PLATE_MAX_CANDIDATES 10
/** Size of every text buffer in results and events, terminating NUL included. */
#define VISION_PLATE_TEXT_SIZE 32

/** Current layout version of ::vision_plate_options. */
#define VISION_PLATE_OPTIONS_VERSION 1

/**
 * How a plate handle works. Fill with ::VISION_PLATE_OPTIONS_INIT or
 * vision_plate_options_init(), then change what you need. Copied by
 * vision_plate_new(); the struct and its strings may be freed afterwards.
 * Append-only: new fields come at the end with a new version.
 */
typedef struct vision_plate_options {
    /** Layout version: ::VISION_PLATE_OPTIONS_VERSION. */
    uint32_t version;
    /** Bit set of `VISION_PLATE_COUNTRY_*`; at least one. Default: ::VISION_PLATE_COUNTRY_ALL.
     *  vision_plate_countries_parse() turns "us,eu,br" into this. */
    uint32_t countries;
    /** ::VISION_PLATE_MODE_STILL (default) or ::VISION_PLATE_MODE_VIDEO. */
    int32_t mode;
    /** Candidate readings reported per plate, 1 .. ::VISION_PLATE_MAX_CANDIDATES. Default 5. */
    int32_t top_n;
    /** Plates whose best reading has a lower confidence (0..1) are not reported. Default 0.5. */
    double min_confidence;
    /** Narrowest plate looked for, in frame pixels; 0 = the library's default (about 40). */
    int32_t min_plate_width;
    /** Widest plate looked for, in frame pixels; 0 = no limit. */
    int32_t max_plate_width;
    /** Width in pixels of the image plates are searched in: frames wider than this are scaled
     *  down for the search (plates are still read at full resolution); 0 = full size (default). */
    int32_t analysis_width;
    /** Number of points in @ref roi; 0 = the whole frame (default), else 3 ..
     * ::VISION_PLATE_ROI_MAX_POINTS. */
    uint32_t roi_point_count;
    /** Region of interest: a polygon as x0, y0, x1, y1, ... relative to the frame (0..1, 0,0 is the
     *  top-left corner). Only plates whose centre lies inside are reported. */
    double roi[2 * VISION_PLATE_ROI_MAX_POINTS];
    /** Directory holding the OCR data (Tesseract's `tessdata`); NULL = the system's. Copied. */
    const char *ocr_data_path;
    /** Video mode: a track already read confidently is read again every this many frames
     *  (it is still located on every frame). 1 .. 1000; default 8. */
    int32_t reread_interval;
    /** Video mode: frames a track may go unseen before it ends. 1 .. 1000; default 12. */
    int32_t track_timeout;
    /** Video mode: the whole frame is searched for new plates every this many frames; on the
     *  frames between, only the surroundings of known tracks are searched. 1 = every frame;
     *  1 .. 100; default 3 (a plate entering the view is found within 3 frames). */
    int32_t scan_interval;
    /** Must be zero. */
    int32_t reserved;
} vision_plate_options;

/** Static initialiser for ::vision_plate_options; identical bytes to vision_plate_options_init().
 */
#define VISION_PLATE_OPTIONS_INIT                                                                  \
    {                                                                                              \
        VISION_PLATE_OPTIONS_VERSION, VISION_PLATE_COUNTRY_ALL, VISION_PLATE_MODE_STILL, 5, 0.5,   \
            0, 0, 0, 0, {0}, NULL, 8, 12, 3, 0                                                     \
    }

/**
 * Fill @p options with the defaults of ::VISION_PLATE_OPTIONS_INIT (every
 * byte written, padding included).
 *
 * @param options the struct to fill; nothing happens when NULL.
 */
VISION_API void vision_plate_options_init(vision_plate_options *options);

/**
 * Turn a comma-separated list of countries ("us", "eu", "br", "all"; case
 * and spaces ignored; e.g. "us,eu") into `VISION_PLATE_COUNTRY_*` bits.
 *
 * @param[out] countries the bit set; unchanged on failure.
 * @param text the list, NUL-terminated.
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT (NULL pointer) or
 *         ::VISION_E_OPTION (an unknown name or an empty list; the detail names it in
 *         vision_last_error()). Thread-safe.
 */
VISION_API int vision_plate_countries_parse(uint32_t *countries, const char *text);

/**
 * Create a plate handle. Loads the OCR data and the syntax tables.
 *
 * @param[out] out the new handle, or NULL on failure. Free it with vision_plate_free().
 * @param options the options (copied), or NULL for the defaults.
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT (NULL @p out),
 *         ::VISION_E_STRUCT_VERSION, ::VISION_E_OPTION (a value out of range),
 *         ::VISION_E_REGION (malformed region of interest), ::VISION_E_OCR_DATA
 *         (OCR data missing or unreadable: the detail names the path),
 *         ::VISION_E_UNSUPPORTED (built without plate support) or ::VISION_E_NO_MEMORY.
 *         The detail is in vision_last_error().
 */
VISION_API int vision_plate_new(vision_plate **out, const vision_plate_options *options);

/**
 * Destroy a handle. In video mode, tracks still open are dropped without END
 * events (call vision_plate_flush() first to get them).
 *
 * @param plate the handle; NULL does nothing.
 * @return ::VISION_OK, or ::VISION_E_REENTRANT when called from inside the
 *         handle's own callback (then nothing is freed and the handle stays
 *         valid), as vision_crowd_free() does.
 */
VISION_API int vision_plate_free(vision_plate *plate);

/**
 * The detail message of the handle's last failure.
 *
 * @param plate the handle.
 * @return a NUL-terminated string owned by the handle, valid until its next
 *         call; "" when nothing failed; "no handle" when @p plate is NULL.
 */
VISION_API const char *vision_plate_last_error(const vision_plate *plate);

/** @name Event types (vision_plate_event::type) @{ */
/** A track got its first confident reading. Once per appearance of a plate. */
#define VISION_PLATE_EVENT_NEW 1
/** The best reading of a track changed or its confidence rose clearly. */
#define VISION_PLATE_EVENT_UPDATE 2
/** The track ended (the plate left the view, or flush/discontinuity); carries its best reading. */
#define VISION_PLATE_EVENT_END 3
/** @} */

/** Current layout version of ::vision_plate_result. */
#define VISION_PLATE_RESULT_VERSION 1

/**
 * One plate in the last processed frame. Filled by vision_plate_get_result()
 * into a struct the caller owns. Append-only.
 */
typedef struct vision_plate_result {
    /** Layout version the caller knows: set it with ::VISION_PLATE_RESULT_INIT. */
    uint32_t version;
    /** Video mode: the track id (from 1, unique for the handle's life); still mode: -1. */
    int32_t track_id;
    /** The best reading: upper-case letters and digits, NUL-terminated. In video mode the
     *  best reading voted over the track's life so far. */
    char text[VISION_PLATE_TEXT_SIZE];
    /** Confidence of @ref text, 0..1. */
    float confidence;
    /** Number of characters in @ref text. */
    uint32_t char_count;
    /** Confidence of each character of @ref text, 0..1 (the reading it came from). */
    float char_confidence[VISION_PLATE_TEXT_SIZE];
    /** The syntax pattern @ref text matched, such as "us-3l4n", "eu-sk" or "br-mercosur"; "" when
     * none. */
    char pattern[VISION_PLATE_TEXT_SIZE];
    /** Axis-aligned box around the plate in this frame: x, y, width, height in pixels. */
    int32_t box[4];
    /** The plate's four corners in this frame, x then y of top-left, top-right, bottom-right,
     *  bottom-left. */
    double corners[8];
    /** Number of candidates, 1 .. top_n; candidates[0] is @ref text. */
    uint32_t candidate_count;
    /** Confidence of each candidate, 0..1, best first. */
    float candidate_confidence[VISION_PLATE_MAX_CANDIDATES];
    /** Candidate readings, best first, NUL-terminated. */
    char candidates[VISION_PLATE_MAX_CANDIDATES][VISION_PLATE_TEXT_SIZE];
    /** How sure the detector is that this is a plate, 0..1. */
    float detection_score;
} vision_plate_result;

/** Static initialiser for ::vision_plate_result; identical bytes to vision_plate_result_init(). */
#define VISION_PLATE_RESULT_INIT                                                                   \
    {                                                                                              \
        VISION_PLATE_RESULT_VERSION, -1, {0}, 0.0f, 0, {0}, {0}, {0, 0, 0, 0}, {0}, 0, {0}, {{0}}, \
            0.0f                                                                                   \
    }

/**
 * Fill @p result with the bytes of ::VISION_PLATE_RESULT_INIT.
 *
 * @param result the struct; nothing happens when NULL.
 */
VISION_API void vision_plate_result_init(vision_plate_result *result);

/** Current layout version of ::vision_plate_event. */
#define VISION_PLATE_EVENT_VERSION 1

/**
 * A video-mode event, handed to the callback. Its memory is valid during
 * the callback only. Append-only: check @ref version before reading fields
 * added later. The plate fields mean what they mean in ::vision_plate_result.
 */
typedef struct vision_plate_event {
    /** Layout version the library filled: ::VISION_PLATE_EVENT_VERSION. */
    uint32_t version;
    /** `VISION_PLATE_EVENT_*`. */
    int32_t type;
    /** The frame that produced the event (for END, the frame that ended the track; after
     *  vision_plate_flush(), the last frame processed): its timestamp or ::VISION_PTS_NONE. */
    int64_t pts_ns;
    /** Index of that frame: frames given to vision_plate_process() since the handle was made, from
     * 0. */
    int64_t frame_index;
    /** Index of the frame where the track was first seen. */
    int64_t first_frame_index;
    /** Timestamp of the frame where the track was first seen. */
    int64_t first_pts_ns;
    /** Index of the frame where the track was last seen. */
    int64_t last_frame_index;
    /** Timestamp of the frame where the track was last seen. */
    int64_t last_pts_ns;
    /** The track (from 1, unique for the handle's life). */
    int32_t track_id;
    /** How many readings of the track were voted over so far. */
    uint32_t reading_count;
    /** The track's best reading (voted over its readings so far). */
    char text[VISION_PLATE_TEXT_SIZE];
    /** For UPDATE: the text announced before; "" otherwise. */
    char previous_text[VISION_PLATE_TEXT_SIZE];
    /** Confidence of @ref text, 0..1. */
    float confidence;
    /** Number of characters in @ref text. */
    uint32_t char_count;
    /** Confidence of each character of @ref text, 0..1. */
    float char_confidence[VISION_PLATE_TEXT_SIZE];
    /** The syntax pattern @ref text matched; "" when none. */
    char pattern[VISION_PLATE_TEXT_SIZE];
    /** The plate's box where it was last seen: x, y, width, height in frame pixels. */
    int32_t box[4];
    /** The plate's corners where it was last seen (as in ::vision_plate_result). */
    double corners[8];
    /** Number of candidates, 1 .. top_n; candidates[0] is @ref text. */
    uint32_t candidate_count;
    /** Voted confidence of each candidate, 0..1, best first. */
    float candidate_confidence[VISION_PLATE_MAX_CANDIDATES];
    /** Candidate readings of the track, best first. */
    char candidates[VISION_PLATE_MAX_CANDIDATES][VISION_PLATE_TEXT_SIZE];
    /** Must be ignored (keeps the layout free of padding). */
    uint32_t reserved;
} vision_plate_event;

/** Static initialiser for ::vision_plate_event; identical bytes to vision_plate_event_init(). */
#define VISION_PLATE_EVENT_INIT                                                                    \
    {                                                                                              \
        VISION_PLATE_EVENT_VERSION, 0, VISION_PTS_NONE, 0, 0, VISION_PTS_NONE, 0, VISION_PTS_NONE, \
            0, 0, {0}, {0}, 0.0f, 0, {0}, {0}, {0, 0, 0, 0}, {0}, 0, {0}, {{0}}, 0                 \
    }

/**
 * Fill @p event with the bytes of ::VISION_PLATE_EVENT_INIT.
 *
 * @param event the struct; nothing happens when NULL.
 */
VISION_API void vision_plate_event_init(vision_plate_event *event);

/**
 * The event callback: @p event is valid during the call only. Runs on the
 * caller's thread inside vision_plate_process() or vision_plate_flush().
 * It may read results of the handle but not call vision_plate_process(),
 * vision_plate_flush() or vision_plate_free() on it (::VISION_E_REENTRANT).
 */
typedef void (*vision_plate_event_fn)(const vision_plate_event *event, void *user_data);

/**
 * Set (or with a NULL @p fn, remove) the event callback of a handle.
 *
 * @param plate the handle.
 * @param fn the callback, or NULL.
 * @param user_data passed to @p fn untouched; may be NULL.
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT (NULL @p plate) or
 *         ::VISION_E_REENTRANT (called from inside the callback).
 */
VISION_API int vision_plate_set_callback(vision_plate *plate, vision_plate_event_fn fn,
                                         void *user_data);

/**
 * Find, read and (video mode) track the plates of one frame.
 *
 * Results replace those of the previous frame: read them with
 * vision_plate_result_count() and vision_plate_get_result(). In video mode
 * events fire from inside this call. A frame with
 * ::VISION_FRAME_FLAG_DISCONTINUITY first ends every open track.
 *
 * @param plate the handle.
 * @param frame a frame of any ::vision_pixel_format; borrowed for this call only.
 * @return ::VISION_OK; ::VISION_E_INVALID_ARGUMENT (NULL pointer), a frame
 *         error of vision_frame_validate(), ::VISION_E_REENTRANT,
 *         ::VISION_E_NO_MEMORY or ::VISION_E_INTERNAL. On failure the frame
 *         yields no results and the handle stays usable; a frame refused by
 *         validation leaves the tracks untouched, a failure while reading may
 *         have updated them with what the frame showed.
 */
VISION_API int vision_plate_process(vision_plate *plate, const vision_frame *frame);

/**
 * End every open track now (END events for tracks that were announced), as
 * at the end of a stream. Results of the last frame stay readable.
 *
 * @param plate the handle.
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT or ::VISION_E_REENTRANT.
 */
VISION_API int vision_plate_flush(vision_plate *plate);

/**
 * Number of plates found in the last processed frame (0 before the first
 * frame and after a failed one). In video mode these are the tracks seen in
 * that frame with a confident reading.
 *
 * @param plate the handle; NULL gives 0.
 */
VISION_API uint32_t vision_plate_result_count(const vision_plate *plate);

/**
 * Copy one plate of the last processed frame into @p result.
 *
 * @param[out] result the caller's struct, its `version` set (::VISION_PLATE_RESULT_INIT);
 *        fields of that version are filled.
 * @param plate the handle.
 * @param index 0 .. vision_plate_result_count() - 1; best plate first.
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT (NULL pointer or @p index
 *         out of range) or ::VISION_E_STRUCT_VERSION. Does not change the handle's last error
 *         (the thread's is set).
 */
VISION_API int vision_plate_get_result(vision_plate_result *result, const vision_plate *plate,
                                       uint32_t index);

/**
 * Draw the plates of the last processed frame (outline and text) into a
 * frame, usually the one just processed.
 *
 * @param plate the handle.
 * @param frame a writable frame of any ::vision_pixel_format; it may differ in
 *        size from the processed one (coordinates are scaled to it).
 * @return ::VISION_OK, ::VISION_E_INVALID_ARGUMENT or a frame error of vision_frame_validate().
 */
VISION_API int vision_plate_draw(vision_plate *plate, vision_frame *frame);

#ifdef __cplusplus
}
#endif

#endif /* VISION_PLATE_H */
