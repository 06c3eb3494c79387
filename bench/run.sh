#!/usr/bin/env bash
# Benchmarks Hookline in local mode against a floor and prints a Markdown table (see bench/README.md).
#
#   bench/run.sh                 # about 8 minutes on 2 cores (4 of them storing 10,000 runs in the mock API)
#   BENCH_QUICK=1 bench/run.sh   # about 2.5 minutes: shorter windows, 2,000 tracked runs
#
# BENCH_JAVA_OPTS   JVM options of Hookline and the floor (default -Xmx307m, the deployment's heap)
# BENCH_JFR=1       record a JFR profile of each Hookline start (use with BENCH_KEEP=1 to keep it)
# BENCH_KEEP=1      keep the work directory (logs, profiles) and print its path
# BENCH_REBUILD=1   rebuild the jar even if it exists
# BENCH_PHASES      the phases to run, of floor,load,memory-local,memory-cluster (default) and burst (opt-in)
# BENCH_AOT_CACHE   start Hookline with this JVM AOT cache (scripts/aot-cache.sh; run with that JDK 25 on PATH)
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"

export BENCH_TRIGGERS=bench/triggers.yaml
run_driver dev.hookline.bench.Bench
