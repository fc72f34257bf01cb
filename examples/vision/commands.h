/*
 * vision command: the subcommands. Each takes the arguments after its own
 * name (argv[0] is the subcommand name) and returns the process exit code.
 *
 * Adding a subcommand: write cmd_NAME.c with command_NAME() and
 * command_NAME_help[], add its line to the table in commands.c and the file
 * to examples/vision/meson.build.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VISION_CLI_COMMANDS_H
#define VISION_CLI_COMMANDS_H

#include <stddef.h>

/* Exit codes of the vision command. */
enum {
    EXIT_OK = 0,
    EXIT_FAILURE_ANALYSIS = 1, /* the library returned an error */
    EXIT_USAGE = 2,            /* bad command line */
    EXIT_INPUT = 3,            /* input missing, unreadable or malformed */
    EXIT_OUTPUT = 4            /* results could not be written (disk full, closed stdout) */
};

int command_frames(int argc, char **argv);
int command_crowd(int argc, char **argv);
int command_plate(int argc, char **argv);

/* Full help of each subcommand ("Usage: vision NAME ..."), printed by
 * `vision help NAME` and `vision NAME --help`. */
extern const char command_frames_help[];
extern const char command_crowd_help[];
extern const char command_plate_help[];

typedef struct cli_command {
    const char *name;
    const char *summary; /* one line for `vision --help` */
    const char *help;
    int (*run)(int argc, char **argv);
} cli_command;

/* The subcommands linked into this build (commands.c). */
extern const cli_command cli_commands[];
extern const size_t cli_command_count;

/* The whole command line of `vision`; returns the exit code. `vision NAME
 * --help` and `-h` anywhere before "--" print NAME's help, so subcommands
 * need not handle it (they may). */
int cli_main(int argc, char **argv);

/* Flush stdout after a result line, so a consumer at the end of a pipe sees
 * it now. Returns 0, or -1 after a write error (remembered for
 * cli_finish_output(); stop producing output). */
int cli_flush(void);

/* Flush stdout and report a write error: EXIT_OK or EXIT_OUTPUT. Every
 * command returns through it (or checks likewise) so that a full disk does
 * not pass for success. */
int cli_finish_output(const char *command);

/* The cases every subcommand's getopt_long() loop (optstring ":h") shares:
 * -h prints `help` on stdout; a missing value or an unknown option is
 * reported on stderr. Returns the exit code to return for those, or -1 when
 * `c` is one of the command's own options. */
int cli_common_option(const char *command, const char *help, int c, char **argv);

/* "vision NAME: message" on stderr. */
void cli_error(const char *command, const char *format, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
