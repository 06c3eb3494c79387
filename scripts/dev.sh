#!/usr/bin/env bash
# Runs Hookline in dev mode (`mvn quarkus:dev`): local mode when no cluster is configured, live reload.
#
#   scripts/dev.sh [extra Maven arguments]
#
# Quarkus' dev mode needs Maven 3.9 or newer (the build and tests run on 3.8). With an older `mvn`,
# this fetches Maven 3.9 as an ordinary artifact through your own Maven settings and repositories,
# unpacks it under target/, and runs dev mode with it.
set -euo pipefail
cd "$(dirname "$0")/.."

version=3.9.11
current=$(mvn -B -v 2>/dev/null | sed -n 's/.*Apache Maven \([0-9.]*\).*/\1/p' | head -n 1)
if [[ -n $current ]] && printf '%s\n' 3.9.0 "$current" | sort -V -C; then
    exec mvn quarkus:dev "$@"
fi

maven="target/apache-maven-$version"
if [[ ! -x $maven/bin/mvn ]]; then
    echo "Maven ${current:-(none)} is older than 3.9, which Quarkus dev mode needs: fetching Maven $version" >&2
    mvn -B -q dependency:copy -Dartifact="org.apache.maven:apache-maven:$version:tar.gz:bin" -DoutputDirectory=target
    tar -xzf "target/apache-maven-$version-bin.tar.gz" -C target
fi
exec "$maven/bin/mvn" quarkus:dev "$@"
