/*
 * Prints the size and field offsets of every public struct as JSON, for
 * the Python binding's layout test (tests/python/test_layout.py).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <stddef.h>
#include <stdio.h>
#include <vision/vision.h>

#define FIELD(s, f) printf("%s\"%s\": %zu", first ? "" : ", ", #f, offsetof(s, f)), first = 0
#define BEGIN(s) printf("%s\"%s\": {\"size\": %zu, \"fields\": {", sfirst ? "" : ",\n", #s, sizeof(s)), sfirst = 0, first = 1
#define END() printf("}}")

int main(void)
{
    int first = 1, sfirst = 1;
    printf("{");
    BEGIN(vision_frame);
    FIELD(vision_frame, version);
    FIELD(vision_frame, format);
    FIELD(vision_frame, width);
    FIELD(vision_frame, height);
    FIELD(vision_frame, planes);
    FIELD(vision_frame, strides);
    FIELD(vision_frame, pts_ns);
    FIELD(vision_frame, flags);
    FIELD(vision_frame, reserved);
    END();
    BEGIN(vision_crowd_options);
    FIELD(vision_crowd_options, version);
    FIELD(vision_crowd_options, processing_width);
    FIELD(vision_crowd_options, analyse_every);
    FIELD(vision_crowd_options, warmup_frames);
    FIELD(vision_crowd_options, foreground_threshold);
    FIELD(vision_crowd_options, motion_threshold);
    FIELD(vision_crowd_options, global_change_fraction);
    FIELD(vision_crowd_options, background_time);
    FIELD(vision_crowd_options, foreground_time);
    END();
    BEGIN(vision_crowd_region_config);
    FIELD(vision_crowd_region_config, version);
    FIELD(vision_crowd_region_config, occupancy_level_min);
    FIELD(vision_crowd_region_config, occupancy_level_med);
    FIELD(vision_crowd_region_config, occupancy_level_max);
    FIELD(vision_crowd_region_config, occupancy_num_frames_to_event);
    FIELD(vision_crowd_region_config, fluidity_level_min);
    FIELD(vision_crowd_region_config, fluidity_level_med);
    FIELD(vision_crowd_region_config, fluidity_level_max);
    FIELD(vision_crowd_region_config, fluidity_num_frames_to_event);
    FIELD(vision_crowd_region_config, send_optical_flow_event);
    FIELD(vision_crowd_region_config, optical_flow_num_frames_to_event);
    FIELD(vision_crowd_region_config, optical_flow_num_frames_to_reset);
    FIELD(vision_crowd_region_config, optical_flow_angle_offset);
    FIELD(vision_crowd_region_config, dead_band);
    FIELD(vision_crowd_region_config, cooldown_frames);
    FIELD(vision_crowd_region_config, direction_sectors);
    FIELD(vision_crowd_region_config, min_motion);
    END();
    BEGIN(vision_crowd_point);
    FIELD(vision_crowd_point, x);
    FIELD(vision_crowd_point, y);
    END();
    BEGIN(vision_crowd_event);
    FIELD(vision_crowd_event, version);
    FIELD(vision_crowd_event, type);
    FIELD(vision_crowd_event, region_id);
    FIELD(vision_crowd_event, value);
    FIELD(vision_crowd_event, level);
    FIELD(vision_crowd_event, reserved);
    FIELD(vision_crowd_event, angle);
    FIELD(vision_crowd_event, pts_ns);
    FIELD(vision_crowd_event, frame_index);
    END();
    BEGIN(vision_crowd_result);
    FIELD(vision_crowd_result, version);
    FIELD(vision_crowd_result, valid);
    FIELD(vision_crowd_result, region_id);
    FIELD(vision_crowd_result, occupancy);
    FIELD(vision_crowd_result, fluidity);
    FIELD(vision_crowd_result, has_direction);
    FIELD(vision_crowd_result, occupancy_level);
    FIELD(vision_crowd_result, direction);
    FIELD(vision_crowd_result, motion);
    FIELD(vision_crowd_result, region_pixels);
    FIELD(vision_crowd_result, foreground_pixels);
    FIELD(vision_crowd_result, moving_pixels);
    FIELD(vision_crowd_result, motion_blocks);
    FIELD(vision_crowd_result, fluidity_level);
    FIELD(vision_crowd_result, warming_up);
    FIELD(vision_crowd_result, pts_ns);
    FIELD(vision_crowd_result, frame_index);
    END();
    BEGIN(vision_plate_options);
    FIELD(vision_plate_options, version);
    FIELD(vision_plate_options, countries);
    FIELD(vision_plate_options, mode);
    FIELD(vision_plate_options, top_n);
    FIELD(vision_plate_options, min_confidence);
    FIELD(vision_plate_options, min_plate_width);
    FIELD(vision_plate_options, max_plate_width);
    FIELD(vision_plate_options, analysis_width);
    FIELD(vision_plate_options, roi_point_count);
    FIELD(vision_plate_options, roi);
    FIELD(vision_plate_options, ocr_data_path);
    FIELD(vision_plate_options, reread_interval);
    FIELD(vision_plate_options, track_timeout);
    FIELD(vision_plate_options, scan_interval);
    FIELD(vision_plate_options, reserved);
    END();
    BEGIN(vision_plate_result);
    FIELD(vision_plate_result, version);
    FIELD(vision_plate_result, track_id);
    FIELD(vision_plate_result, text);
    FIELD(vision_plate_result, confidence);
    FIELD(vision_plate_result, char_count);
    FIELD(vision_plate_result, char_confidence);
    FIELD(vision_plate_result, pattern);
    FIELD(vision_plate_result, box);
    FIELD(vision_plate_result, corners);
    FIELD(vision_plate_result, candidate_count);
    FIELD(vision_plate_result, candidate_confidence);
    FIELD(vision_plate_result, candidates);
    FIELD(vision_plate_result, detection_score);
    END();
    BEGIN(vision_plate_event);
    FIELD(vision_plate_event, version);
    FIELD(vision_plate_event, type);
    FIELD(vision_plate_event, pts_ns);
    FIELD(vision_plate_event, frame_index);
    FIELD(vision_plate_event, first_frame_index);
    FIELD(vision_plate_event, first_pts_ns);
    FIELD(vision_plate_event, last_frame_index);
    FIELD(vision_plate_event, last_pts_ns);
    FIELD(vision_plate_event, track_id);
    FIELD(vision_plate_event, reading_count);
    FIELD(vision_plate_event, text);
    FIELD(vision_plate_event, previous_text);
    FIELD(vision_plate_event, confidence);
    FIELD(vision_plate_event, char_count);
    FIELD(vision_plate_event, char_confidence);
    FIELD(vision_plate_event, pattern);
    FIELD(vision_plate_event, box);
    FIELD(vision_plate_event, corners);
    FIELD(vision_plate_event, candidate_count);
    FIELD(vision_plate_event, candidate_confidence);
    FIELD(vision_plate_event, candidates);
    FIELD(vision_plate_event, reserved);
    END();
    printf("}\n");
    return 0;
}
