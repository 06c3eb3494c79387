#!/usr/bin/env bash
# Runs the packaged Hookline in local mode: embedded Kubernetes API, simulated Tekton, statuses
# recorded instead of posted. Builds the jar first when there is none.
#
#   scripts/local.sh            then, in another terminal: scripts/send-push.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f target/quarkus-app/quarkus-run.jar ]]; then
    ./mvnw -B -q package -DskipTests
fi
HOOKLINE_LOCAL_ENABLED=true exec java -jar target/quarkus-app/quarkus-run.jar "$@"
