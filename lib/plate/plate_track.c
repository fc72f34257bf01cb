/*
 * Video mode: following each plate from frame to frame, voting over its
 * readings, and the NEW / UPDATE / END events.
 *
 * Every track keeps its own state (position, motion, readings, what was
 * announced), so two plates in view never interfere. A region found in a
 * frame continues the track whose predicted box it overlaps best; a region
 * that continues none starts a new track. A track is read on every frame
 * until it has a confident reading, then only every reread_interval frames
 * (and half as often once several readings agree): that is where video
 * saves time. A track unseen for more than track_timeout frames ends; the
 * same plate seen again later starts a new track and is announced again.
 *
 * Events are fired at the end of the frame, after the frame's results are
 * written, so a callback may read them.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plate_internal.h"

/* A region continues a track when it overlaps the predicted box at least
 * this much, or (fast motion, missed frames) its centre is within this
 * fraction of the track's width and its size is similar. */
#define MATCH_MIN_IOU 0.1f
#define MATCH_CENTRE_FRACTION 0.75f
/* Readings of an unannounced track on consecutive frames before it is read
 * less often (a region that never reads is probably not a plate). */
#define EAGER_READS 2
#define RELUCTANT_INTERVAL 4
/* Readings of not-yet-announced tracks per frame, at most: a busy scene
 * can hold many plate-like regions, and reading them all on every frame
 * would cost more than the frame is worth. Those read least so far, and
 * then the most plate-like, go first; the others wait for a later frame. */
#define UNANNOUNCED_READS_PER_FRAME 2
/* A reading this close to min_confidence (as a share of it) keeps an
 * unannounced track read on every frame. */
#define PROMISING 0.8f
/* Readings that agree before re-reading slows down further. */
#define SETTLED_AGREEING 4
/* A single reading this confident announces a track on its own. */
#define SURE_READING 0.9f
/* An UPDATE for a higher confidence alone needs at least this gain. */
#define UPDATE_CONFIDENCE_GAIN 0.1f

static int nested_in_other(const vision_plate *plate, const plate_track *track);

static void copy_text(char *dst, size_t size, const char *src)
{
    size_t n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void box_centre(const int *box, float *cx, float *cy)
{
    *cx = box[0] + box[2] * 0.5f;
    *cy = box[1] + box[3] * 0.5f;
}

static void predicted_box(const plate_track *track, int64_t frame, int *box)
{
    float dt = (float)(frame - track->last_frame);
    box[0] = (int)lroundf(track->region.box[0] + track->vx * dt);
    box[1] = (int)lroundf(track->region.box[1] + track->vy * dt);
    box[2] = track->region.box[2];
    box[3] = track->region.box[3];
}

/* How well a region continues a track; 0 when it does not. */
static float match_score(const plate_track *track, const plate_region *region, int64_t frame)
{
    int predicted[4];
    predicted_box(track, frame, predicted);
    float iou = plate_box_iou(predicted, region->box);
    if (iou >= MATCH_MIN_IOU)
        return 1.0f + iou;
    float tx, ty, rx, ry;
    box_centre(predicted, &tx, &ty);
    box_centre(region->box, &rx, &ry);
    float dist = hypotf(tx - rx, ty - ry);
    float w = (float)predicted[2];
    float ratio = w > 0 ? (float)region->box[2] / w : 0;
    if (dist < MATCH_CENTRE_FRACTION * w && ratio > 0.6f && ratio < 1.67f)
        return 1.0f - dist / (MATCH_CENTRE_FRACTION * w) * 0.99f;
    return 0.0f;
}

static const plate_vote *best_vote(const plate_track *track)
{
    const plate_vote *best = NULL;
    for (int i = 0; i < track->vote_count; i++)
        if (!best || track->votes[i].weight > best->weight)
            best = &track->votes[i];
    return best;
}

/* Confidence of a voted text: half its mean confidence over all readings of
 * the track (disagreeing readings count as 0), half its best single one. */
static float vote_confidence(const plate_track *track, const plate_vote *vote)
{
    if (!vote || track->reads < 1)
        return 0.0f;
    float mean = vote->weight / (float)track->reads;
    float conf = 0.5f * mean + 0.5f * vote->best_conf;
    return conf > 1.0f ? 1.0f : conf;
}

static void add_vote(plate_track *track, const plate_reading *reading, int rank)
{
    const plate_candidate *c = &reading->candidates[rank];
    if (!c->text[0] || !(c->confidence > 0.0f))
        return;
    plate_vote *vote = NULL;
    for (int i = 0; i < track->vote_count && !vote; i++)
        if (strcmp(track->votes[i].text, c->text) == 0)
            vote = &track->votes[i];
    if (!vote) {
        if (track->vote_count < PLATE_MAX_VOTES) {
            vote = &track->votes[track->vote_count++];
        } else { /* forget the weakest */
            vote = &track->votes[0];
            for (int i = 1; i < track->vote_count; i++)
                if (track->votes[i].weight < vote->weight)
                    vote = &track->votes[i];
        }
        memset(vote, 0, sizeof *vote);
        copy_text(vote->text, sizeof vote->text, c->text);
        copy_text(vote->pattern, sizeof vote->pattern, c->pattern);
    }
    /* Lower-ranked candidates are alternatives, not sightings: they count
     * for less, so a steady second guess does not outvote the first. */
    float conf = c->confidence > 1.0f ? 1.0f : c->confidence;
    vote->weight += rank == 0 ? conf : 0.5f * conf;
    if (rank == 0) {
        vote->top_count++;
        if (conf >= vote->best_conf) {
            vote->best_conf = conf;
            size_t n = strlen(vote->text);
            for (size_t i = 0; i < n && i < PLATE_TEXT_MAX; i++)
                vote->char_conf[i] = reading->char_confidence[i];
        }
    }
}

static int needs_read(const vision_plate *plate, const plate_track *track)
{
    int64_t since = plate->frame_index - track->last_read_frame;
    if (!track->announced) {
        if (track->attempts < EAGER_READS)
            return 1;
        /* Close to confident: keep trying on every frame. */
        if (track->last_conf >= PROMISING * (float)plate->options.min_confidence)
            return 1;
        /* Illegible so far: back off, doubling the wait every few tries
         * (a far plate gets readable as it comes closer; a piece of a
         * busy background never does). */
        int doublings = (track->attempts - EAGER_READS) / EAGER_READS;
        int interval = RELUCTANT_INTERVAL << (doublings > 3 ? 3 : doublings);
        return since >= interval;
    }
    int interval = plate->options.reread_interval;
    if (track->agreeing >= SETTLED_AGREEING)
        interval *= 2;
    return since >= interval;
}

static int read_track(vision_plate *plate, plate_track *track, const vis_image *gray,
                      const vis_image *bgr)
{
    plate_reading *reading = &plate->reading;
    memset(reading, 0, sizeof *reading);
    int rc = plate_reader_read(plate->reader, gray, bgr, &track->region, reading, &plate->errors);
    if (rc)
        return rc;
    track->last_read_frame = plate->frame_index;
    track->attempts++;
    track->last_conf = reading->candidate_count >= 1 ? reading->candidates[0].confidence : 0.0f;
    if (reading->candidate_count < 1 || !reading->candidates[0].text[0])
        return VISION_OK; /* nothing legible this time: not a vote */
    const plate_vote *before = best_vote(track);
    char before_text[PLATE_TEXT_MAX + 1] = "";
    if (before)
        copy_text(before_text, sizeof before_text, before->text);
    track->reads++;
    int n = reading->candidate_count < PLATE_MAX_CANDIDATES ? reading->candidate_count
                                                            : PLATE_MAX_CANDIDATES;
    for (int i = 0; i < n; i++)
        add_vote(track, reading, i);
    const plate_vote *after = best_vote(track);
    if (after && strcmp(after->text, reading->candidates[0].text) == 0 &&
        strcmp(after->text, before_text) == 0)
        track->agreeing++;
    else
        track->agreeing = 0;
    return VISION_OK;
}

/* Decide whether the track's reading is now worth an event. */
static void update_announcement(const vision_plate *plate, plate_track *track)
{
    const plate_vote *best = best_vote(track);
    if (!best)
        return;
    float conf = vote_confidence(track, best);
    if (!track->announced) {
        /* One reading is enough when it is very sure; otherwise two must
         * agree, so a single lucky reading of a non-plate is not announced. */
        int confirmed = best->top_count >= 2 || best->best_conf >= SURE_READING;
        if (conf >= plate->options.min_confidence && confirmed && !nested_in_other(plate, track)) {
            track->announced = 1;
            track->pending_event = VISION_PLATE_EVENT_NEW;
            track->previous_text[0] = '\0';
            copy_text(track->announced_text, sizeof track->announced_text, best->text);
            track->announced_conf = conf;
        }
        return;
    }
    int changed = strcmp(best->text, track->announced_text) != 0;
    if (changed || conf >= track->announced_conf + UPDATE_CONFIDENCE_GAIN) {
        if (track->pending_event != VISION_PLATE_EVENT_NEW) {
            track->pending_event = VISION_PLATE_EVENT_UPDATE;
            copy_text(track->previous_text, sizeof track->previous_text, track->announced_text);
        }
        copy_text(track->announced_text, sizeof track->announced_text, best->text);
        track->announced_conf = conf;
    }
}

static int compare_votes(const void *a, const void *b)
{
    const plate_vote *va = *(const plate_vote *const *)a, *vb = *(const plate_vote *const *)b;
    return (va->weight < vb->weight) - (va->weight > vb->weight);
}

/* The track's reading as a result (text, candidates, position). */
static void track_result(const vision_plate *plate, const plate_track *track,
                         vision_plate_result *result)
{
    vision_plate_result_init(result);
    result->track_id = track->id;
    const plate_vote *order[PLATE_MAX_VOTES];
    int n = track->vote_count;
    for (int i = 0; i < n; i++)
        order[i] = &track->votes[i];
    qsort(order, (size_t)n, sizeof order[0], compare_votes);
    if (n > 0) {
        const plate_vote *best = order[0];
        copy_text(result->text, sizeof result->text, best->text);
        copy_text(result->pattern, sizeof result->pattern, best->pattern);
        result->confidence = vote_confidence(track, best);
        result->char_count = (uint32_t)strlen(result->text);
        for (uint32_t i = 0; i < result->char_count && i < PLATE_TEXT_MAX; i++)
            result->char_confidence[i] = best->char_conf[i];
    }
    int top = n < plate->options.top_n ? n : plate->options.top_n;
    for (int i = 0; i < top; i++) {
        copy_text(result->candidates[i], sizeof result->candidates[i], order[i]->text);
        result->candidate_confidence[i] = vote_confidence(track, order[i]);
    }
    result->candidate_count = (uint32_t)top;
    for (int i = 0; i < 4; i++) {
        result->box[i] = track->region.box[i];
        result->corners[2 * i] = track->region.corners[i][0];
        result->corners[2 * i + 1] = track->region.corners[i][1];
    }
    result->detection_score = track->det_score;
}

static void fire(vision_plate *plate, const plate_track *track, int type)
{
    if (!plate->callback)
        return;
    vision_plate_result result;
    track_result(plate, track, &result);
    vision_plate_event event;
    vision_plate_event_init(&event);
    event.type = type;
    event.pts_ns = plate->pts_ns;
    event.frame_index = plate->frame_index;
    event.first_frame_index = track->first_frame;
    event.first_pts_ns = track->first_pts;
    event.last_frame_index = track->last_frame;
    event.last_pts_ns = track->last_pts;
    event.track_id = track->id;
    event.reading_count = (uint32_t)track->reads;
    memcpy(event.text, result.text, sizeof event.text);
    if (type == VISION_PLATE_EVENT_UPDATE)
        copy_text(event.previous_text, sizeof event.previous_text, track->previous_text);
    event.confidence = result.confidence;
    event.char_count = result.char_count;
    memcpy(event.char_confidence, result.char_confidence, sizeof event.char_confidence);
    memcpy(event.pattern, result.pattern, sizeof event.pattern);
    memcpy(event.box, result.box, sizeof event.box);
    memcpy(event.corners, result.corners, sizeof event.corners);
    event.candidate_count = result.candidate_count;
    memcpy(event.candidate_confidence, result.candidate_confidence,
           sizeof event.candidate_confidence);
    memcpy(event.candidates, result.candidates, sizeof event.candidates);
    plate->in_callback = 1;
    plate->callback(&event, plate->user_data);
    plate->in_callback = 0;
}

static void remove_track(plate_tracker *tracker, int index)
{
    tracker->tracks[index] = tracker->tracks[tracker->count - 1];
    tracker->count--;
}

void plate_track_end_all(vision_plate *plate)
{
    plate_tracker *tracker = &plate->tracker;
    while (tracker->count > 0) {
        plate_track *track = &tracker->tracks[0];
        if (track->announced)
            fire(plate, track, VISION_PLATE_EVENT_END);
        remove_track(tracker, 0);
    }
}

static void start_track(vision_plate *plate, const plate_region *region)
{
    plate_tracker *tracker = &plate->tracker;
    if (tracker->count >= PLATE_MAX_TRACKS)
        return; /* busier than any road scene: the extra plates wait for a free slot */
    plate_track *track = &tracker->tracks[tracker->count++];
    memset(track, 0, sizeof *track);
    track->id = tracker->next_id++;
    if (tracker->next_id < 1)
        tracker->next_id = 1;
    track->region = *region;
    track->det_score = region->score;
    track->first_frame = track->last_frame = plate->frame_index;
    track->first_pts = track->last_pts = plate->pts_ns;
    track->last_read_frame = -1;
    track->seen = 1;
}

static void follow(vision_plate *plate, plate_track *track, const plate_region *region)
{
    float ox, oy, nx, ny;
    box_centre(track->region.box, &ox, &oy);
    box_centre(region->box, &nx, &ny);
    float dt = (float)(plate->frame_index - track->last_frame);
    if (dt > 0) {
        /* Smoothed, so one jittery box does not throw the prediction off. */
        float vx = (nx - ox) / dt, vy = (ny - oy) / dt;
        int moving_before = track->last_frame > track->first_frame;
        track->vx = moving_before ? 0.5f * track->vx + 0.5f * vx : vx;
        track->vy = moving_before ? 0.5f * track->vy + 0.5f * vy : vy;
    }
    track->region = *region;
    track->det_score = region->score;
    track->last_frame = plate->frame_index;
    track->last_pts = plate->pts_ns;
    track->seen = 1;
}

/* A region nested in (or around) a track seen lately is a piece of that
 * plate (Mercosur's "BRASIL" band, a state name) or the plate with its
 * frame: not a new plate. */
static int inside_a_track(const vision_plate *plate, const plate_region *region, int tracks)
{
    for (int t = 0; t < tracks; t++) {
        const plate_track *track = &plate->tracker.tracks[t];
        if (plate->frame_index - track->last_frame > plate->options.scan_interval)
            continue;
        int predicted[4];
        predicted_box(track, plate->frame_index, predicted);
        if (plate_box_nested(predicted, region->box))
            return 1;
    }
    return 0;
}

int plate_track_worth_following(const vision_plate *plate, const plate_track *track)
{
    return track->announced || track->attempts < EAGER_READS ||
           track->last_conf >= PROMISING * (float)plate->options.min_confidence;
}

/* Whether another track seen in this frame holds this one's box: then this
 * one is a piece of that plate and is not announced on its own. */
static int nested_in_other(const vision_plate *plate, const plate_track *track)
{
    const plate_tracker *tracker = &plate->tracker;
    double area = (double)track->region.box[2] * track->region.box[3];
    for (int i = 0; i < tracker->count; i++) {
        const plate_track *other = &tracker->tracks[i];
        if (other == track || !other->seen)
            continue;
        double other_area = (double)other->region.box[2] * other->region.box[3];
        if (other_area > area && plate_box_nested(other->region.box, track->region.box))
            return 1;
    }
    return 0;
}

/* Greedy matching, best pair first. */
static void associate(vision_plate *plate, const plate_region *regions, int count)
{
    plate_tracker *tracker = &plate->tracker;
    int region_used[PLATE_MAX_REGIONS] = {0};
    int track_used[PLATE_MAX_TRACKS] = {0};
    int tracks_before = tracker->count;
    for (;;) {
        float best = 0.0f;
        int bt = -1, br = -1;
        for (int t = 0; t < tracks_before; t++) {
            if (track_used[t])
                continue;
            for (int r = 0; r < count; r++) {
                if (region_used[r])
                    continue;
                float s = match_score(&tracker->tracks[t], &regions[r], plate->frame_index);
                if (s > best) {
                    best = s;
                    bt = t;
                    br = r;
                }
            }
        }
        if (bt < 0)
            break;
        track_used[bt] = region_used[br] = 1;
        follow(plate, &tracker->tracks[bt], &regions[br]);
    }
    for (int r = 0; r < count; r++)
        if (!region_used[r] && !inside_a_track(plate, &regions[r], tracks_before))
            start_track(plate, &regions[r]);
}

static int sort_by_confidence(const void *a, const void *b)
{
    const vision_plate_result *ra = a, *rb = b;
    return (ra->confidence < rb->confidence) - (ra->confidence > rb->confidence);
}

static int by_read_priority(const void *a, const void *b)
{
    const plate_track *p = *(const plate_track *const *)a, *q = *(const plate_track *const *)b;
    if (p->attempts != q->attempts)
        return p->attempts - q->attempts;
    return (p->det_score < q->det_score) - (p->det_score > q->det_score);
}

int plate_track_frame(vision_plate *plate, const vis_image *gray, const vis_image *bgr,
                      const plate_region *regions, int region_count)
{
    plate_tracker *tracker = &plate->tracker;
    for (int i = 0; i < tracker->count; i++) {
        tracker->tracks[i].seen = 0;
        tracker->tracks[i].pending_event = 0;
    }
    associate(plate, regions, region_count);

    int rc = VISION_OK;
    plate_track *waiting[PLATE_MAX_TRACKS];
    int waiting_count = 0;
    for (int i = 0; i < tracker->count && rc == VISION_OK; i++) {
        plate_track *track = &tracker->tracks[i];
        if (!track->seen || !needs_read(plate, track))
            continue;
        if (!track->announced) {
            waiting[waiting_count++] = track;
            continue;
        }
        rc = read_track(plate, track, gray, bgr);
        if (rc == VISION_OK)
            update_announcement(plate, track);
    }
    qsort(waiting, (size_t)waiting_count, sizeof waiting[0], by_read_priority);
    for (int i = 0; i < waiting_count && i < UNANNOUNCED_READS_PER_FRAME && rc == VISION_OK; i++) {
        rc = read_track(plate, waiting[i], gray, bgr);
        if (rc == VISION_OK)
            update_announcement(plate, waiting[i]);
    }

    /* The frame's results: the announced tracks seen in it. */
    plate->result_count = 0;
    for (int i = 0; i < tracker->count; i++) {
        const plate_track *track = &tracker->tracks[i];
        if (track->seen && track->announced && plate->result_count < PLATE_MAX_REGIONS)
            track_result(plate, track, &plate->results[plate->result_count++]);
    }
    qsort(plate->results, plate->result_count, sizeof plate->results[0], sort_by_confidence);

    /* Events: tracks that ended, then new and changed readings. */
    for (int i = 0; i < tracker->count;) {
        plate_track *track = &tracker->tracks[i];
        if (plate->frame_index - track->last_frame > plate->options.track_timeout) {
            if (track->announced)
                fire(plate, track, VISION_PLATE_EVENT_END);
            remove_track(tracker, i);
            continue;
        }
        i++;
    }
    for (int i = 0; i < tracker->count; i++) {
        plate_track *track = &tracker->tracks[i];
        if (track->pending_event)
            fire(plate, track, track->pending_event);
        track->pending_event = 0;
    }
    return rc;
}
