# Sourced by bench/run.sh and bench/soak.sh: builds the jar if needed, compiles bench/src, makes a work directory,
# and ends every process the driver started when the script exits.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

jar=target/quarkus-app/quarkus-run.jar
if [[ ! -f $jar || ${BENCH_REBUILD:-0} == 1 ]]; then
  echo "[bench] building the jar (./mvnw -B -q package -DskipTests)" >&2
  ./mvnw -B -q package -DskipTests >&2
fi

classes=bench/target/classes
rm -rf "$classes"
mkdir -p "$classes"
# shellcheck disable=SC2046
javac -nowarn -d "$classes" -cp "target/quarkus-app/lib/main/*" $(find bench/src -name '*.java')

work=$(mktemp -d -t hookline-bench.XXXXXX)
pidfile=$work/pids
touch "$pidfile"
driver=

cleanup() {
  # The driver ends its own children; these are the ones it may have left if it was killed.
  if [[ -n $driver ]] && kill -0 "$driver" 2>/dev/null; then
    kill "$driver" 2>/dev/null || true
    wait "$driver" 2>/dev/null || true
  fi
  while read -r pid; do
    if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; fi
  done <"$pidfile"
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "[bench] logs kept in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export BENCH_JAR=$jar
export BENCH_FLOOR_CP="$classes:target/quarkus-app/lib/main/*"
export BENCH_TEMPLATE=src/test/resources/github/push-existing-branch.json
export BENCH_CRD=src/main/resources/tekton/300-pipelinerun.yaml
export BENCH_WORKDIR=$work
export BENCH_PIDFILE=$pidfile
export BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx307m}
export BENCH_COMMIT
BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src pom.xml 2>/dev/null || echo '+changes')"

# Runs a driver class in the background (so the trap can end it) and waits for it; its exit status is the script's.
run_driver() {
  java -Xmx512m -cp "$BENCH_FLOOR_CP" "$1" &
  driver=$!
  wait "$driver"
}
