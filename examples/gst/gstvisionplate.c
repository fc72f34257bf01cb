/*
 * visionplate: a GstVideoFilter over vision_plate.
 *
 * Without the overlay the element is in passthrough: buffers are mapped
 * read-only and never copied. The region-of-interest metas need a writable
 * buffer, so prepare_output_buffer hands transform_ip the input buffer when
 * it is writable, or a shallow copy (new GstBuffer, same memory) when
 * another element holds it too; the pixels are never copied. With the
 * overlay on, plates are drawn into the buffer.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "gstvisionplate.h"

#include <string.h>

GST_DEBUG_CATEGORY_STATIC(gst_vision_plate_debug);
#define GST_CAT_DEFAULT gst_vision_plate_debug

/* The roi_type of the metas this element attaches. */
#define ROI_TYPE "licence-plate"

#define GST_TYPE_VISION_PLATE_MODE (gst_vision_plate_mode_get_type())
static GType gst_vision_plate_mode_get_type(void)
{
    static GType type = 0;
    static const GEnumValue values[] = {
        {VISION_PLATE_MODE_STILL, "Each frame on its own: every plate of every frame is posted",
         "still"},
        {VISION_PLATE_MODE_VIDEO, "Plates tracked across frames: posted once per appearance",
         "video"},
        {0, NULL, NULL},
    };
    if (g_once_init_enter(&type)) {
        GType t = g_enum_register_static("GstVisionPlateMode", values);
        g_once_init_leave(&type, t);
    }
    return type;
}

struct _GstVisionPlate {
    GstVideoFilter parent;

    /* Settings, under the object lock. */
    vision_plate_options options; /* ocr_data_path and roi filled from the fields below */
    gchar *country;
    gchar *roi;
    gchar *ocr_data_path;
    gboolean overlay;
    gboolean reset_on_discont;
    gboolean attach_meta;
    gboolean dirty;

    /* Streaming thread only. */
    vision_plate *plate;
    GstVisionTimes times;
    guint64 frames;
};

G_DEFINE_TYPE_WITH_CODE(GstVisionPlate, gst_vision_plate, GST_TYPE_VIDEO_FILTER,
                        GST_DEBUG_CATEGORY_INIT(gst_vision_plate_debug, "visionplate", 0,
                                                "libvision licence plate reading"))

enum {
    PROP_0,
    PROP_COUNTRY,
    PROP_MODE,
    PROP_TOP_N,
    PROP_MIN_CONFIDENCE,
    PROP_MIN_PLATE_WIDTH,
    PROP_MAX_PLATE_WIDTH,
    PROP_ANALYSIS_WIDTH,
    PROP_ROI,
    PROP_OCR_DATA_PATH,
    PROP_REREAD_INTERVAL,
    PROP_TRACK_TIMEOUT,
    PROP_SCAN_INTERVAL,
    PROP_OVERLAY,
    PROP_SHOW_DEBUG_INFO,
    PROP_RESET_ON_DISCONT,
    PROP_ATTACH_META,
};

/* --- messages -------------------------------------------------------------- */

static GstStructure *plate_structure(const char *name, const char *text, double confidence,
                                     int track, const int32_t box[4], const char *pattern,
                                     uint32_t candidate_count,
                                     const char candidates[][VISION_PLATE_TEXT_SIZE],
                                     const float *candidate_confidence)
{
    GValue texts = G_VALUE_INIT, confidences = G_VALUE_INIT, v = G_VALUE_INIT;
    g_value_init(&texts, GST_TYPE_ARRAY);
    g_value_init(&confidences, GST_TYPE_ARRAY);
    for (uint32_t i = 0; i < candidate_count && i < VISION_PLATE_MAX_CANDIDATES; i++) {
        g_value_init(&v, G_TYPE_STRING);
        g_value_set_string(&v, candidates[i]);
        gst_value_array_append_and_take_value(&texts, &v);
        memset(&v, 0, sizeof v);
        g_value_init(&v, G_TYPE_DOUBLE);
        g_value_set_double(&v, candidate_confidence[i]);
        gst_value_array_append_and_take_value(&confidences, &v);
        memset(&v, 0, sizeof v);
    }
    GstStructure *s = gst_structure_new(
        name, "plate", G_TYPE_STRING, text, "confidence", G_TYPE_DOUBLE, confidence, "track",
        G_TYPE_INT, track, "x", G_TYPE_INT, box[0], "y", G_TYPE_INT, box[1], "width", G_TYPE_INT,
        box[2], "height", G_TYPE_INT, box[3], "pattern", G_TYPE_STRING, pattern, NULL);
    gst_structure_take_value(s, "candidates", &texts);
    gst_structure_take_value(s, "candidate-confidences", &confidences);
    return s;
}

static void post(GstVisionPlate *self, GstStructure *s)
{
    gst_vision_times_add(s, &self->times);
    gst_element_post_message(GST_ELEMENT(self), gst_message_new_element(GST_OBJECT(self), s));
}

static void on_event(const vision_plate_event *e, void *user_data)
{
    GstVisionPlate *self = user_data;
    const char *name, *kind;
    switch (e->type) {
    case VISION_PLATE_EVENT_NEW:
        name = "plate-detected", kind = "new";
        break;
    case VISION_PLATE_EVENT_UPDATE:
        name = "plate-detected", kind = "update";
        break;
    case VISION_PLATE_EVENT_END:
        name = "plate-lost", kind = "end";
        break;
    default:
        return;
    }
    GstStructure *s = plate_structure(name, e->text, e->confidence, e->track_id, e->box, e->pattern,
                                      e->candidate_count, e->candidates, e->candidate_confidence);
    gst_structure_set(s, "event", G_TYPE_STRING, kind, "frame-index", G_TYPE_UINT64,
                      (guint64)e->frame_index, "first-frame-index", G_TYPE_UINT64,
                      (guint64)e->first_frame_index, "reading-count", G_TYPE_UINT, e->reading_count,
                      NULL);
    if (e->type == VISION_PLATE_EVENT_UPDATE)
        gst_structure_set(s, "previous-plate", G_TYPE_STRING, e->previous_text, NULL);
    post(self, s);
}

/* Still mode has no events: every plate of the frame is posted. */
static void post_still_results(GstVisionPlate *self, guint64 frame_index)
{
    uint32_t count = vision_plate_result_count(self->plate);
    for (uint32_t i = 0; i < count; i++) {
        vision_plate_result r;
        vision_plate_result_init(&r);
        if (vision_plate_get_result(&r, self->plate, i) != VISION_OK)
            continue;
        GstStructure *s =
            plate_structure("plate-detected", r.text, r.confidence, r.track_id, r.box, r.pattern,
                            r.candidate_count, r.candidates, r.candidate_confidence);
        gst_structure_set(s, "event", G_TYPE_STRING, "still", "frame-index", G_TYPE_UINT64,
                          frame_index, NULL);
        post(self, s);
    }
}

static void attach_metas(GstVisionPlate *self, GstBuffer *buffer, gint width, gint height)
{
    uint32_t count = vision_plate_result_count(self->plate);
    for (uint32_t i = 0; i < count; i++) {
        vision_plate_result r;
        vision_plate_result_init(&r);
        if (vision_plate_get_result(&r, self->plate, i) != VISION_OK)
            continue;
        /* Clip the box to the frame: metas hold unsigned coordinates. */
        gint x0 = CLAMP(r.box[0], 0, width), y0 = CLAMP(r.box[1], 0, height);
        gint x1 = CLAMP(r.box[0] + r.box[2], 0, width), y1 = CLAMP(r.box[1] + r.box[3], 0, height);
        GstVideoRegionOfInterestMeta *meta = gst_buffer_add_video_region_of_interest_meta(
            buffer, ROI_TYPE, (guint)x0, (guint)y0, (guint)(x1 - x0), (guint)(y1 - y0));
        if (!meta)
            continue;
        meta->id = r.track_id;
        gst_video_region_of_interest_meta_add_param(
            meta, gst_structure_new(ROI_TYPE, "text", G_TYPE_STRING, r.text, "confidence",
                                    G_TYPE_DOUBLE, (double)r.confidence, "track", G_TYPE_INT,
                                    r.track_id, "pattern", G_TYPE_STRING, r.pattern, NULL));
    }
}

/* --- applying settings ----------------------------------------------------- */

static void free_handle(GstVisionPlate *self, gboolean flush)
{
    if (!self->plate)
        return;
    if (flush)
        vision_plate_flush(self->plate); /* END events for open tracks */
    vision_plate_free(self->plate);
    self->plate = NULL;
}

static gboolean apply_settings(GstVisionPlate *self)
{
    GST_OBJECT_LOCK(self);
    vision_plate_options options = self->options;
    gchar *country = g_strdup(self->country);
    gchar *roi = g_strdup(self->roi);
    gchar *path = g_strdup(self->ocr_data_path);
    self->dirty = FALSE;
    GST_OBJECT_UNLOCK(self);

    gboolean ok = FALSE;
    int rc;
    free_handle(self, TRUE);
    if (country && (rc = vision_plate_countries_parse(&options.countries, country)) != VISION_OK) {
        GST_ELEMENT_ERROR(self, RESOURCE, SETTINGS, ("Bad country list '%s'", country),
                          ("%s: %s", vision_strerror(rc), vision_last_error()));
        goto done;
    }
    if (roi && *roi) {
        double *xy = NULL;
        char *error = NULL;
        int n = gst_vision_parse_points(roi, &xy, &error);
        if (n < 0 || n > VISION_PLATE_ROI_MAX_POINTS) {
            GST_ELEMENT_ERROR(self, RESOURCE, SETTINGS, ("Bad region of interest '%s'", roi),
                              ("%s", error ? error : "more than 16 points"));
            g_free(error);
            g_free(xy);
            goto done;
        }
        options.roi_point_count = (uint32_t)n;
        memcpy(options.roi, xy, sizeof(double) * 2 * (size_t)n);
        g_free(xy);
    }
    options.ocr_data_path = path;
    rc = vision_plate_new(&self->plate, &options);
    if (rc != VISION_OK) {
        GST_ELEMENT_ERROR(self, LIBRARY, SETTINGS, ("Could not create the plate reader"),
                          ("%s: %s", vision_strerror(rc), vision_last_error()));
        goto done;
    }
    vision_plate_set_callback(self->plate, on_event, self);
    self->frames = 0;
    ok = TRUE;
done:
    if (!ok) {
        GST_OBJECT_LOCK(self);
        self->dirty = TRUE; /* report again until fixed */
        GST_OBJECT_UNLOCK(self);
    }
    g_free(country);
    g_free(roi);
    g_free(path);
    return ok;
}

/* --- GstBaseTransform / GstVideoFilter ------------------------------------ */

static gboolean gst_vision_plate_start(GstBaseTransform *trans)
{
    return apply_settings(GST_VISION_PLATE(trans));
}

static gboolean gst_vision_plate_stop(GstBaseTransform *trans)
{
    free_handle(GST_VISION_PLATE(trans), FALSE);
    return TRUE;
}

static gboolean gst_vision_plate_sink_event(GstBaseTransform *trans, GstEvent *event)
{
    GstVisionPlate *self = GST_VISION_PLATE(trans);
    /* At the end of the stream, close the open tracks (plate-lost messages)
     * before the EOS goes on and the application sees it. */
    if (GST_EVENT_TYPE(event) == GST_EVENT_EOS && self->plate)
        vision_plate_flush(self->plate);
    return GST_BASE_TRANSFORM_CLASS(gst_vision_plate_parent_class)->sink_event(trans, event);
}

static GstFlowReturn gst_vision_plate_prepare_output_buffer(GstBaseTransform *trans,
                                                            GstBuffer *input, GstBuffer **outbuf)
{
    if (!gst_base_transform_is_passthrough(trans))
        return GST_BASE_TRANSFORM_CLASS(gst_vision_plate_parent_class)
            ->prepare_output_buffer(trans, input, outbuf);
    /* Passthrough: the same pixels, but a buffer the metas can be added to. */
    GST_OBJECT_LOCK(trans);
    gboolean attach = GST_VISION_PLATE(trans)->attach_meta;
    GST_OBJECT_UNLOCK(trans);
    *outbuf = !attach || gst_buffer_is_writable(input) ? input : gst_buffer_copy(input);
    return *outbuf ? GST_FLOW_OK : GST_FLOW_ERROR;
}

static gboolean gst_vision_plate_set_info(GstVideoFilter *filter, GstCaps *incaps,
                                          GstVideoInfo *in_info, GstCaps *outcaps,
                                          GstVideoInfo *out_info)
{
    (void)filter;
    (void)incaps;
    (void)outcaps;
    (void)out_info;
    return gst_vision_format_from_video(GST_VIDEO_INFO_FORMAT(in_info)) !=
           VISION_PIXEL_FORMAT_UNKNOWN;
}

static GstFlowReturn gst_vision_plate_transform_frame_ip(GstVideoFilter *filter,
                                                         GstVideoFrame *frame)
{
    GstVisionPlate *self = GST_VISION_PLATE(filter);
    GST_OBJECT_LOCK(self);
    gboolean dirty = self->dirty, overlay = self->overlay, discont = self->reset_on_discont;
    int mode = self->options.mode;
    GST_OBJECT_UNLOCK(self);
    if ((dirty || !self->plate) && !apply_settings(self))
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
    int rc = vision_plate_process(self->plate, &vf);
    if (rc != VISION_OK) {
        GST_ELEMENT_ERROR(self, STREAM, FAILED, ("Plate reading failed"),
                          ("%s: %s", vision_strerror(rc), vision_plate_last_error(self->plate)));
        return GST_FLOW_ERROR;
    }
    if (mode == VISION_PLATE_MODE_STILL)
        post_still_results(self, index);
    if (overlay && (frame->map[0].flags & GST_MAP_WRITE)) {
        rc = vision_plate_draw(self->plate, &vf);
        if (rc != VISION_OK) {
            GST_ELEMENT_ERROR(
                self, STREAM, FAILED, ("Could not draw the overlay"),
                ("%s: %s", vision_strerror(rc), vision_plate_last_error(self->plate)));
            return GST_FLOW_ERROR;
        }
    }
    return GST_FLOW_OK;
}

/* GstVideoFilter's transform_ip maps the frame (holding a reference to the
 * buffer, so it is not writable meanwhile) and calls transform_frame_ip; the
 * metas are added once it has unmapped. */
static GstFlowReturn gst_vision_plate_transform_ip(GstBaseTransform *trans, GstBuffer *buffer)
{
    GstVisionPlate *self = GST_VISION_PLATE(trans);
    GstFlowReturn ret =
        GST_BASE_TRANSFORM_CLASS(gst_vision_plate_parent_class)->transform_ip(trans, buffer);
    GST_OBJECT_LOCK(self);
    gboolean attach = self->attach_meta;
    GST_OBJECT_UNLOCK(self);
    if (ret == GST_FLOW_OK && attach && self->plate) {
        if (gst_buffer_is_writable(buffer)) {
            GstVideoFilter *filter = GST_VIDEO_FILTER(trans);
            attach_metas(self, buffer, GST_VIDEO_INFO_WIDTH(&filter->in_info),
                         GST_VIDEO_INFO_HEIGHT(&filter->in_info));
        } else {
            GST_WARNING_OBJECT(self, "buffer not writable, no region-of-interest metas");
        }
    }
    return ret;
}

/* --- properties ------------------------------------------------------------ */

static void set_string(GstVisionPlate *self, gchar **field, const GValue *value)
{
    GST_OBJECT_LOCK(self);
    g_free(*field);
    *field = g_value_dup_string(value);
    self->dirty = TRUE;
    GST_OBJECT_UNLOCK(self);
}

static void set_int(GstVisionPlate *self, int32_t *field, const GValue *value)
{
    GST_OBJECT_LOCK(self);
    *field = g_value_get_int(value);
    self->dirty = TRUE;
    GST_OBJECT_UNLOCK(self);
}

static void gst_vision_plate_set_property(GObject *object, guint prop_id, const GValue *value,
                                          GParamSpec *pspec)
{
    GstVisionPlate *self = GST_VISION_PLATE(object);
    vision_plate_options *o = &self->options;
    switch (prop_id) {
    case PROP_COUNTRY:
        set_string(self, &self->country, value);
        break;
    case PROP_MODE:
        GST_OBJECT_LOCK(self);
        o->mode = g_value_get_enum(value);
        self->dirty = TRUE;
        GST_OBJECT_UNLOCK(self);
        break;
    case PROP_TOP_N:
        set_int(self, &o->top_n, value);
        break;
    case PROP_MIN_CONFIDENCE:
        GST_OBJECT_LOCK(self);
        o->min_confidence = g_value_get_double(value);
        self->dirty = TRUE;
        GST_OBJECT_UNLOCK(self);
        break;
    case PROP_MIN_PLATE_WIDTH:
        set_int(self, &o->min_plate_width, value);
        break;
    case PROP_MAX_PLATE_WIDTH:
        set_int(self, &o->max_plate_width, value);
        break;
    case PROP_ANALYSIS_WIDTH:
        set_int(self, &o->analysis_width, value);
        break;
    case PROP_ROI:
        set_string(self, &self->roi, value);
        break;
    case PROP_OCR_DATA_PATH:
        set_string(self, &self->ocr_data_path, value);
        break;
    case PROP_REREAD_INTERVAL:
        set_int(self, &o->reread_interval, value);
        break;
    case PROP_TRACK_TIMEOUT:
        set_int(self, &o->track_timeout, value);
        break;
    case PROP_SCAN_INTERVAL:
        set_int(self, &o->scan_interval, value);
        break;
    case PROP_RESET_ON_DISCONT:
        GST_OBJECT_LOCK(self);
        self->reset_on_discont = g_value_get_boolean(value);
        GST_OBJECT_UNLOCK(self);
        break;
    case PROP_OVERLAY:
    case PROP_SHOW_DEBUG_INFO: {
        gboolean overlay = g_value_get_boolean(value);
        GST_OBJECT_LOCK(self);
        self->overlay = overlay;
        GST_OBJECT_UNLOCK(self);
        gst_base_transform_set_passthrough(GST_BASE_TRANSFORM(self), !overlay);
        break;
    }
    case PROP_ATTACH_META:
        GST_OBJECT_LOCK(self);
        self->attach_meta = g_value_get_boolean(value);
        GST_OBJECT_UNLOCK(self);
        break;
    default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
        break;
    }
}

static void gst_vision_plate_get_property(GObject *object, guint prop_id, GValue *value,
                                          GParamSpec *pspec)
{
    GstVisionPlate *self = GST_VISION_PLATE(object);
    const vision_plate_options *o = &self->options;
    GST_OBJECT_LOCK(self);
    switch (prop_id) {
    case PROP_COUNTRY:
        g_value_set_string(value, self->country);
        break;
    case PROP_MODE:
        g_value_set_enum(value, o->mode);
        break;
    case PROP_TOP_N:
        g_value_set_int(value, o->top_n);
        break;
    case PROP_MIN_CONFIDENCE:
        g_value_set_double(value, o->min_confidence);
        break;
    case PROP_MIN_PLATE_WIDTH:
        g_value_set_int(value, o->min_plate_width);
        break;
    case PROP_MAX_PLATE_WIDTH:
        g_value_set_int(value, o->max_plate_width);
        break;
    case PROP_ANALYSIS_WIDTH:
        g_value_set_int(value, o->analysis_width);
        break;
    case PROP_ROI:
        g_value_set_string(value, self->roi);
        break;
    case PROP_OCR_DATA_PATH:
        g_value_set_string(value, self->ocr_data_path);
        break;
    case PROP_REREAD_INTERVAL:
        g_value_set_int(value, o->reread_interval);
        break;
    case PROP_TRACK_TIMEOUT:
        g_value_set_int(value, o->track_timeout);
        break;
    case PROP_SCAN_INTERVAL:
        g_value_set_int(value, o->scan_interval);
        break;
    case PROP_OVERLAY:
    case PROP_SHOW_DEBUG_INFO:
        g_value_set_boolean(value, self->overlay);
        break;
    case PROP_RESET_ON_DISCONT:
        g_value_set_boolean(value, self->reset_on_discont);
        break;
    case PROP_ATTACH_META:
        g_value_set_boolean(value, self->attach_meta);
        break;
    default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
        break;
    }
    GST_OBJECT_UNLOCK(self);
}

static void gst_vision_plate_finalize(GObject *object)
{
    GstVisionPlate *self = GST_VISION_PLATE(object);
    free_handle(self, FALSE);
    g_free(self->country);
    g_free(self->roi);
    g_free(self->ocr_data_path);
    G_OBJECT_CLASS(gst_vision_plate_parent_class)->finalize(object);
}

static void gst_vision_plate_class_init(GstVisionPlateClass *klass)
{
    GObjectClass *gobject_class = G_OBJECT_CLASS(klass);
    GstElementClass *element_class = GST_ELEMENT_CLASS(klass);
    GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS(klass);
    GstVideoFilterClass *filter_class = GST_VIDEO_FILTER_CLASS(klass);
    const GParamFlags flags =
        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING;
    vision_plate_options d;
    vision_plate_options_init(&d);

    gobject_class->set_property = gst_vision_plate_set_property;
    gobject_class->get_property = gst_vision_plate_get_property;
    gobject_class->finalize = gst_vision_plate_finalize;

    g_object_class_install_property(
        gobject_class, PROP_COUNTRY,
        g_param_spec_string("country", "Countries",
                            "Plate syntaxes to read with: a comma-separated list of us, eu, br "
                            "or all",
                            "all", flags));
    g_object_class_install_property(
        gobject_class, PROP_MODE,
        g_param_spec_enum("mode", "Mode", "Still images or tracked video",
                          GST_TYPE_VISION_PLATE_MODE, VISION_PLATE_MODE_VIDEO, flags));
    g_object_class_install_property(gobject_class, PROP_TOP_N,
                                    g_param_spec_int("top-n", "Top N",
                                                     "Candidate readings reported per plate", 1,
                                                     VISION_PLATE_MAX_CANDIDATES, d.top_n, flags));
    g_object_class_install_property(
        gobject_class, PROP_MIN_CONFIDENCE,
        g_param_spec_double("min-confidence", "Minimum confidence",
                            "Plates read with a lower confidence (0..1) are not reported", 0, 1,
                            d.min_confidence, flags));
    g_object_class_install_property(
        gobject_class, PROP_MIN_PLATE_WIDTH,
        g_param_spec_int("min-plate-width", "Minimum plate width",
                         "Narrowest plate looked for, frame pixels (0: the library's default)", 0,
                         VISION_FRAME_MAX_DIMENSION, d.min_plate_width, flags));
    g_object_class_install_property(
        gobject_class, PROP_MAX_PLATE_WIDTH,
        g_param_spec_int("max-plate-width", "Maximum plate width",
                         "Widest plate looked for, frame pixels (0: no limit)", 0,
                         VISION_FRAME_MAX_DIMENSION, d.max_plate_width, flags));
    g_object_class_install_property(
        gobject_class, PROP_ANALYSIS_WIDTH,
        g_param_spec_int("analysis-width", "Analysis width",
                         "Search plates in the frame scaled to this width (0: full size)", 0,
                         VISION_FRAME_MAX_DIMENSION, d.analysis_width, flags));
    g_object_class_install_property(
        gobject_class, PROP_ROI,
        g_param_spec_string("roi", "Region of interest",
                            "Polygon X,Y;X,Y;X,Y... (3 to 16 points, 0..1 of the frame); only "
                            "plates whose centre is inside are reported. None: the whole frame",
                            NULL, flags));
    g_object_class_install_property(
        gobject_class, PROP_OCR_DATA_PATH,
        g_param_spec_string("ocr-data-path", "OCR data path",
                            "Tesseract data directory (None: the system's)", NULL, flags));
    g_object_class_install_property(
        gobject_class, PROP_REREAD_INTERVAL,
        g_param_spec_int("reread-interval", "Reread interval",
                         "Video: a confidently read track is read again every this many frames", 1,
                         1000, d.reread_interval, flags));
    g_object_class_install_property(
        gobject_class, PROP_TRACK_TIMEOUT,
        g_param_spec_int("track-timeout", "Track timeout",
                         "Video: frames a plate may go unseen before its track ends", 1, 1000,
                         d.track_timeout, flags));
    g_object_class_install_property(
        gobject_class, PROP_SCAN_INTERVAL,
        g_param_spec_int("scan-interval", "Scan interval",
                         "Video: the whole frame is searched every this many frames", 1, 100,
                         d.scan_interval, flags));
    g_object_class_install_property(
        gobject_class, PROP_OVERLAY,
        g_param_spec_boolean("overlay", "Overlay",
                             "Draw plates and their text into the frames; off: passthrough", FALSE,
                             flags));
    g_object_class_install_property(
        gobject_class, PROP_RESET_ON_DISCONT,
        g_param_spec_boolean("reset-on-discont", "Reset on discontinuity",
                             "A buffer flagged DISCONT (seek, new stream, packet loss) starts the "
                             "analysis again (open tracks end); off: only a change of caps does",
                             TRUE, flags));
    g_object_class_install_property(gobject_class, PROP_SHOW_DEBUG_INFO,
                                    g_param_spec_boolean("show-debug-info", "Show debug info",
                                                         "Kurento's name for overlay", FALSE,
                                                         flags));
    g_object_class_install_property(
        gobject_class, PROP_ATTACH_META,
        g_param_spec_boolean("attach-meta", "Attach meta",
                             "Attach a GstVideoRegionOfInterestMeta (type " ROI_TYPE
                             ") per plate of the frame, text and confidence in its param",
                             TRUE, flags));

    gst_element_class_set_static_metadata(
        element_class, "libvision licence plates", "Filter/Analyzer/Video",
        "Finds, reads and tracks licence plates: plate-detected and plate-lost element messages "
        "and region-of-interest metas",
        "libvision authors");
    gst_element_class_add_pad_template(element_class,
                                       gst_pad_template_new("sink", GST_PAD_SINK, GST_PAD_ALWAYS,
                                                            gst_caps_from_string(GST_VISION_CAPS)));
    gst_element_class_add_pad_template(element_class,
                                       gst_pad_template_new("src", GST_PAD_SRC, GST_PAD_ALWAYS,
                                                            gst_caps_from_string(GST_VISION_CAPS)));

    trans_class->start = gst_vision_plate_start;
    trans_class->stop = gst_vision_plate_stop;
    trans_class->sink_event = gst_vision_plate_sink_event;
    trans_class->prepare_output_buffer = gst_vision_plate_prepare_output_buffer;
    trans_class->transform_ip = gst_vision_plate_transform_ip;
    trans_class->passthrough_on_same_caps = FALSE;
    trans_class->transform_ip_on_passthrough = TRUE;
    filter_class->set_info = gst_vision_plate_set_info;
    filter_class->transform_frame_ip = gst_vision_plate_transform_frame_ip;

    gst_type_mark_as_plugin_api(GST_TYPE_VISION_PLATE_MODE, 0);
}

static void gst_vision_plate_init(GstVisionPlate *self)
{
    vision_plate_options_init(&self->options);
    self->options.mode = VISION_PLATE_MODE_VIDEO;
    self->country = g_strdup("all");
    self->attach_meta = TRUE;
    self->reset_on_discont = TRUE;
    gst_base_transform_set_in_place(GST_BASE_TRANSFORM(self), TRUE);
    gst_base_transform_set_passthrough(GST_BASE_TRANSFORM(self), TRUE);
}
