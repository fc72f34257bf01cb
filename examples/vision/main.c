/*
 * vision command: entry point.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "commands.h"
#include "decode.h"

int main(int argc, char **argv)
{
    decoder_quiet_logs();
    return cli_main(argc, argv);
}
