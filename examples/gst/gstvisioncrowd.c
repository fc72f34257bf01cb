/*
 * visioncrowd: a GstVideoFilter over vision_crowd.
 *
 * Frames are analysed in place: with the overlay off the element is in
 * passthrough and maps buffers read-only (no copy, no write); with it on, it
 * draws into the buffer. Settings are stored under the object lock by
 * set_property and applied on the streaming thread before the next frame:
 * options recreate the handle, regions are re-added, a region config change
 * is applied with vision_crowd_update_region() (levels are kept).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "gstvisioncrowd.h"

#include <stddef.h>
#include <string.h>

GST_DEBUG_CATEGORY_STATIC(gst_vision_crowd_debug);
#define GST_CAT_DEFAULT gst_vision_crowd_debug

/* A region as the properties give it. */
typedef struct CrowdRegion {
    gchar *id;
    vision_crowd_point *points; /* relative */
    int point_count;
    /* Per-region config fields ("occupancy_level_min" = "20", ...) from the
     * Kurento-shaped structure; applied over the element's defaults. */
    gchar **config_names;
    gchar **config_values;
} CrowdRegion;

struct _GstVisionCrowd {
    GstVideoFilter parent;

    /* Settings: written by set_property, read by the streaming thread, both
     * under the object lock. */
    vision_crowd_options options;
    vision_crowd_region_config config;
    gboolean overlay;
    gboolean reset_on_discont;
    gboolean post_results;
    GValue rois;                  /* GST_TYPE_ARRAY of strings */
    GstStructure *rois_structure; /* Kurento's shape, or NULL */
    GPtrArray *regions;           /* CrowdRegion *, from both of the above */
    gchar *settings_error;        /* why the regions could not be read, or NULL */
    gboolean options_dirty, regions_dirty, config_dirty;

    /* Streaming thread only. */
    vision_crowd *crowd;
    GPtrArray *active_ids; /* ids of the regions the handle has */
    GstVisionTimes times;
    guint64 frames;
    gboolean draw_warned;
};

G_DEFINE_TYPE_WITH_CODE(GstVisionCrowd, gst_vision_crowd, GST_TYPE_VIDEO_FILTER,
                        GST_DEBUG_CATEGORY_INIT(gst_vision_crowd_debug, "visioncrowd", 0,
                                                "libvision crowd analysis"))

enum {
    PROP_0,
    PROP_ROIS,
    PROP_ROIS_STRUCTURE,
    PROP_OVERLAY,
    PROP_SHOW_DEBUG_INFO,
    PROP_RESET_ON_DISCONT,
    PROP_POST_RESULTS,
    PROP_FIRST_NUMERIC, /* then one per entry of numeric_props */
};

typedef enum { FIELD_UINT, FIELD_INT, FIELD_DOUBLE, FIELD_BOOL } FieldType;

/* Numeric properties: either an option (handle recreated on change) or a
 * region config field (applied to every region). */
typedef struct NumericProp {
    const char *name;
    const char *blurb;
    gboolean is_option;
    size_t offset;
    FieldType type;
    double min, max;
} NumericProp;

#define OPT(name, field, type, min, max, blurb)                                                    \
    {                                                                                              \
        name, blurb, TRUE, offsetof(vision_crowd_options, field), type, min, max                   \
    }
#define CFG(name, field, type, min, max, blurb)                                                    \
    {                                                                                              \
        name, blurb, FALSE, offsetof(vision_crowd_region_config, field), type, min, max            \
    }

static const NumericProp numeric_props[] = {
    OPT("processing-width", processing_width, FIELD_UINT, 0, VISION_FRAME_MAX_DIMENSION,
        "Width of the image the analysis works on (0: the frame's; else 16 or more)"),
    OPT("analyse-every", analyse_every, FIELD_UINT, 1, 1000,
        "Analyse one frame in this many; the others only count"),
    OPT("warmup-frames", warmup_frames, FIELD_UINT, 1, 10000,
        "Analysed frames of quick background learning, without events, after a start, "
        "discontinuity or scene change"),
    OPT("foreground-threshold", foreground_threshold, FIELD_DOUBLE, 1, 255,
        "Least difference from the background, in grey levels, for a foreground pixel"),
    OPT("motion-threshold", motion_threshold, FIELD_DOUBLE, 1, 255,
        "Least change between analysed frames, in grey levels, for a moving pixel"),
    OPT("global-change-fraction", global_change_fraction, FIELD_DOUBLE, 0, 1,
        "Share of the frame changing at once that counts as a scene change"),
    OPT("background-time", background_time, FIELD_DOUBLE, 2, 100000,
        "Background adaptation time, analysed frames"),
    OPT("foreground-time", foreground_time, FIELD_DOUBLE, 2, 1000000,
        "Analysed frames after which a crowd that stopped becomes background"),
    CFG("occupancy-level-min", occupancy_level_min, FIELD_DOUBLE, 0, 100,
        "Occupancy % from which the level is 1 (Kurento occupancyLevelMin)"),
    CFG("occupancy-level-med", occupancy_level_med, FIELD_DOUBLE, 0, 100,
        "Occupancy % from which the level is 2 (Kurento occupancyLevelMed)"),
    CFG("occupancy-level-max", occupancy_level_max, FIELD_DOUBLE, 0, 100,
        "Occupancy % from which the level is 3 (Kurento occupancyLevelMax)"),
    CFG("occupancy-num-frames-to-event", occupancy_num_frames_to_event, FIELD_INT, 1, G_MAXINT,
        "Analysed frames a new occupancy level must hold (Kurento occupancyNumFramesToEvent)"),
    CFG("fluidity-level-min", fluidity_level_min, FIELD_DOUBLE, 0, 100,
        "Fluidity % from which the level is 1 (Kurento fluidityLevelMin)"),
    CFG("fluidity-level-med", fluidity_level_med, FIELD_DOUBLE, 0, 100,
        "Fluidity % from which the level is 2 (Kurento fluidityLevelMed)"),
    CFG("fluidity-level-max", fluidity_level_max, FIELD_DOUBLE, 0, 100,
        "Fluidity % from which the level is 3 (Kurento fluidityLevelMax)"),
    CFG("fluidity-num-frames-to-event", fluidity_num_frames_to_event, FIELD_INT, 1, G_MAXINT,
        "Analysed frames a new fluidity level must hold (Kurento fluidityNumFramesToEvent)"),
    CFG("send-optical-flow-event", send_optical_flow_event, FIELD_BOOL, 0, 1,
        "Post direction-event messages (Kurento sendOpticalFlowEvent)"),
    CFG("optical-flow-num-frames-to-event", optical_flow_num_frames_to_event, FIELD_INT, 1,
        G_MAXINT,
        "Analysed frames a new direction must hold (Kurento opticalFlowNumFramesToEvent)"),
    CFG("optical-flow-num-frames-to-reset", optical_flow_num_frames_to_reset, FIELD_INT, 1,
        G_MAXINT,
        "Analysed frames without motion that forget the direction "
        "(Kurento opticalFlowNumFramesToReset)"),
    CFG("optical-flow-angle-offset", optical_flow_angle_offset, FIELD_DOUBLE, -1e6, 1e6,
        "Degrees added to the measured direction (Kurento opticalFlowAngleOffset)"),
    CFG("dead-band", dead_band, FIELD_DOUBLE, 0, 50,
        "Percentage points below a threshold before a level is left downwards"),
    CFG("cooldown-frames", cooldown_frames, FIELD_INT, 0, G_MAXINT,
        "Analysed frames after an event with no other event of its kind for the region"),
    CFG("direction-sectors", direction_sectors, FIELD_INT, 0, 8,
        "Direction quantisation: 0 (continuous), 4 or 8 sectors"),
    CFG("min-motion", min_motion, FIELD_DOUBLE, 0, 1e6,
        "Least mean motion, processing-image pixels per analysed frame, for a direction"),
};

static void *field_address(GstVisionCrowd *self, const NumericProp *p)
{
    return (char *)(p->is_option ? (void *)&self->options : (void *)&self->config) + p->offset;
}

/* --- regions from properties --------------------------------------------- */

static void crowd_region_free(gpointer data)
{
    CrowdRegion *r = data;
    g_free(r->id);
    g_free(r->points);
    g_strfreev(r->config_names);
    g_strfreev(r->config_values);
    g_free(r);
}

/* "id=x,y;x,y;x,y" */
static CrowdRegion *region_from_string(const char *text, char **error)
{
    const char *equals = text ? strchr(text, '=') : NULL;
    if (!equals || equals == text) {
        *error = g_strdup_printf("region '%s': expected ID=X,Y;X,Y;X,Y...", text ? text : "");
        return NULL;
    }
    CrowdRegion *r = g_new0(CrowdRegion, 1);
    r->id = g_strstrip(g_strndup(text, (gsize)(equals - text)));
    char *detail = NULL;
    double *xy = NULL;
    r->point_count = gst_vision_parse_points(equals + 1, &xy, &detail);
    if (r->point_count < 0) {
        *error = g_strdup_printf("region '%s': %s", text, detail);
        g_free(detail);
        crowd_region_free(r);
        return NULL;
    }
    r->points = g_new0(vision_crowd_point, (gsize)r->point_count + 1);
    for (int i = 0; i < r->point_count; i++)
        r->points[i] = (vision_crowd_point){xy[2 * i], xy[2 * i + 1]};
    g_free(xy);
    return r;
}

static gboolean value_to_double(const GValue *v, double *out)
{
    if (G_VALUE_HOLDS_DOUBLE(v))
        *out = g_value_get_double(v);
    else if (G_VALUE_HOLDS_FLOAT(v))
        *out = g_value_get_float(v);
    else if (G_VALUE_HOLDS_INT(v))
        *out = g_value_get_int(v);
    else if (G_VALUE_HOLDS_UINT(v))
        *out = g_value_get_uint(v);
    else
        return FALSE;
    return TRUE;
}

/* Kurento's kms-crowddetector shape: one field per region, each a structure
 * holding point structures {x, y} (relative) in order and one config
 * structure with "id" and config fields (occupancy_level_min, ...). */
static CrowdRegion *region_from_structure(const gchar *name, const GstStructure *roi, char **error)
{
    CrowdRegion *r = g_new0(CrowdRegion, 1);
    GArray *xy = g_array_new(FALSE, FALSE, sizeof(vision_crowd_point));
    GPtrArray *names = g_ptr_array_new(), *values = g_ptr_array_new();
    gint n = gst_structure_n_fields(roi);
    for (gint i = 0; i < n && !*error; i++) {
        const gchar *field = gst_structure_nth_field_name(roi, i);
        const GValue *v = gst_structure_get_value(roi, field);
        if (!GST_VALUE_HOLDS_STRUCTURE(v)) {
            *error = g_strdup_printf("rois-structure: %s.%s is not a structure", name, field);
            break;
        }
        const GstStructure *sub = gst_value_get_structure(v);
        if (gst_structure_has_field(sub, "id")) {
            gint m = gst_structure_n_fields(sub);
            for (gint j = 0; j < m; j++) {
                const gchar *key = gst_structure_nth_field_name(sub, j);
                const GValue *kv = gst_structure_get_value(sub, key);
                if (!strcmp(key, "id")) {
                    if (!G_VALUE_HOLDS_STRING(kv)) {
                        *error = g_strdup_printf("rois-structure: %s: id is not a string", name);
                        break;
                    }
                    g_free(r->id);
                    r->id = g_value_dup_string(kv);
                    continue;
                }
                g_ptr_array_add(names, g_strdup(key));
                g_ptr_array_add(values, G_VALUE_HOLDS_STRING(kv) ? g_value_dup_string(kv)
                                                                 : gst_value_serialize(kv));
            }
        } else {
            double x, y;
            if (!value_to_double(gst_structure_get_value(sub, "x"), &x) ||
                !value_to_double(gst_structure_get_value(sub, "y"), &y)) {
                *error =
                    g_strdup_printf("rois-structure: %s.%s has no numbers x and y", name, field);
                break;
            }
            vision_crowd_point point = {x, y};
            g_array_append_val(xy, point);
        }
    }
    g_ptr_array_add(names, NULL);
    g_ptr_array_add(values, NULL);
    r->config_names = (gchar **)g_ptr_array_free(names, FALSE);
    r->config_values = (gchar **)g_ptr_array_free(values, FALSE);
    r->point_count = (int)xy->len;
    r->points = (vision_crowd_point *)(void *)g_array_free(xy, FALSE);
    if (!r->id)
        r->id = g_strdup(name);
    if (*error) {
        crowd_region_free(r);
        return NULL;
    }
    return r;
}

static gboolean region_from_structure_field(GQuark field, const GValue *value, gpointer user_data)
{
    gpointer *args = user_data;
    GPtrArray *regions = args[0];
    char **error = args[1];
    if (!GST_VALUE_HOLDS_STRUCTURE(value)) {
        *error = g_strdup_printf("rois-structure: field %s is not a structure",
                                 g_quark_to_string(field));
        return FALSE;
    }
    CrowdRegion *r =
        region_from_structure(g_quark_to_string(field), gst_value_get_structure(value), error);
    if (!r)
        return FALSE;
    g_ptr_array_add(regions, r);
    return TRUE;
}

/* Rebuild self->regions from the two region properties. Object lock held. */
static void rebuild_regions(GstVisionCrowd *self)
{
    g_clear_pointer(&self->settings_error, g_free);
    GPtrArray *regions = g_ptr_array_new_with_free_func(crowd_region_free);
    char *error = NULL;
    guint n = gst_value_array_get_size(&self->rois);
    for (guint i = 0; i < n && !error; i++) {
        const GValue *v = gst_value_array_get_value(&self->rois, i);
        CrowdRegion *r =
            region_from_string(G_VALUE_HOLDS_STRING(v) ? g_value_get_string(v) : NULL, &error);
        if (r)
            g_ptr_array_add(regions, r);
    }
    if (!error && self->rois_structure) {
        gpointer args[2] = {regions, &error};
        gst_structure_foreach(self->rois_structure, region_from_structure_field, args);
    }
    if (error) {
        /* Not GST_WARNING_OBJECT: it would take the object lock held here. */
        GST_WARNING("%s", error);
        self->settings_error = error;
    }
    if (self->regions)
        g_ptr_array_unref(self->regions);
    self->regions = regions;
    self->regions_dirty = TRUE;
}

/* --- events and results ---------------------------------------------------- */

static void post(GstVisionCrowd *self, GstStructure *s)
{
    gst_vision_times_add(s, &self->times);
    gst_element_post_message(GST_ELEMENT(self), gst_message_new_element(GST_OBJECT(self), s));
}

static void on_event(const vision_crowd_event *e, void *user_data)
{
    GstVisionCrowd *self = user_data;
    GstStructure *s;
    switch (e->type) {
    case VISION_CROWD_EVENT_OCCUPANCY:
        s = gst_structure_new("occupancy-event", "roi", G_TYPE_STRING, e->region_id,
                              "occupancy_percentage", G_TYPE_DOUBLE, e->value, "occupancy_level",
                              G_TYPE_INT, e->level, NULL);
        break;
    case VISION_CROWD_EVENT_FLUIDITY:
        s = gst_structure_new("fluidity-event", "roi", G_TYPE_STRING, e->region_id,
                              "fluidity_percentage", G_TYPE_DOUBLE, e->value, "fluidity_level",
                              G_TYPE_INT, e->level, NULL);
        break;
    case VISION_CROWD_EVENT_DIRECTION:
        s = gst_structure_new("direction-event", "roi", G_TYPE_STRING, e->region_id,
                              "direction_angle", G_TYPE_DOUBLE, e->angle, "motion", G_TYPE_DOUBLE,
                              e->value, NULL);
        break;
    default:
        return; /* a kind this plugin does not know yet */
    }
    gst_structure_set(s, "frame-index", G_TYPE_UINT64, (guint64)e->frame_index, NULL);
    post(self, s);
}

static void post_results(GstVisionCrowd *self, guint64 frame_index)
{
    size_t count = 0;
    vision_crowd_region_count(&count, self->crowd);
    for (size_t i = 0; i < count; i++) {
        vision_crowd_result r;
        vision_crowd_result_init(&r);
        if (vision_crowd_get_result_at(&r, self->crowd, i) != VISION_OK || !r.valid ||
            r.frame_index != frame_index)
            continue; /* not analysed on this frame */
        GstStructure *s = gst_structure_new(
            "crowd-result", "roi", G_TYPE_STRING, r.region_id, "occupancy_percentage",
            G_TYPE_DOUBLE, r.occupancy, "occupancy_level", G_TYPE_INT, r.occupancy_level,
            "fluidity_percentage", G_TYPE_DOUBLE, r.fluidity, "fluidity_level", G_TYPE_INT,
            r.fluidity_level, "direction_angle", G_TYPE_DOUBLE,
            r.has_direction ? r.direction : -1.0, "motion", G_TYPE_DOUBLE, r.motion, "warming-up",
            G_TYPE_BOOLEAN, r.warming_up != 0, "frame-index", G_TYPE_UINT64, (guint64)r.frame_index,
            NULL);
        post(self, s);
    }
}

/* --- applying settings ----------------------------------------------------- */

#define VISION_ERROR(self, rc, what)                                                               \
    GST_ELEMENT_ERROR(self, LIBRARY, SETTINGS, ("%s", what),                                       \
                      ("%s: %s", vision_strerror(rc), vision_crowd_last_error((self)->crowd)))

static void clear_active(GstVisionCrowd *self)
{
    g_ptr_array_set_size(self->active_ids, 0);
}

static int add_regions(GstVisionCrowd *self, GPtrArray *regions,
                       const vision_crowd_region_config *base, gboolean update_only,
                       gchar **failed_id)
{
    static const vision_crowd_point whole[] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
    if (regions->len == 0) { /* the whole frame, as the vision command does */
        int rc = update_only ? vision_crowd_update_region(self->crowd, "frame", NULL, 0, base)
                             : vision_crowd_add_region(self->crowd, "frame", whole, 4, base);
        if (rc != VISION_OK)
            *failed_id = g_strdup("frame");
        else if (!update_only)
            g_ptr_array_add(self->active_ids, g_strdup("frame"));
        return rc;
    }
    for (guint i = 0; i < regions->len; i++) {
        const CrowdRegion *r = g_ptr_array_index(regions, i);
        vision_crowd_region_config config = *base;
        int rc = VISION_OK;
        for (guint k = 0; r->config_names && r->config_names[k] && rc == VISION_OK; k++)
            rc = vision_crowd_region_config_set(&config, r->config_names[k], r->config_values[k]);
        if (rc == VISION_OK) {
            rc = update_only ? vision_crowd_update_region(self->crowd, r->id, NULL, 0, &config)
                             : vision_crowd_add_region(self->crowd, r->id, r->points,
                                                       (size_t)r->point_count, &config);
        }
        if (rc != VISION_OK) {
            *failed_id = g_strdup(r->id);
            return rc;
        }
        if (!update_only)
            g_ptr_array_add(self->active_ids, g_strdup(r->id));
    }
    return VISION_OK;
}

/* Bring the handle in line with the settings. Streaming thread (or start()). */
static gboolean apply_settings(GstVisionCrowd *self)
{
    GST_OBJECT_LOCK(self);
    gboolean new_handle = self->crowd == NULL || self->options_dirty;
    gboolean new_regions = new_handle || self->regions_dirty;
    gboolean new_config = self->config_dirty;
    vision_crowd_options options = self->options;
    vision_crowd_region_config config = self->config;
    GPtrArray *regions = g_ptr_array_ref(self->regions);
    gchar *error = g_strdup(self->settings_error);
    self->options_dirty = self->regions_dirty = self->config_dirty = FALSE;
    GST_OBJECT_UNLOCK(self);

    gboolean ok = FALSE;
    gchar *failed_id = NULL;
    int rc = VISION_OK;
    if (error) {
        GST_ELEMENT_ERROR(self, RESOURCE, SETTINGS, ("Bad regions of interest"), ("%s", error));
        goto done;
    }
    if (new_handle) {
        vision_crowd_free(self->crowd);
        self->crowd = NULL;
        clear_active(self);
        self->frames = 0;
        rc = vision_crowd_new(&self->crowd, &options);
        if (rc != VISION_OK) {
            GST_ELEMENT_ERROR(self, LIBRARY, SETTINGS, ("Could not create the crowd analyser"),
                              ("%s: %s", vision_strerror(rc), vision_last_error()));
            goto done;
        }
        vision_crowd_set_callback(self->crowd, on_event, self);
    }
    if (new_regions) {
        for (guint i = 0; i < self->active_ids->len; i++)
            vision_crowd_remove_region(self->crowd, g_ptr_array_index(self->active_ids, i));
        clear_active(self);
        rc = add_regions(self, regions, &config, FALSE, &failed_id);
    } else if (new_config) {
        rc = add_regions(self, regions, &config, TRUE, &failed_id);
    }
    if (rc != VISION_OK) {
        gchar *what = g_strdup_printf("Could not set region '%s'", failed_id);
        VISION_ERROR(self, rc, what);
        g_free(what);
        goto done;
    }
    ok = TRUE;
done:
    if (!ok) {
        /* What was asked for is still to do: the error shows again on the
         * next frame until the settings are fixed. */
        GST_OBJECT_LOCK(self);
        self->options_dirty |= new_handle;
        self->regions_dirty = TRUE;
        self->config_dirty |= new_config;
        GST_OBJECT_UNLOCK(self);
    }
    g_free(failed_id);
    g_free(error);
    g_ptr_array_unref(regions);
    return ok;
}

/* --- GstBaseTransform / GstVideoFilter ------------------------------------ */

static gboolean gst_vision_crowd_start(GstBaseTransform *trans)
{
    return apply_settings(GST_VISION_CROWD(trans));
}

static gboolean gst_vision_crowd_stop(GstBaseTransform *trans)
{
    GstVisionCrowd *self = GST_VISION_CROWD(trans);
    vision_crowd_free(self->crowd);
    self->crowd = NULL;
    clear_active(self);
    return TRUE;
}

static gboolean gst_vision_crowd_set_info(GstVideoFilter *filter, GstCaps *incaps,
                                          GstVideoInfo *in_info, GstCaps *outcaps,
                                          GstVideoInfo *out_info)
{
    (void)incaps;
    (void)outcaps;
    (void)out_info;
    GstVisionCrowd *self = GST_VISION_CROWD(filter);
    self->draw_warned = FALSE;
    return gst_vision_format_from_video(GST_VIDEO_INFO_FORMAT(in_info)) !=
           VISION_PIXEL_FORMAT_UNKNOWN;
}

static GstFlowReturn gst_vision_crowd_transform_frame_ip(GstVideoFilter *filter,
                                                         GstVideoFrame *frame)
{
    GstVisionCrowd *self = GST_VISION_CROWD(filter);
    GST_OBJECT_LOCK(self);
    gboolean dirty = self->options_dirty || self->regions_dirty || self->config_dirty;
    gboolean overlay = self->overlay, results = self->post_results;
    gboolean discont = self->reset_on_discont;
    GST_OBJECT_UNLOCK(self);
    if ((dirty || !self->crowd) && !apply_settings(self))
        return GST_FLOW_ERROR;

    vision_frame vf;
    if (!gst_vision_frame_wrap(&vf, frame, discont)) {
        GST_ELEMENT_ERROR(self, STREAM, FORMAT, ("Unsupported frame layout"),
                          ("format %s with a negative stride or too many planes",
                           gst_video_format_to_string(GST_VIDEO_FRAME_FORMAT(frame))));
        return GST_FLOW_ERROR;
    }
    gst_vision_times_from_buffer(&self->times, GST_BASE_TRANSFORM(self), frame->buffer);
    guint64 index = self->frames++;
    int rc = vision_crowd_process(self->crowd, &vf);
    if (rc != VISION_OK) {
        GST_ELEMENT_ERROR(self, STREAM, FAILED, ("Crowd analysis failed"),
                          ("%s: %s", vision_strerror(rc), vision_crowd_last_error(self->crowd)));
        return GST_FLOW_ERROR;
    }
    if (results)
        post_results(self, index);

    /* Draw only into a frame mapped for writing: the overlay may have been
     * switched on after this buffer was mapped read-only in passthrough. */
    if (overlay && (frame->map[0].flags & GST_MAP_WRITE)) {
        rc = vision_crowd_draw(self->crowd, &vf);
        if (rc == VISION_E_PIXEL_FORMAT) {
            if (!self->draw_warned)
                GST_ELEMENT_WARNING(
                    self, STREAM, FORMAT, ("No overlay for this format"),
                    ("%s: %s", vision_strerror(rc), vision_crowd_last_error(self->crowd)));
            self->draw_warned = TRUE;
        } else if (rc != VISION_OK) {
            GST_ELEMENT_ERROR(
                self, STREAM, FAILED, ("Could not draw the overlay"),
                ("%s: %s", vision_strerror(rc), vision_crowd_last_error(self->crowd)));
            return GST_FLOW_ERROR;
        }
    }
    return GST_FLOW_OK;
}

/* --- properties ------------------------------------------------------------ */

static void set_overlay(GstVisionCrowd *self, gboolean overlay)
{
    GST_OBJECT_LOCK(self);
    self->overlay = overlay;
    GST_OBJECT_UNLOCK(self);
    /* Passthrough (read-only, never copied) unless drawing. */
    gst_base_transform_set_passthrough(GST_BASE_TRANSFORM(self), !overlay);
}

static void gst_vision_crowd_set_property(GObject *object, guint prop_id, const GValue *value,
                                          GParamSpec *pspec)
{
    GstVisionCrowd *self = GST_VISION_CROWD(object);
    if (prop_id >= PROP_FIRST_NUMERIC &&
        prop_id < PROP_FIRST_NUMERIC + G_N_ELEMENTS(numeric_props)) {
        const NumericProp *p = &numeric_props[prop_id - PROP_FIRST_NUMERIC];
        GST_OBJECT_LOCK(self);
        void *field = field_address(self, p);
        switch (p->type) {
        case FIELD_UINT:
            *(uint32_t *)field = g_value_get_uint(value);
            break;
        case FIELD_INT:
            *(int32_t *)field = g_value_get_int(value);
            break;
        case FIELD_DOUBLE:
            *(double *)field = g_value_get_double(value);
            break;
        case FIELD_BOOL:
            *(int32_t *)field = g_value_get_boolean(value) ? 1 : 0;
            break;
        }
        if (p->is_option)
            self->options_dirty = TRUE;
        else
            self->config_dirty = TRUE;
        GST_OBJECT_UNLOCK(self);
        return;
    }
    switch (prop_id) {
    case PROP_ROIS:
        GST_OBJECT_LOCK(self);
        g_value_unset(&self->rois);
        g_value_init(&self->rois, GST_TYPE_ARRAY);
        g_value_copy(value, &self->rois);
        rebuild_regions(self);
        GST_OBJECT_UNLOCK(self);
        break;
    case PROP_ROIS_STRUCTURE: {
        const GstStructure *s = gst_value_get_structure(value);
        GST_OBJECT_LOCK(self);
        if (self->rois_structure)
            gst_structure_free(self->rois_structure);
        self->rois_structure = s ? gst_structure_copy(s) : NULL;
        rebuild_regions(self);
        GST_OBJECT_UNLOCK(self);
        break;
    }
    case PROP_RESET_ON_DISCONT:
        GST_OBJECT_LOCK(self);
        self->reset_on_discont = g_value_get_boolean(value);
        GST_OBJECT_UNLOCK(self);
        break;
    case PROP_OVERLAY:
    case PROP_SHOW_DEBUG_INFO:
        set_overlay(self, g_value_get_boolean(value));
        break;
    case PROP_POST_RESULTS:
        GST_OBJECT_LOCK(self);
        self->post_results = g_value_get_boolean(value);
        GST_OBJECT_UNLOCK(self);
        break;
    default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
        break;
    }
}

static void gst_vision_crowd_get_property(GObject *object, guint prop_id, GValue *value,
                                          GParamSpec *pspec)
{
    GstVisionCrowd *self = GST_VISION_CROWD(object);
    GST_OBJECT_LOCK(self);
    if (prop_id >= PROP_FIRST_NUMERIC &&
        prop_id < PROP_FIRST_NUMERIC + G_N_ELEMENTS(numeric_props)) {
        const NumericProp *p = &numeric_props[prop_id - PROP_FIRST_NUMERIC];
        void *field = field_address(self, p);
        switch (p->type) {
        case FIELD_UINT:
            g_value_set_uint(value, *(uint32_t *)field);
            break;
        case FIELD_INT:
            g_value_set_int(value, *(int32_t *)field);
            break;
        case FIELD_DOUBLE:
            g_value_set_double(value, *(double *)field);
            break;
        case FIELD_BOOL:
            g_value_set_boolean(value, *(int32_t *)field != 0);
            break;
        }
    } else {
        switch (prop_id) {
        case PROP_ROIS:
            g_value_copy(&self->rois, value);
            break;
        case PROP_ROIS_STRUCTURE:
            gst_value_set_structure(value, self->rois_structure);
            break;
        case PROP_OVERLAY:
        case PROP_SHOW_DEBUG_INFO:
            g_value_set_boolean(value, self->overlay);
            break;
        case PROP_RESET_ON_DISCONT:
            g_value_set_boolean(value, self->reset_on_discont);
            break;
        case PROP_POST_RESULTS:
            g_value_set_boolean(value, self->post_results);
            break;
        default:
            G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
            break;
        }
    }
    GST_OBJECT_UNLOCK(self);
}

static void gst_vision_crowd_finalize(GObject *object)
{
    GstVisionCrowd *self = GST_VISION_CROWD(object);
    vision_crowd_free(self->crowd);
    g_ptr_array_unref(self->active_ids);
    g_ptr_array_unref(self->regions);
    g_value_unset(&self->rois);
    if (self->rois_structure)
        gst_structure_free(self->rois_structure);
    g_free(self->settings_error);
    G_OBJECT_CLASS(gst_vision_crowd_parent_class)->finalize(object);
}

static void gst_vision_crowd_class_init(GstVisionCrowdClass *klass)
{
    GObjectClass *gobject_class = G_OBJECT_CLASS(klass);
    GstElementClass *element_class = GST_ELEMENT_CLASS(klass);
    GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS(klass);
    GstVideoFilterClass *filter_class = GST_VIDEO_FILTER_CLASS(klass);
    const GParamFlags flags =
        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING;

    gobject_class->set_property = gst_vision_crowd_set_property;
    gobject_class->get_property = gst_vision_crowd_get_property;
    gobject_class->finalize = gst_vision_crowd_finalize;

    g_object_class_install_property(
        gobject_class, PROP_ROIS,
        gst_param_spec_array(
            "rois", "Regions of interest",
            "Regions as strings ID=X,Y;X,Y;X,Y... (3 or more points, 0..1 of the frame's width "
            "and height), e.g. <\"door=0,0;0.5,0;0.5,1;0,1\">. None: one region 'frame', the "
            "whole frame",
            g_param_spec_string("roi", "Region", "ID=X,Y;X,Y;X,Y...", NULL,
                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS),
            flags));
    g_object_class_install_property(
        gobject_class, PROP_ROIS_STRUCTURE,
        g_param_spec_boxed("rois-structure", "Regions of interest (Kurento structure)",
                           "Regions in kms-crowddetector's shape: a field per region holding "
                           "{x,y} point structures and a config structure with id and "
                           "occupancy_level_min, ... (added to rois)",
                           GST_TYPE_STRUCTURE, flags));
    g_object_class_install_property(
        gobject_class, PROP_OVERLAY,
        g_param_spec_boolean("overlay", "Overlay",
                             "Draw regions and foreground into the frames (BGR, BGRx, RGB, RGBx, "
                             "I420, NV12); off: passthrough, frames untouched",
                             FALSE, flags));
    g_object_class_install_property(
        gobject_class, PROP_RESET_ON_DISCONT,
        g_param_spec_boolean(
            "reset-on-discont", "Reset on discontinuity",
            "A buffer flagged DISCONT (seek, new stream, packet loss) starts the "
            "analysis again (the background is learnt again); off: only a change of caps does",
            TRUE, flags));
    g_object_class_install_property(gobject_class, PROP_SHOW_DEBUG_INFO,
                                    g_param_spec_boolean("show-debug-info", "Show debug info",
                                                         "Kurento's name for overlay", FALSE,
                                                         flags));
    g_object_class_install_property(
        gobject_class, PROP_POST_RESULTS,
        g_param_spec_boolean("post-results", "Post results",
                             "Post a crowd-result message per region and analysed frame", FALSE,
                             flags));

    vision_crowd_options o;
    vision_crowd_options_init(&o);
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c);
    for (guint i = 0; i < G_N_ELEMENTS(numeric_props); i++) {
        const NumericProp *p = &numeric_props[i];
        const void *def =
            (const char *)(p->is_option ? (const void *)&o : (const void *)&c) + p->offset;
        GParamSpec *spec = NULL;
        switch (p->type) {
        case FIELD_UINT:
            spec = g_param_spec_uint(p->name, p->name, p->blurb, (guint)p->min, (guint)p->max,
                                     *(const uint32_t *)def, flags);
            break;
        case FIELD_INT:
            spec = g_param_spec_int(p->name, p->name, p->blurb, (gint)p->min, (gint)p->max,
                                    *(const int32_t *)def, flags);
            break;
        case FIELD_DOUBLE:
            spec = g_param_spec_double(p->name, p->name, p->blurb, p->min, p->max,
                                       *(const double *)def, flags);
            break;
        case FIELD_BOOL:
            spec =
                g_param_spec_boolean(p->name, p->name, p->blurb, *(const int32_t *)def != 0, flags);
            break;
        }
        g_object_class_install_property(gobject_class, PROP_FIRST_NUMERIC + i, spec);
    }

    gst_element_class_set_static_metadata(
        element_class, "libvision crowd analysis", "Filter/Analyzer/Video",
        "Occupancy, fluidity and direction of motion in regions of interest, posted as "
        "occupancy-event, fluidity-event and direction-event element messages",
        "libvision authors");
    gst_element_class_add_pad_template(element_class,
                                       gst_pad_template_new("sink", GST_PAD_SINK, GST_PAD_ALWAYS,
                                                            gst_caps_from_string(GST_VISION_CAPS)));
    gst_element_class_add_pad_template(element_class,
                                       gst_pad_template_new("src", GST_PAD_SRC, GST_PAD_ALWAYS,
                                                            gst_caps_from_string(GST_VISION_CAPS)));

    trans_class->start = gst_vision_crowd_start;
    trans_class->stop = gst_vision_crowd_stop;
    trans_class->passthrough_on_same_caps = FALSE;
    trans_class->transform_ip_on_passthrough = TRUE;
    filter_class->set_info = gst_vision_crowd_set_info;
    filter_class->transform_frame_ip = gst_vision_crowd_transform_frame_ip;
}

static void gst_vision_crowd_init(GstVisionCrowd *self)
{
    vision_crowd_options_init(&self->options);
    vision_crowd_region_config_init(&self->config);
    g_value_init(&self->rois, GST_TYPE_ARRAY);
    self->regions = g_ptr_array_new_with_free_func(crowd_region_free);
    self->active_ids = g_ptr_array_new_with_free_func(g_free);
    self->reset_on_discont = TRUE;
    gst_base_transform_set_in_place(GST_BASE_TRANSFORM(self), TRUE);
    gst_base_transform_set_passthrough(GST_BASE_TRANSFORM(self), TRUE);
}
