/*
 * The crowd analyser's public API: handle, regions, processing, events.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "crowd_internal.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pixel_format.h"

/* --- options ------------------------------------------------------------ */

VISION_API void vision_crowd_options_init(vision_crowd_options *options)
{
    if (!options)
        return;
    static const vision_crowd_options defaults = VISION_CROWD_OPTIONS_INIT;
    memset(options, 0, sizeof *options);
    *options = defaults;
}

VISION_API void vision_crowd_region_config_init(vision_crowd_region_config *config)
{
    if (!config)
        return;
    static const vision_crowd_region_config defaults = VISION_CROWD_REGION_CONFIG_INIT;
    memset(config, 0, sizeof *config);
    *config = defaults;
}

VISION_API void vision_crowd_event_init(vision_crowd_event *event)
{
    if (!event)
        return;
    static const vision_crowd_event defaults = VISION_CROWD_EVENT_INIT;
    memset(event, 0, sizeof *event);
    *event = defaults;
}

VISION_API void vision_crowd_result_init(vision_crowd_result *result)
{
    if (!result)
        return;
    static const vision_crowd_result defaults = VISION_CROWD_RESULT_INIT;
    memset(result, 0, sizeof *result);
    *result = defaults;
}

static int validate_options(const vision_crowd_options *o)
{
    if (o->version != VISION_CROWD_OPTIONS_VERSION)
        return vis_fail(NULL, VISION_E_STRUCT_VERSION, "crowd options version %u is not %u",
                        o->version, VISION_CROWD_OPTIONS_VERSION);
    if (o->processing_width != 0 &&
        (o->processing_width < 16 || o->processing_width > VISION_FRAME_MAX_DIMENSION))
        return vis_fail(NULL, VISION_E_OPTION, "processing_width %u is outside 16..%u (or 0)",
                        o->processing_width, VISION_FRAME_MAX_DIMENSION);
    if (o->analyse_every < 1 || o->analyse_every > 1000)
        return vis_fail(NULL, VISION_E_OPTION, "analyse_every %u is outside 1..1000",
                        o->analyse_every);
    if (o->warmup_frames < 1 || o->warmup_frames > 10000)
        return vis_fail(NULL, VISION_E_OPTION, "warmup_frames %u is outside 1..10000",
                        o->warmup_frames);
    if (!(o->foreground_threshold >= 1 && o->foreground_threshold <= 255))
        return vis_fail(NULL, VISION_E_OPTION, "foreground_threshold %g is outside 1..255",
                        o->foreground_threshold);
    if (!(o->motion_threshold >= 1 && o->motion_threshold <= 255))
        return vis_fail(NULL, VISION_E_OPTION, "motion_threshold %g is outside 1..255",
                        o->motion_threshold);
    if (!(o->global_change_fraction > 0 && o->global_change_fraction <= 1))
        return vis_fail(NULL, VISION_E_OPTION, "global_change_fraction %g is outside (0, 1]",
                        o->global_change_fraction);
    if (!(o->background_time >= 2 && o->background_time <= 100000))
        return vis_fail(NULL, VISION_E_OPTION, "background_time %g is outside 2..100000",
                        o->background_time);
    if (!(o->foreground_time >= 2 && o->foreground_time <= 1000000))
        return vis_fail(NULL, VISION_E_OPTION, "foreground_time %g is outside 2..1000000",
                        o->foreground_time);
    return VISION_OK;
}

/* --- handle ------------------------------------------------------------- */

VISION_API int vision_crowd_new(vision_crowd **out, const vision_crowd_options *options)
{
    if (!out)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "out is NULL");
    *out = NULL;
    vision_crowd_options defaults;
    if (!options) {
        vision_crowd_options_init(&defaults);
        options = &defaults;
    }
    int rc = validate_options(options);
    if (rc != VISION_OK)
        return rc;
    vision_crowd *crowd = vis_calloc(1, sizeof *crowd);
    if (!crowd)
        return vis_fail(NULL, VISION_E_NO_MEMORY, "no memory for a crowd handle");
    crowd->options = *options;
    *out = crowd;
    return VISION_OK;
}

static void region_free(crowd_region *region)
{
    if (!region)
        return;
    crowd_region_free_raster(region);
    vis_free(region->points);
    vis_free(region);
}

VISION_API int vision_crowd_free(vision_crowd *crowd)
{
    if (!crowd)
        return VISION_OK;
    if (crowd->in_callback)
        return vis_fail(&crowd->errors, VISION_E_REENTRANT,
                        "vision_crowd_free called from the handle's own callback");
    for (size_t i = 0; i < crowd->region_count; i++)
        region_free(crowd->regions[i]);
    vis_free(crowd->regions);
    crowd_model_release(&crowd->model);
    vis_image_buffer_release(&crowd->image_buffer);
    vis_free(crowd);
    return VISION_OK;
}

VISION_API const char *vision_crowd_last_error(const vision_crowd *crowd)
{
    return crowd ? crowd->errors.message : "";
}

VISION_API int vision_crowd_set_callback(vision_crowd *crowd, vision_crowd_event_fn fn,
                                         void *user_data)
{
    if (!crowd)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "crowd is NULL");
    if (crowd->in_callback)
        return vis_fail(&crowd->errors, VISION_E_REENTRANT,
                        "the callback cannot be changed from inside it");
    crowd->event_fn = fn;
    crowd->event_user_data = user_data;
    return VISION_OK;
}

/* --- regions ------------------------------------------------------------ */

static crowd_region *find_region(const vision_crowd *crowd, const char *id, size_t *index)
{
    for (size_t i = 0; i < crowd->region_count; i++)
        if (strcmp(crowd->regions[i]->id, id) == 0) {
            if (index)
                *index = i;
            return crowd->regions[i];
        }
    return NULL;
}

static int check_id(vis_error_buffer *errors, const char *id)
{
    if (!id)
        return vis_fail(errors, VISION_E_INVALID_ARGUMENT, "region id is NULL");
    size_t length = strlen(id);
    if (length == 0 || length > VISION_CROWD_REGION_ID_MAX)
        return vis_fail(errors, VISION_E_REGION, "region id must have 1..%d bytes, not %zu",
                        VISION_CROWD_REGION_ID_MAX, length);
    for (size_t i = 0; i < length; i++)
        if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f)
            return vis_fail(errors, VISION_E_REGION, "region id has a control character");
    return VISION_OK;
}

static void reset_progress(crowd_region *region)
{
    region->occupancy.count = region->occupancy.cooldown = 0;
    region->fluidity.count = region->fluidity.cooldown = 0;
    region->direction.has_candidate = 0;
    region->direction.count = region->direction.still = region->direction.cooldown = 0;
    memset(region->history, 0, sizeof region->history);
}

static void reset_region(crowd_region *region)
{
    memset(&region->occupancy, 0, sizeof region->occupancy);
    memset(&region->fluidity, 0, sizeof region->fluidity);
    memset(&region->direction, 0, sizeof region->direction);
    memset(region->history, 0, sizeof region->history);
    vision_crowd_result_init(&region->result);
    region->result.region_id = region->id;
}

VISION_API int vision_crowd_add_region(vision_crowd *crowd, const char *id,
                                       const vision_crowd_point *points, size_t point_count,
                                       const vision_crowd_region_config *config)
{
    if (!crowd)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "crowd is NULL");
    if (crowd->in_callback)
        return vis_fail(&crowd->errors, VISION_E_REENTRANT,
                        "regions cannot be changed from inside the callback");
    int rc = check_id(&crowd->errors, id);
    if (rc != VISION_OK)
        return rc;
    if (!points)
        return vis_fail(&crowd->errors, VISION_E_INVALID_ARGUMENT, "points is NULL");
    if ((rc = crowd_region_validate(&crowd->errors, points, point_count)) != VISION_OK)
        return rc;
    vision_crowd_region_config defaults;
    if (!config) {
        vision_crowd_region_config_init(&defaults);
        config = &defaults;
    }
    if ((rc = crowd_region_config_validate(&crowd->errors, config)) != VISION_OK)
        return rc;
    if (find_region(crowd, id, NULL))
        return vis_fail(&crowd->errors, VISION_E_EXISTS, "a region \"%s\" already exists", id);

    if (crowd->region_count == crowd->region_capacity) {
        size_t capacity = crowd->region_capacity ? 2 * crowd->region_capacity : 4;
        crowd_region **grown = vis_realloc(crowd->regions, capacity * sizeof *grown);
        if (!grown)
            return vis_fail(&crowd->errors, VISION_E_NO_MEMORY, "no memory for a region");
        crowd->regions = grown;
        crowd->region_capacity = capacity;
    }
    crowd_region *region = vis_calloc(1, sizeof *region);
    if (!region || !(region->points = vis_malloc(point_count * sizeof *points))) {
        vis_free(region);
        return vis_fail(&crowd->errors, VISION_E_NO_MEMORY, "no memory for a region");
    }
    memcpy(region->id, id, strlen(id) + 1);
    memcpy(region->points, points, point_count * sizeof *points);
    region->point_count = point_count;
    region->config = *config;
    reset_region(region);
    if (crowd->model.width > 0 && crowd_region_rasterise(region, &crowd->model) != VISION_OK) {
        region_free(region);
        return vis_fail(&crowd->errors, VISION_E_NO_MEMORY, "no memory for a region's raster");
    }
    crowd->regions[crowd->region_count++] = region;
    return VISION_OK;
}

VISION_API int vision_crowd_update_region(vision_crowd *crowd, const char *id,
                                          const vision_crowd_point *points, size_t point_count,
                                          const vision_crowd_region_config *config)
{
    if (!crowd)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "crowd is NULL");
    if (crowd->in_callback)
        return vis_fail(&crowd->errors, VISION_E_REENTRANT,
                        "regions cannot be changed from inside the callback");
    int rc = check_id(&crowd->errors, id);
    if (rc != VISION_OK)
        return rc;
    crowd_region *region = find_region(crowd, id, NULL);
    if (!region)
        return vis_fail(&crowd->errors, VISION_E_NOT_FOUND, "no region \"%s\"", id);
    if (points && (rc = crowd_region_validate(&crowd->errors, points, point_count)) != VISION_OK)
        return rc;
    if (config && (rc = crowd_region_config_validate(&crowd->errors, config)) != VISION_OK)
        return rc;
    if (points) {
        /* Build the new shape aside so that a failure leaves the old one. */
        crowd_region shaped = *region;
        shaped.spans = NULL;
        shaped.blocks = NULL;
        shaped.row_spans = NULL;
        shaped.rows = 0;
        shaped.points = vis_malloc(point_count * sizeof *points);
        if (!shaped.points)
            return vis_fail(&crowd->errors, VISION_E_NO_MEMORY, "no memory for a region");
        memcpy(shaped.points, points, point_count * sizeof *points);
        shaped.point_count = point_count;
        if (crowd->model.width > 0 && crowd_region_rasterise(&shaped, &crowd->model) != VISION_OK) {
            vis_free(shaped.points);
            return vis_fail(&crowd->errors, VISION_E_NO_MEMORY, "no memory for a region's raster");
        }
        crowd_region_free_raster(region);
        vis_free(region->points);
        *region = shaped;
        reset_region(region);
    }
    if (config) {
        region->config = *config;
        reset_progress(region);
    }
    return VISION_OK;
}

VISION_API int vision_crowd_remove_region(vision_crowd *crowd, const char *id)
{
    if (!crowd)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "crowd is NULL");
    if (crowd->in_callback)
        return vis_fail(&crowd->errors, VISION_E_REENTRANT,
                        "regions cannot be changed from inside the callback");
    if (!id)
        return vis_fail(&crowd->errors, VISION_E_INVALID_ARGUMENT, "region id is NULL");
    size_t index;
    crowd_region *region = find_region(crowd, id, &index);
    if (!region)
        return vis_fail(&crowd->errors, VISION_E_NOT_FOUND, "no region \"%s\"", id);
    region_free(region);
    memmove(&crowd->regions[index], &crowd->regions[index + 1],
            (crowd->region_count - index - 1) * sizeof *crowd->regions);
    crowd->region_count--;
    return VISION_OK;
}

VISION_API int vision_crowd_region_count(size_t *count, const vision_crowd *crowd)
{
    if (!count || !crowd)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "count or crowd is NULL");
    *count = crowd->region_count;
    return VISION_OK;
}

static int copy_result(vision_crowd_result *out, const crowd_region *region)
{
    uint32_t version = out->version;
    *out = region->result;
    out->version = version;
    out->region_id = region->id;
    return VISION_OK;
}

static int check_result(vision_crowd_result *result, const vision_crowd *crowd)
{
    if (!result || !crowd)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "result or crowd is NULL");
    if (result->version != VISION_CROWD_RESULT_VERSION)
        return vis_fail(NULL, VISION_E_STRUCT_VERSION, "result version %u is not %u",
                        result->version, VISION_CROWD_RESULT_VERSION);
    return VISION_OK;
}

VISION_API int vision_crowd_get_result(vision_crowd_result *result, const vision_crowd *crowd,
                                       const char *id)
{
    int rc = check_result(result, crowd);
    if (rc != VISION_OK)
        return rc;
    if (!id)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "region id is NULL");
    const crowd_region *region = find_region(crowd, id, NULL);
    if (!region)
        return vis_fail(NULL, VISION_E_NOT_FOUND, "no region \"%s\"", id);
    return copy_result(result, region);
}

VISION_API int vision_crowd_get_result_at(vision_crowd_result *result, const vision_crowd *crowd,
                                          size_t index)
{
    int rc = check_result(result, crowd);
    if (rc != VISION_OK)
        return rc;
    if (index >= crowd->region_count)
        return vis_fail(NULL, VISION_E_NOT_FOUND, "no region at %zu of %zu", index,
                        crowd->region_count);
    return copy_result(result, crowd->regions[index]);
}

/* --- events ------------------------------------------------------------- */

static int level_of(double value, double min, double med, double max)
{
    return value >= max ? 3 : value >= med ? 2 : value >= min ? 1 : 0;
}

/* The level a value stands for, given the last reported one: upwards at the
 * thresholds, downwards only below threshold - dead band. */
static int candidate_level(double value, int reported, double min, double med, double max,
                           double dead_band)
{
    int up = level_of(value, min, med, max);
    if (up > reported)
        return up;
    int down = level_of(value + dead_band, min, med, max);
    return down < reported ? down : reported;
}

static int level_step(crowd_level_state *state, int candidate, int frames_to_event, int cooldown)
{
    if (state->cooldown > 0)
        state->cooldown--;
    if (candidate == state->reported) {
        state->count = 0;
        return 0;
    }
    state->count++;
    if (state->count < frames_to_event || state->cooldown > 0)
        return 0;
    state->reported = candidate;
    state->count = 0;
    state->cooldown = cooldown;
    return 1;
}

static double angle_distance(double a, double b)
{
    double d = fmod(fabs(a - b), 360.0);
    return d > 180.0 ? 360.0 - d : d;
}

static double quantise(double angle, int sectors)
{
    if (sectors == 0)
        return angle;
    double width = 360.0 / sectors;
    double q = fmod(floor(angle / width + 0.5) * width, 360.0);
    return q < 0 ? q + 360.0 : q;
}

static int same_direction(double a, double b, int sectors)
{
    return sectors == 0 ? angle_distance(a, b) <= 22.5 : angle_distance(a, b) < 1e-9;
}

/* Returns 1 when a direction event fires (the new direction is then in
 * state->reported). */
static int direction_step(crowd_direction_state *state, const vision_crowd_result *result,
                          const vision_crowd_region_config *config)
{
    if (state->cooldown > 0)
        state->cooldown--;
    if (!result->has_direction) {
        state->has_candidate = 0;
        state->count = 0;
        if (++state->still >= config->optical_flow_num_frames_to_reset)
            state->has_reported = 0;
        return 0;
    }
    state->still = 0;
    int sectors = config->direction_sectors;
    double q = quantise(result->direction, sectors);
    if (state->has_candidate && same_direction(q, state->candidate, sectors)) {
        state->count++;
    } else {
        state->has_candidate = 1;
        state->candidate = q;
        state->count = 1;
    }
    if (state->count < config->optical_flow_num_frames_to_event || state->cooldown > 0)
        return 0;
    if (state->has_reported && same_direction(state->candidate, state->reported, sectors))
        return 0;
    state->has_reported = 1;
    state->reported = sectors ? state->candidate : q;
    state->cooldown = config->cooldown_frames;
    return 1;
}

static void emit(vision_crowd *crowd, const crowd_region *region, uint32_t type, double value,
                 int level, double angle)
{
    if (!crowd->event_fn)
        return;
    vision_crowd_event event;
    vision_crowd_event_init(&event);
    event.type = type;
    event.region_id = region->id;
    event.value = value;
    event.level = level;
    event.angle = angle;
    event.pts_ns = region->result.pts_ns;
    event.frame_index = region->result.frame_index;
    crowd->in_callback = 1;
    crowd->event_fn(&event, crowd->event_user_data);
    crowd->in_callback = 0;
}

static void region_events(vision_crowd *crowd, crowd_region *region)
{
    const vision_crowd_region_config *c = &region->config;
    vision_crowd_result *r = &region->result;
    int occupancy =
        candidate_level(r->occupancy, region->occupancy.reported, c->occupancy_level_min,
                        c->occupancy_level_med, c->occupancy_level_max, c->dead_band);
    if (level_step(&region->occupancy, occupancy, c->occupancy_num_frames_to_event,
                   c->cooldown_frames))
        emit(crowd, region, VISION_CROWD_EVENT_OCCUPANCY, r->occupancy, occupancy, -1.0);
    int fluidity = candidate_level(r->fluidity, region->fluidity.reported, c->fluidity_level_min,
                                   c->fluidity_level_med, c->fluidity_level_max, c->dead_band);
    if (level_step(&region->fluidity, fluidity, c->fluidity_num_frames_to_event,
                   c->cooldown_frames))
        emit(crowd, region, VISION_CROWD_EVENT_FLUIDITY, r->fluidity, fluidity, -1.0);
    if (direction_step(&region->direction, r, c) && c->send_optical_flow_event)
        emit(crowd, region, VISION_CROWD_EVENT_DIRECTION, r->motion, -1,
             region->direction.reported);
    r->occupancy_level = region->occupancy.reported;
    r->fluidity_level = region->fluidity.reported;
}

/* --- processing --------------------------------------------------------- */

/* Bring the model and the rasters to the frame's processing size. */
static int prepare(vision_crowd *crowd, const vision_frame *frame, int width, int height,
                   int *restart)
{
    crowd_model *model = &crowd->model;
    if (model->width != width || model->height != height) {
        if (crowd_model_resize(model, width, height) != VISION_OK)
            return vis_fail(&crowd->errors, VISION_E_NO_MEMORY, "no memory for a %dx%d crowd model",
                            width, height);
        for (size_t i = 0; i < crowd->region_count; i++)
            crowd_region_free_raster(crowd->regions[i]);
        *restart = 1;
    }
    if (model->frame_width != (int)frame->width || model->frame_height != (int)frame->height ||
        model->frame_format != frame->format)
        *restart = 1;
    for (size_t i = 0; i < crowd->region_count; i++) {
        crowd_region *region = crowd->regions[i];
        if (!region->spans && crowd_region_rasterise(region, model) != VISION_OK)
            return vis_fail(&crowd->errors, VISION_E_NO_MEMORY,
                            "no memory for the raster of region \"%s\"", region->id);
    }
    return VISION_OK;
}

/* YUV frames give limited-range luma (16..235): contrasts are 219/255 of
 * what the RGB formats give, and the thresholds are scaled alike so that
 * they mean the same for every format. */
static double luma_scale(uint32_t format)
{
    const vis_format_info *info = vis_format_info_get(format);
    int yuv = info &&
              (info->family == VIS_FAMILY_PLANAR_420 ||
               info->family == VIS_FAMILY_SEMI_PLANAR_420 || info->family == VIS_FAMILY_PACKED_422);
    return yuv ? 219.0 / 255.0 : 1.0;
}

VISION_API int vision_crowd_process(vision_crowd *crowd, const vision_frame *frame)
{
    if (!crowd)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "crowd is NULL");
    if (crowd->in_callback)
        return vis_fail(&crowd->errors, VISION_E_REENTRANT,
                        "vision_crowd_process called from the handle's own callback");
    char detail[VIS_ERROR_MESSAGE_SIZE];
    int rc = vision_frame_validate(frame, detail, sizeof detail);
    if (rc != VISION_OK)
        return vis_fail_detail(&crowd->errors, rc, detail);

    uint64_t index = crowd->frame_index++;
    int restart = (frame->flags & VISION_FRAME_FLAG_DISCONTINUITY) != 0;
    if (restart)
        crowd->model.frame_format = VISION_PIXEL_FORMAT_UNKNOWN; /* forces a restart */
    if (index % crowd->options.analyse_every != 0)
        return VISION_OK;

    int width, height;
    vis_scaled_size((int)frame->width, (int)frame->height, (int)crowd->options.processing_width,
                    &width, &height);
    if ((rc = prepare(crowd, frame, width, height, &restart)) != VISION_OK)
        return rc;
    vis_image gray;
    rc = vis_image_from_frame(&gray, &crowd->image_buffer, frame, 1, width, height, &crowd->errors);
    if (rc != VISION_OK)
        return rc;

    crowd_model *model = &crowd->model;
    model->luma_scale = luma_scale(frame->format);
    int relearnt = 0;
    if (restart || model->learnt == 0) {
        crowd_model_restart(model, &gray, crowd->options.warmup_frames);
        model->frame_width = (int)frame->width;
        model->frame_height = (int)frame->height;
        model->frame_format = frame->format;
        relearnt = 1;
    } else {
        relearnt = crowd_model_update(model, &gray, &crowd->options) != CROWD_MODEL_STEADY;
    }
    if (relearnt) {
        crowd->warmup_left = crowd->options.warmup_frames;
        for (size_t i = 0; i < crowd->region_count; i++)
            reset_progress(crowd->regions[i]);
    }
    int warming = crowd->warmup_left > 0;
    for (size_t i = 0; i < crowd->region_count; i++) {
        crowd_region *region = crowd->regions[i];
        crowd_region_measure(region, model);
        region->result.pts_ns = frame->pts_ns;
        region->result.frame_index = index;
        region->result.warming_up = warming;
        region->result.occupancy_level = region->occupancy.reported;
        region->result.fluidity_level = region->fluidity.reported;
    }
    if (warming) {
        crowd->warmup_left--;
        return VISION_OK;
    }
    for (size_t i = 0; i < crowd->region_count; i++)
        region_events(crowd, crowd->regions[i]);
    return VISION_OK;
}

VISION_API int vision_crowd_draw(vision_crowd *crowd, vision_frame *frame)
{
    if (!crowd)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "crowd is NULL");
    if (crowd->in_callback)
        return vis_fail(&crowd->errors, VISION_E_REENTRANT,
                        "vision_crowd_draw called from the handle's own callback");
    char detail[VIS_ERROR_MESSAGE_SIZE];
    int rc = vision_frame_validate(frame, detail, sizeof detail);
    if (rc != VISION_OK)
        return vis_fail_detail(&crowd->errors, rc, detail);
    return crowd_overlay_draw(crowd, frame);
}
