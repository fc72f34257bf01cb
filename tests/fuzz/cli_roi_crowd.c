/*
 * The vision command's crowd region parser (a static function of
 * examples/vision/cmd_crowd.c), reached by including that file with its
 * public names renamed so that they cannot clash with the command's own.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#define command_crowd fuzz_unused_command_crowd
#define command_crowd_help fuzz_unused_command_crowd_help
#include "cmd_crowd.c"

int fuzz_crowd_parse_roi(const char *text, char *id, size_t id_size, vision_crowd_point **points);

int fuzz_crowd_parse_roi(const char *text, char *id, size_t id_size, vision_crowd_point **points)
{
    return parse_roi(text, id, id_size, points);
}
