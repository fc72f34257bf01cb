/*
 * The plate handle: options, frames in, results out.
 *
 * Each frame is turned into a full-resolution gray image (no copy for GRAY8
 * and YUV frames: their luma plane is used in place), plus a smaller gray
 * image for the search when options.analysis_width asks for one. The reader
 * (plate_reader.h) finds plate regions in the search image; they are mapped
 * back to frame pixels, filtered by width and region of interest, and read
 * at full resolution. Still mode reports every confident reading; video mode
 * hands the regions to the tracker (plate_track.c).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "vision/plate.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/error.h"
#include "plate_internal.h"

/* Regions overlapping an earlier (better) one by more than this are the
 * same plate found twice. */
#define DUPLICATE_IOU 0.5f
/* Smallest search image worth searching. */
#define MIN_SEARCH_WIDTH 32
#define MIN_SEARCH_HEIGHT 16

void vision_plate_options_init(vision_plate_options *options)
{
    if (!options)
        return;
    memset(options, 0, sizeof *options);
    options->version = VISION_PLATE_OPTIONS_VERSION;
    options->countries = VISION_PLATE_COUNTRY_ALL;
    options->mode = VISION_PLATE_MODE_STILL;
    options->top_n = 5;
    options->min_confidence = 0.5;
    options->ocr_data_path = NULL;
    options->reread_interval = 8;
    options->track_timeout = 12;
    options->scan_interval = 3;
}

void vision_plate_result_init(vision_plate_result *result)
{
    if (!result)
        return;
    memset(result, 0, sizeof *result);
    result->version = VISION_PLATE_RESULT_VERSION;
    result->track_id = -1;
}

void vision_plate_event_init(vision_plate_event *event)
{
    if (!event)
        return;
    memset(event, 0, sizeof *event);
    event->version = VISION_PLATE_EVENT_VERSION;
    event->pts_ns = VISION_PTS_NONE;
    event->first_pts_ns = VISION_PTS_NONE;
    event->last_pts_ns = VISION_PTS_NONE;
}

int vision_plate_countries_parse(uint32_t *countries, const char *text)
{
    if (!countries || !text)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "countries or text is NULL");
    static const struct {
        const char *name;
        uint32_t bits;
    } names[] = {{"us", VISION_PLATE_COUNTRY_US},
                 {"eu", VISION_PLATE_COUNTRY_EU},
                 {"br", VISION_PLATE_COUNTRY_BR},
                 {"all", VISION_PLATE_COUNTRY_ALL}};
    uint32_t bits = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == ',' || *p == '\t')
            p++;
        if (!*p)
            break;
        char word[8];
        size_t n = 0;
        const char *start = p;
        while (*p && *p != ',' && *p != ' ' && *p != '\t') {
            if (n + 1 < sizeof word)
                word[n] = (char)tolower((unsigned char)*p);
            n++;
            p++;
        }
        int known = 0;
        if (n < sizeof word) {
            word[n] = '\0';
            for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
                if (strcmp(word, names[i].name) == 0) {
                    bits |= names[i].bits;
                    known = 1;
                }
            }
        }
        if (!known)
            return vis_fail(NULL, VISION_E_OPTION,
                            "unknown country \"%.*s\" (known: us, eu, br, all)",
                            (int)(n > 32 ? 32 : n), start);
    }
    if (!bits)
        return vis_fail(NULL, VISION_E_OPTION, "no country in \"%.32s\"", text);
    *countries = bits;
    return VISION_OK;
}

static int check_options(const vision_plate_options *o)
{
    if (o->version != VISION_PLATE_OPTIONS_VERSION)
        return vis_fail(NULL, VISION_E_STRUCT_VERSION,
                        "vision_plate_options version %u is not %u (use VISION_PLATE_OPTIONS_INIT)",
                        o->version, VISION_PLATE_OPTIONS_VERSION);
    if (!o->countries || (o->countries & ~VISION_PLATE_COUNTRY_ALL))
        return vis_fail(NULL, VISION_E_OPTION, "countries 0x%x: set one or more of 0x%x",
                        o->countries, VISION_PLATE_COUNTRY_ALL);
    if (o->mode != VISION_PLATE_MODE_STILL && o->mode != VISION_PLATE_MODE_VIDEO)
        return vis_fail(NULL, VISION_E_OPTION, "mode %d is neither still (0) nor video (1)",
                        o->mode);
    if (o->top_n < 1 || o->top_n > VISION_PLATE_MAX_CANDIDATES)
        return vis_fail(NULL, VISION_E_OPTION, "top_n %d is outside 1..%d", o->top_n,
                        VISION_PLATE_MAX_CANDIDATES);
    if (!(o->min_confidence >= 0.0 && o->min_confidence <= 1.0))
        return vis_fail(NULL, VISION_E_OPTION, "min_confidence %g is outside 0..1",
                        o->min_confidence);
    if (o->min_plate_width < 0 || o->max_plate_width < 0 ||
        o->min_plate_width > (int32_t)VISION_FRAME_MAX_DIMENSION ||
        o->max_plate_width > (int32_t)VISION_FRAME_MAX_DIMENSION)
        return vis_fail(NULL, VISION_E_OPTION, "plate widths %d..%d: use 0..%u", o->min_plate_width,
                        o->max_plate_width, VISION_FRAME_MAX_DIMENSION);
    if (o->max_plate_width && o->max_plate_width < o->min_plate_width)
        return vis_fail(NULL, VISION_E_OPTION, "max_plate_width %d is below min_plate_width %d",
                        o->max_plate_width, o->min_plate_width);
    if (o->analysis_width < 0 || o->analysis_width > (int32_t)VISION_FRAME_MAX_DIMENSION ||
        (o->analysis_width > 0 && o->analysis_width < 64))
        return vis_fail(NULL, VISION_E_OPTION, "analysis_width %d: use 0 or 64..%u",
                        o->analysis_width, VISION_FRAME_MAX_DIMENSION);
    if (o->reread_interval < 1 || o->reread_interval > 1000)
        return vis_fail(NULL, VISION_E_OPTION, "reread_interval %d is outside 1..1000",
                        o->reread_interval);
    if (o->track_timeout < 1 || o->track_timeout > 1000)
        return vis_fail(NULL, VISION_E_OPTION, "track_timeout %d is outside 1..1000",
                        o->track_timeout);
    if (o->scan_interval < 1 || o->scan_interval > 100)
        return vis_fail(NULL, VISION_E_OPTION, "scan_interval %d is outside 1..100",
                        o->scan_interval);
    if (o->reserved != 0)
        return vis_fail(NULL, VISION_E_OPTION, "reserved is %d, must be 0", o->reserved);
    if (o->roi_point_count) {
        if (o->roi_point_count < 3 || o->roi_point_count > VISION_PLATE_ROI_MAX_POINTS)
            return vis_fail(NULL, VISION_E_REGION, "roi has %u points: use 0 or 3..%d",
                            o->roi_point_count, VISION_PLATE_ROI_MAX_POINTS);
        double area = 0;
        for (uint32_t i = 0; i < o->roi_point_count; i++) {
            double x = o->roi[2 * i], y = o->roi[2 * i + 1];
            if (!(x >= 0.0 && x <= 1.0 && y >= 0.0 && y <= 1.0))
                return vis_fail(NULL, VISION_E_REGION,
                                "roi point %u (%g, %g) is outside 0..1 or NaN", i, x, y);
            uint32_t j = (i + 1) % o->roi_point_count;
            area += x * o->roi[2 * j + 1] - o->roi[2 * j] * y;
        }
        if (fabs(area) < 1e-9)
            return vis_fail(NULL, VISION_E_REGION, "roi polygon has zero area");
    }
    return VISION_OK;
}

/* The OCR data must be a readable directory; say so clearly before the
 * OCR engine gives a vaguer message. */
static int check_ocr_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return vis_fail(NULL, VISION_E_OCR_DATA, "OCR data directory \"%.180s\" does not exist",
                        path);
    if (!S_ISDIR(st.st_mode))
        return vis_fail(NULL, VISION_E_OCR_DATA, "OCR data path \"%.180s\" is not a directory",
                        path);
    if (access(path, R_OK | X_OK) != 0)
        return vis_fail(NULL, VISION_E_OCR_DATA, "OCR data directory \"%.180s\" is not readable",
                        path);
    return VISION_OK;
}

int vision_plate_new(vision_plate **out, const vision_plate_options *options)
{
    if (!out)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "out is NULL");
    *out = NULL;
    vision_plate_options defaults;
    if (!options) {
        vision_plate_options_init(&defaults);
        options = &defaults;
    }
    int rc = check_options(options);
    if (rc)
        return rc;
    if (options->ocr_data_path && (rc = check_ocr_path(options->ocr_data_path)))
        return rc;

    vision_plate *plate = vis_calloc(1, sizeof *plate);
    if (!plate)
        return vis_fail(NULL, VISION_E_NO_MEMORY, "no memory for the plate handle");
    plate->options = *options;
    if (options->ocr_data_path) {
        plate->ocr_data_path = vis_strdup(options->ocr_data_path);
        if (!plate->ocr_data_path) {
            vis_free(plate);
            return vis_fail(NULL, VISION_E_NO_MEMORY, "no memory for the OCR data path");
        }
    }
    plate->options.ocr_data_path = plate->ocr_data_path;
    plate->tracker.next_id = 1;

    plate_reader_config config;
    memset(&config, 0, sizeof config);
    config.countries = options->countries; /* the public bits equal PLATE_COUNTRY_* */
    /* Widths are in frame pixels; they equal search-image pixels only when
     * the frame is searched at full size. Otherwise the handle filters. */
    if (!options->analysis_width) {
        config.min_plate_width = options->min_plate_width;
        config.max_plate_width = options->max_plate_width;
    }
    config.max_candidates = options->top_n < 5 ? 5 : options->top_n; /* voting needs a few */
    config.ocr_data_path = plate->ocr_data_path;
    rc = plate_reader_new(&plate->reader, &config, &plate->errors);
    if (rc) {
        vis_free(plate->ocr_data_path);
        vis_free(plate);
        return rc; /* the reader recorded the detail */
    }
    plate_reader_set_thorough(plate->reader, options->mode == VISION_PLATE_MODE_STILL);
    *out = plate;
    return VISION_OK;
}

int vision_plate_free(vision_plate *plate)
{
    if (!plate)
        return VISION_OK;
    if (plate->in_callback)
        return vis_fail(&plate->errors, VISION_E_REENTRANT,
                        "vision_plate_free called from inside the handle's callback: ignored");
    plate_reader_free(plate->reader);
    vis_image_buffer_release(&plate->gray_buffer);
    vis_image_buffer_release(&plate->small_buffer);
    vis_image_buffer_release(&plate->bgr_buffer);
    vis_free(plate->ocr_data_path);
    vis_free(plate);
    return VISION_OK;
}

const char *vision_plate_last_error(const vision_plate *plate)
{
    return plate ? plate->errors.message : "no handle";
}

int vision_plate_set_callback(vision_plate *plate, vision_plate_event_fn fn, void *user_data)
{
    if (!plate)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "plate is NULL");
    if (plate->in_callback)
        return vis_fail(&plate->errors, VISION_E_REENTRANT,
                        "vision_plate_set_callback called from inside the callback");
    plate->callback = fn;
    plate->user_data = user_data;
    return VISION_OK;
}

/* Area shared by two boxes (x, y, w, h). */
static double box_intersection(const int *a, const int *b)
{
    int x0 = a[0] > b[0] ? a[0] : b[0];
    int y0 = a[1] > b[1] ? a[1] : b[1];
    int x1 = a[0] + a[2] < b[0] + b[2] ? a[0] + a[2] : b[0] + b[2];
    int y1 = a[1] + a[3] < b[1] + b[3] ? a[1] + a[3] : b[1] + b[3];
    return x1 > x0 && y1 > y0 ? (double)(x1 - x0) * (y1 - y0) : 0.0;
}

float plate_box_iou(const int *a, const int *b)
{
    double inter = box_intersection(a, b);
    double uni = (double)a[2] * a[3] + (double)b[2] * b[3] - inter;
    return inter > 0 && uni > 0 ? (float)(inter / uni) : 0.0f;
}

static int point_in_polygon(double x, double y, const double *poly, uint32_t n)
{
    int inside = 0;
    for (uint32_t i = 0, j = n - 1; i < n; j = i++) {
        double xi = poly[2 * i], yi = poly[2 * i + 1];
        double xj = poly[2 * j], yj = poly[2 * j + 1];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
    }
    return inside;
}

static void copy_text(char *dst, size_t size, const char *src)
{
    size_t n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void plate_result_from_reading(vision_plate_result *result, const plate_reading *reading,
                               const plate_region *where, int top_n)
{
    vision_plate_result_init(result);
    const plate_candidate *best = &reading->candidates[0];
    copy_text(result->text, sizeof result->text, best->text);
    copy_text(result->pattern, sizeof result->pattern, best->pattern);
    result->confidence = best->confidence;
    result->char_count = (uint32_t)strlen(result->text);
    for (uint32_t i = 0; i < result->char_count && i < PLATE_TEXT_MAX; i++)
        result->char_confidence[i] = reading->char_confidence[i];
    int n = reading->candidate_count < top_n ? reading->candidate_count : top_n;
    for (int i = 0; i < n; i++) {
        copy_text(result->candidates[i], sizeof result->candidates[i], reading->candidates[i].text);
        result->candidate_confidence[i] = reading->candidates[i].confidence;
    }
    result->candidate_count = (uint32_t)n;
    for (int i = 0; i < 4; i++)
        result->box[i] = where->box[i];
    for (int i = 0; i < 4; i++) {
        result->corners[2 * i] = where->corners[i][0];
        result->corners[2 * i + 1] = where->corners[i][1];
    }
    result->detection_score = where->score;
}

/* Scale a region found in the search image to frame pixels. */
static void scale_region(plate_region *region, double sx, double sy, int width, int height)
{
    for (int i = 0; i < 4; i++) {
        region->corners[i][0] = (float)(region->corners[i][0] * sx);
        region->corners[i][1] = (float)(region->corners[i][1] * sy);
    }
    int x0 = (int)floor(region->box[0] * sx), y0 = (int)floor(region->box[1] * sy);
    int x1 = (int)ceil((region->box[0] + region->box[2]) * sx);
    int y1 = (int)ceil((region->box[1] + region->box[3]) * sy);
    if (x0 < 0)
        x0 = 0;
    if (y0 < 0)
        y0 = 0;
    if (x1 > width)
        x1 = width;
    if (y1 > height)
        y1 = height;
    region->box[0] = x0;
    region->box[1] = y0;
    region->box[2] = x1 > x0 ? x1 - x0 : 0;
    region->box[3] = y1 > y0 ? y1 - y0 : 0;
}

/* Whether the smaller of two boxes lies mostly inside the larger: a line
 * of a plate (Mercosur's "BRASIL" band, a US state name) found beside the
 * plate itself, or the plate found again with its frame. */
int plate_box_nested(const int *a, const int *b)
{
    double inter = box_intersection(a, b);
    double area_a = (double)a[2] * a[3], area_b = (double)b[2] * b[3];
    double smaller = area_a < area_b ? area_a : area_b;
    return inter > 0 && smaller > 0 && inter / smaller > PLATE_NESTED_SHARE;
}

/* Drop regions outside the width limits or the region of interest, and
 * duplicates of better ones (overlapping). Returns how many are left (compacted). */
static int filter_regions(const vision_plate *plate, plate_region *regions, int count, int width,
                          int height)
{
    const vision_plate_options *o = &plate->options;
    int kept = 0;
    for (int i = 0; i < count; i++) {
        plate_region *r = &regions[i];
        if (r->box[2] <= 0 || r->box[3] <= 0)
            continue;
        if (o->min_plate_width && r->box[2] < o->min_plate_width)
            continue;
        if (o->max_plate_width && r->box[2] > o->max_plate_width)
            continue;
        if (o->roi_point_count) {
            double cx = (r->box[0] + r->box[2] * 0.5) / width;
            double cy = (r->box[1] + r->box[3] * 0.5) / height;
            if (!point_in_polygon(cx, cy, o->roi, o->roi_point_count))
                continue;
        }
        int duplicate = 0;
        for (int k = 0; k < kept && !duplicate; k++)
            duplicate = plate_box_iou(regions[k].box, r->box) > DUPLICATE_IOU;
        if (duplicate)
            continue;
        regions[kept++] = *r;
    }
    return kept;
}

/* The search box of the region of interest in search-image pixels, or NULL
 * when the whole image is searched. */
static const int *roi_search_box(const vision_plate *plate, int width, int height, int *box)
{
    const vision_plate_options *o = &plate->options;
    if (!o->roi_point_count)
        return NULL;
    double x0 = 1, y0 = 1, x1 = 0, y1 = 0;
    for (uint32_t i = 0; i < o->roi_point_count; i++) {
        double x = o->roi[2 * i], y = o->roi[2 * i + 1];
        x0 = x < x0 ? x : x0;
        x1 = x > x1 ? x : x1;
        y0 = y < y0 ? y : y0;
        y1 = y > y1 ? y : y1;
    }
    /* Widen by a margin: plates whose centre is inside may stick out. */
    double mx = 0.05, my = 0.05;
    int bx0 = (int)floor((x0 - mx) * width), by0 = (int)floor((y0 - my) * height);
    int bx1 = (int)ceil((x1 + mx) * width), by1 = (int)ceil((y1 + my) * height);
    bx0 = bx0 < 0 ? 0 : bx0;
    by0 = by0 < 0 ? 0 : by0;
    bx1 = bx1 > width ? width : bx1;
    by1 = by1 > height ? height : by1;
    box[0] = bx0;
    box[1] = by0;
    box[2] = bx1 - bx0;
    box[3] = by1 - by0;
    return box;
}

/* Detect into plate->regions[*count ..], keeping the total in bounds. */
static int detect_into(vision_plate *plate, const vis_image *image, const int *search, int *count)
{
    int found = 0;
    int rc = plate_reader_detect(plate->reader, image, search, plate->regions + *count,
                                 PLATE_MAX_REGIONS - *count, &found, &plate->errors);
    if (rc)
        return rc;
    if (found < 0)
        found = 0;
    if (found > PLATE_MAX_REGIONS - *count)
        found = PLATE_MAX_REGIONS - *count;
    *count += found;
    return VISION_OK;
}

/*
 * Where to look. Still mode, and video mode on every scan_interval-th
 * frame: the whole image (or the region of interest). Video mode in
 * between: only around the tracks, where they are expected now; with no
 * track, nowhere. That keeps the cost of an empty road low while a plate
 * that enters is found within scan_interval frames.
 */
static int find_regions(vision_plate *plate, const vis_image *image, int frame_width,
                        int frame_height, int *count)
{
    *count = 0;
    int box[4];
    const int *roi = roi_search_box(plate, image->width, image->height, box);
    int video = plate->options.mode == VISION_PLATE_MODE_VIDEO;
    if (!video || plate->frame_index % plate->options.scan_interval == 0)
        return detect_into(plate, image, roi, count);
    double sx = (double)image->width / frame_width, sy = (double)image->height / frame_height;
    const plate_tracker *tracker = &plate->tracker;
    for (int i = 0; i < tracker->count && *count < PLATE_MAX_REGIONS; i++) {
        const plate_track *t = &tracker->tracks[i];
        if (plate->frame_index - t->last_frame > plate->options.scan_interval ||
            !plate_track_worth_following(plate, t))
            continue; /* lost for a while, or illegible so far: left to the next full scan */
        double dt = (double)(plate->frame_index - t->last_frame);
        double w = t->region.box[2], h = t->region.box[3];
        double x = t->region.box[0] + t->vx * dt, y = t->region.box[1] + t->vy * dt;
        /* A margin of a plate width (or more for fast plates) each side. */
        double mx = w + fabs(t->vx) * 2, my = h * 1.5 + fabs(t->vy) * 2;
        int x0 = (int)floor((x - mx) * sx), y0 = (int)floor((y - my) * sy);
        int x1 = (int)ceil((x + w + mx) * sx), y1 = (int)ceil((y + h + my) * sy);
        x0 = x0 < 0 ? 0 : x0;
        y0 = y0 < 0 ? 0 : y0;
        x1 = x1 > image->width ? image->width : x1;
        y1 = y1 > image->height ? image->height : y1;
        if (x1 - x0 < MIN_SEARCH_WIDTH || y1 - y0 < MIN_SEARCH_HEIGHT)
            continue;
        int window[4] = {x0, y0, x1 - x0, y1 - y0};
        int rc = detect_into(plate, image, window, count);
        if (rc)
            return rc;
    }
    return VISION_OK;
}

/*
 * How likely a still-mode result is THE plate of the picture, to order the
 * results: the reading's confidence, weighed by how plate-like the detector
 * found the region (a row of characters of one height, the plate's shape),
 * by how sure the classifier was of each character on average (a pattern
 * fitted to doubtful glyphs, text of a sign or a grille, scores high by
 * confidence alone when its pattern allows many readings) and by how many
 * characters it has (a plate has five or more; two or three glyphs read
 * confidently are usually a fragment).
 */
#define RANK_DETECTION_WEIGHT 0.7f
#define RANK_SHORT_PENALTY 0.1f
#define RANK_SHORT_BELOW 6
#define RANK_EDGE_PIXELS 2
#define RANK_EDGE_FACTOR 0.6f
/* Plates are dark characters on a light ground, bar a few old or special
 * series; light text on a dark ground is far more often a sign, a
 * watermark or a timestamp set into the picture. */
#define RANK_LIGHT_INK 0.4f
static float still_rank(const vision_plate_result *r, int width, int height)
{
    float mean = 0;
    for (uint32_t k = 0; k < r->char_count; k++)
        mean += r->char_confidence[k];
    mean = r->char_count ? mean / (float)r->char_count : 0;
    float det = r->detection_score < 0 ? 0 : r->detection_score > 1 ? 1 : r->detection_score;
    int short_by = RANK_SHORT_BELOW - (int)r->char_count;
    float length = short_by > 0 ? 1.0f - RANK_SHORT_PENALTY * (float)short_by : 1.0f;
    if (length < 0)
        length = 0;
    /* A region against the picture's edge is a plate cut off (read in
     * part) or text set into the picture (a camera's timestamp). */
    float edge = r->box[0] <= RANK_EDGE_PIXELS || r->box[1] <= RANK_EDGE_PIXELS ||
                         r->box[0] + r->box[2] >= width - RANK_EDGE_PIXELS ||
                         r->box[1] + r->box[3] >= height - RANK_EDGE_PIXELS
                     ? RANK_EDGE_FACTOR
                     : 1.0f;
    return r->confidence * (1.0f - RANK_DETECTION_WEIGHT + RANK_DETECTION_WEIGHT * det) * mean *
           length * edge;
}

static int by_rank(const void *a, const void *b)
{
    const plate_ranked *ra = a, *rb = b;
    return (ra->rank < rb->rank) - (ra->rank > rb->rank);
}

/* A result whose region lies mostly inside a better-ranked one and ranks
 * under this share of it is part of that plate (a line of it, a frame
 * screw read as text) or text on it, not a plate of its own. */
#define NESTED_RANK_SHARE 0.5f

static int read_still(vision_plate *plate, const vis_image *gray, const vis_image *bgr,
                      const plate_region *regions, int count)
{
    plate_ranked *found = plate->ranked;
    int n = 0;
    for (int i = 0; i < count; i++) {
        plate_reading *reading = &plate->reading;
        memset(reading, 0, sizeof *reading);
        int rc = plate_reader_read(plate->reader, gray, bgr, &regions[i], reading, &plate->errors);
        if (rc)
            return rc;
        if (reading->candidate_count < 1 ||
            reading->candidates[0].confidence < plate->options.min_confidence)
            continue;
        /* Report the detector's region: it is the plate's outline, the
         * reader's refined one only hugs the characters. */
        const plate_region *where = &regions[i];
        /* Two regions may turn out, once read, to be the same plate. */
        int duplicate = 0;
        for (int k = 0; k < n && !duplicate; k++)
            duplicate = plate_box_iou(found[k].result.box, where->box) > DUPLICATE_IOU;
        if (duplicate)
            continue;
        vision_plate_result *result = &found[n].result;
        plate_result_from_reading(result, reading, where, plate->options.top_n);
        result->detection_score = regions[i].score;
        found[n].rank = still_rank(result, gray->width, gray->height) *
                        (reading->light_ink ? RANK_LIGHT_INK : 1.0f);
        n++;
    }
    qsort(found, (size_t)n, sizeof found[0], by_rank);
    plate->result_count = 0;
    for (int i = 0; i < n; i++) {
        int nested = 0;
        for (int k = 0; k < i && !nested; k++)
            nested = found[i].rank < NESTED_RANK_SHARE * found[k].rank &&
                     plate_box_nested(found[i].result.box, found[k].result.box) &&
                     (double)found[i].result.box[2] * found[i].result.box[3] <=
                         (double)found[k].result.box[2] * found[k].result.box[3];
        if (!nested)
            plate->results[plate->result_count++] = found[i].result;
    }
    return VISION_OK;
}

int vision_plate_process(vision_plate *plate, const vision_frame *frame)
{
    if (!plate)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "plate is NULL");
    if (plate->in_callback)
        return vis_fail(&plate->errors, VISION_E_REENTRANT,
                        "vision_plate_process called from inside the handle's callback");
    plate->result_count = 0;
    char detail[VIS_ERROR_MESSAGE_SIZE];
    int rc = vision_frame_validate(frame, detail, sizeof detail);
    if (rc)
        return vis_fail_detail(&plate->errors, rc, detail);

    int width = (int)frame->width, height = (int)frame->height;
    vis_image gray, small, bgr;
    rc = vis_image_from_frame(&gray, &plate->gray_buffer, frame, 1, width, height, &plate->errors);
    if (rc)
        return rc;
    const vis_image *search_image = &gray;
    int sw, sh;
    vis_scaled_size(width, height, plate->options.analysis_width, &sw, &sh);
    if (sw != width || sh != height) {
        rc = vis_image_from_frame(&small, &plate->small_buffer, frame, 1, sw, sh, &plate->errors);
        if (rc)
            return rc;
        search_image = &small;
    }
    /* The reader works on gray alone (plate_reader_read ignores colour for
     * now), so no BGR copy is made: it would cost a full-frame conversion.
     * Set PLATE_READER_WANTS_BGR when the reader starts using it. */
    const vis_image *bgr_image = NULL;
#ifdef PLATE_READER_WANTS_BGR
    if (frame->format != VISION_PIXEL_FORMAT_GRAY8 &&
        frame->format != VISION_PIXEL_FORMAT_GRAY16_LE) {
        rc =
            vis_image_from_frame(&bgr, &plate->bgr_buffer, frame, 3, width, height, &plate->errors);
        if (rc)
            return rc;
        bgr_image = &bgr;
    }
#else
    (void)bgr;
#endif

    int count = 0;
    /* No plate fits in a picture this small; not an error. */
    if (sw >= MIN_SEARCH_WIDTH && sh >= MIN_SEARCH_HEIGHT) {
        rc = find_regions(plate, search_image, width, height, &count);
        if (rc)
            return rc;
    }
    if (search_image != &gray) {
        double sx = (double)width / sw, sy = (double)height / sh;
        for (int i = 0; i < count; i++)
            scale_region(&plate->regions[i], sx, sy, width, height);
    }
    count = filter_regions(plate, plate->regions, count, width, height);

    plate->result_width = width;
    plate->result_height = height;
    plate->pts_ns = frame->pts_ns;
    if (plate->options.mode == VISION_PLATE_MODE_STILL) {
        rc = read_still(plate, &gray, bgr_image, plate->regions, count);
        if (rc)
            plate->result_count = 0;
    } else {
        if (frame->flags & VISION_FRAME_FLAG_DISCONTINUITY)
            plate_track_end_all(plate);
        rc = plate_track_frame(plate, &gray, bgr_image, plate->regions, count);
        if (rc)
            plate->result_count = 0;
    }
    plate->frame_index++;
    return rc;
}

int vision_plate_flush(vision_plate *plate)
{
    if (!plate)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "plate is NULL");
    if (plate->in_callback)
        return vis_fail(&plate->errors, VISION_E_REENTRANT,
                        "vision_plate_flush called from inside the handle's callback");
    /* END events name the last frame processed, not the next one. */
    plate->frame_index--;
    plate_track_end_all(plate);
    plate->frame_index++;
    return VISION_OK;
}

uint32_t vision_plate_result_count(const vision_plate *plate)
{
    return plate ? plate->result_count : 0;
}

int vision_plate_get_result(vision_plate_result *result, const vision_plate *plate, uint32_t index)
{
    if (!result || !plate)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "result or plate is NULL");
    if (result->version < 1 || result->version > VISION_PLATE_RESULT_VERSION)
        return vis_fail(
            NULL, VISION_E_STRUCT_VERSION,
            "vision_plate_result version %u is not 1..%u (use VISION_PLATE_RESULT_INIT)",
            result->version, VISION_PLATE_RESULT_VERSION);
    if (index >= plate->result_count)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "result %u of %u", index,
                        plate->result_count);
    *result = plate->results[index];
    return VISION_OK;
}
