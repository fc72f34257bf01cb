/*
 * vision command: the table of subcommands, in the order `vision --help`
 * lists them. One line per subcommand linked into the build.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "commands.h"
#include "demo.h" /* command_demo */

const cli_command cli_commands[] = {
    {"frames", "print one JSON line per frame of the inputs (tests the sources)",
     command_frames_help, command_frames},
    {"crowd", "occupancy, fluidity and direction of motion in regions of interest",
     command_crowd_help, command_crowd},
    {"demo", "run the analyses on scenes drawn by the program and check the results",
     command_demo_help, command_demo},
    {"plate", "find, read and track licence plates in images, videos and streams",
     command_plate_help, command_plate},
};

const size_t cli_command_count = sizeof cli_commands / sizeof cli_commands[0];
