#!/usr/bin/env bash
# Builds an ahead-of-time cache of the JVM (JDK 25 or later: classes loaded and linked, method profiles) for the
# packaged Hookline, so that it starts in about half the time. A training run in local mode handles a few pushes
# (triggered, failed, refused), serves the status page and the metrics, and writes the cache as it exits.
#
#   JAVA_HOME=/path/to/jdk-25 scripts/aot-cache.sh      then scripts/local.sh (same JDK) starts with the cache
#   scripts/aot-cache.sh --train-only APP CACHE [LAUNCHER...]
#
# The jar is rebuilt with Quarkus's aot-jar packaging (every class on the JVM's class path, where the cache can hold
# it); the cache is target/quarkus-app/app.aot. A cache is only valid for the JDK build and the jars it was made
# with: build it again after a rebuild or a JDK update (the JVM warns and starts without it otherwise).
#
# --train-only trains the aot-jar already in APP (no Maven) and writes the cache to CACHE, starting Hookline with
# LAUNCHER (default: java -jar APP/quarkus-run.jar). The JVM gets -XX:AOTCacheOutput through JDK_JAVA_OPTIONS, so that
# a launcher script that builds its own command line, as the container image's run-java.sh does, still passes it:
# src/main/docker/Dockerfile.jvm trains this way, with the image's own entry point.
set -euo pipefail
cd "$(dirname "$0")/.."

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
version=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
if [[ -z $version ]] || ((version < 25)); then
    echo "aot-cache.sh needs JDK 25 or later (found ${version:-none} at $java); set JAVA_HOME" >&2
    exit 2
fi

if [[ ${1:-} == --train-only ]]; then
    if (($# < 3)); then
        echo "usage: scripts/aot-cache.sh --train-only APP CACHE [LAUNCHER...]" >&2
        exit 2
    fi
    app=$2 cache=$3
    shift 3
else
    echo "[aot] packaging the aot-jar (./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar)" >&2
    ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar
    app=target/quarkus-app cache=target/quarkus-app/app.aot
fi
launcher=("$@")
if ((${#launcher[@]} == 0)); then
    launcher=("$java" -jar "$app/quarkus-run.jar")
fi
rm -f "$cache"

port=${PORT:-18181}
log=$(mktemp -t hookline-aot.XXXXXX)
echo "[aot] training run on port $port (log: $log)" >&2
HOOKLINE_LOCAL_ENABLED=true HOOKLINE_LOCAL_RUN_DURATION=1s QUARKUS_HTTP_PORT=$port \
    JDK_JAVA_OPTIONS="${JDK_JAVA_OPTIONS:+$JDK_JAVA_OPTIONS }-XX:AOTCacheOutput=$cache" "${launcher[@]}" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT

base=http://localhost:$port
for _ in $(seq 1 300); do
    if curl -sf -o /dev/null "$base/q/health/ready"; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "[aot] Hookline exited during the training run; see $log" >&2
        exit 1
    fi
    sleep 0.1
done

push() { scripts/send-push.sh "$base/hooks/github" "${SECRET:-hookline-dev-secret}" >/dev/null; }
for i in 1 2 3 4 5 6 7 8; do BRANCH=aot-$i push; done
MESSAGE="Break the build [local:fail]" BRANCH=aot-fail push
SECRET=not-the-secret push
for path in / /api/statuses /q/metrics /q/health; do curl -s -o /dev/null "$base$path"; done
# The runs end a second after they start; their final statuses exercise the reporter.
for _ in $(seq 1 100); do
    finals=$(curl -s "$base/api/statuses" | grep -o '"state":"\(success\|failure\)"' | wc -l || true)
    if ((finals >= 9)); then break; fi
    sleep 0.1
done

kill "$pid"
# The JVM writes the cache in a child process as it exits.
wait "$pid" || true
trap - EXIT
if [[ ! -s $cache ]]; then
    echo "[aot] no cache was written; see $log" >&2
    exit 1
fi
echo "[aot] $cache: $(du -h "$cache" | cut -f1); start with: $java -XX:AOTCache=$cache -jar $app/quarkus-run.jar" >&2
