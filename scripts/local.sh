#!/usr/bin/env bash
# Runs the packaged Hookline in local mode: embedded Kubernetes API, simulated Tekton, statuses
# recorded instead of posted. Builds the jar first when there is none.
#
#   scripts/local.sh            then, in another terminal: scripts/send-push.sh
#   JAVA_OPTS= scripts/local.sh  with the JVM's defaults (full JIT)
#   JAVA_HOME=/path/to/jdk-25 scripts/aot-cache.sh, then scripts/local.sh with that JAVA_HOME: a faster start
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f target/quarkus-app/quarkus-run.jar ]]; then
    ./mvnw -B -q package -DskipTests
fi
# For a laptop session a quick start and a small footprint matter more than peak throughput: the
# JIT's top tier is left out (measured on 2 cores: ready in 2.3 s instead of 3.1 s, 150 MB RSS
# idle instead of 180 MB). Set JAVA_OPTS to choose otherwise.
# With the JVM's ahead-of-time cache that scripts/aot-cache.sh builds (JDK 25 or later), it is ready in
# about 0.9 s.
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
aot=()
if [[ -f target/quarkus-app/app.aot ]]; then
    version=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
    if [[ -n $version ]] && ((version >= 25)); then
        aot=(-XX:AOTCache=target/quarkus-app/app.aot)
    fi
fi
# shellcheck disable=SC2086
HOOKLINE_LOCAL_ENABLED=true exec "$java" ${JAVA_OPTS--XX:TieredStopAtLevel=1} "${aot[@]}" \
    -jar target/quarkus-app/quarkus-run.jar "$@"
