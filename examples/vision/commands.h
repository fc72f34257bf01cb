/*
 * vision command: the subcommands. Each takes the arguments after its own
 * name (argv[0] is the subcommand name) and returns the process exit code.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VISION_CLI_COMMANDS_H
#define VISION_CLI_COMMANDS_H

/* Exit codes of the vision command. */
enum {
    EXIT_OK = 0,
    EXIT_FAILURE_ANALYSIS = 1, /* the library returned an error */
    EXIT_USAGE = 2,            /* bad command line */
    EXIT_INPUT = 3             /* input missing, unreadable or malformed */
};

int command_frames(int argc, char **argv);
int command_crowd(int argc, char **argv);
int command_plate(int argc, char **argv);

#endif
