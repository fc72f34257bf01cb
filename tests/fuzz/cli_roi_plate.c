/*
 * The vision command's plate region-of-interest parser (a static function
 * of examples/vision/cmd_plate.c), reached as cli_roi_crowd.c reaches the
 * crowd one.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#define command_plate fuzz_unused_command_plate
#define command_plate_help fuzz_unused_command_plate_help
#include "cmd_plate.c"

int fuzz_plate_parse_roi(vision_plate_options *options, const char *text);

int fuzz_plate_parse_roi(vision_plate_options *options, const char *text)
{
    return parse_roi(options, text);
}
