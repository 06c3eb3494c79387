#!/usr/bin/env bash
# Soaks Hookline in local mode with a steady mix of deliveries, waits for every run to finish, checks the outcome
# and prints a Markdown table; exits non-zero when a check fails (see bench/README.md).
#
#   bench/soak.sh                                  # 100,000 deliveries at 20/s: about 85 minutes
#   SOAK_DELIVERIES=20000 SOAK_RATE=25 bench/soak.sh
#
# BENCH_KEEP=1 keeps Hookline's log; BENCH_JAVA_OPTS as for bench/run.sh.
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"

export BENCH_TRIGGERS=bench/soak-triggers.yaml
run_driver dev.hookline.bench.Soak
