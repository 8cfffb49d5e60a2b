#!/usr/bin/env bash
# Prepares the packaged jar to start fast: extracts it (the layout the JVM's AOT cache needs) and
# records a training start in an AOT cache (JDK 25: classes found, loaded and linked ahead of time).
# Once per build: it does nothing while the cache is newer than the jar. Without a cache Cairn
# starts all the same, only slower.
#
#   start-cache.sh JAR APP_DIR JVM_OPTIONS     e.g. ui/target/cairn.jar ui/target/app ui/jvm.options
set -euo pipefail

jar=$1
app=$2
options=$3
# The JDK that runs Cairn: $JAVA_HOME's when set (./cairn and the build set it), else the PATH's.
java=java
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java="$JAVA_HOME/bin/java"
fi

if [[ -f "$app/cairn.aot" && "$app/cairn.aot" -nt "$jar" ]]; then
  exit 0
fi

rm -rf "$app"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$app" > /dev/null

training=$(mktemp -d)
stop_training_database() {
  # The training run halts the JVM as soon as the application is ready, without shutting down the
  # PostgreSQL it started in the training directory: stop that one here, by its PID.
  local pidfile="$training/postgres/postmaster.pid"
  if [[ -f "$pidfile" ]]; then
    local pid
    pid=$(head -n 1 "$pidfile")
    kill -TERM "$pid" 2> /dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2> /dev/null || true
  fi
  rm -rf "$training"
}
trap stop_training_database EXIT

echo "Recording Cairn's start-up cache (once per build, about half a minute)..."
# spring.context.exit=onRefresh: every bean is created (database, migrations, engine, console),
# then the JVM exits and writes the cache.
if ! "$java" @"$options" -XX:AOTCacheOutput="$app/cairn.aot" -Dspring.context.exit=onRefresh \
  -jar "$app/cairn.jar" --cairn.data-dir="$training" --server.address=127.0.0.1 --server.port=0 \
  --cairn.database.embedded.port=0 > "$app/training.log" 2>&1 || [[ ! -s "$app/cairn.aot" ]]; then
  echo "No start-up cache (see $app/training.log): Cairn starts without it, only slower." >&2
  rm -f "$app/cairn.aot"
fi
