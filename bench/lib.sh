# Shared by the benchmark scripts: build, a fresh database, the app started on a free loopback port and stopped.
# Source it after setting MAX_SECONDS; it sets PORT, DATA_DIR, TOKEN, APP_LOG, APP_PID, JAVA_PID and a cleanup trap.

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
APP_JAR=${APP_JAR:-app/target/guildmark.jar}
export PGHOST PGPORT PGUSER

build_once() {
  if [ "${SKIP_BUILD:-}" != 1 ]; then
    echo "== building (offline)"
    timeout 600 mvn -B -q -o -pl app -am package dependency:build-classpath -DskipTests \
      -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
  fi
  [ -f "$APP_JAR" ] && [ -f app/target/bench-classpath.txt ] || { echo "build first (no SKIP_BUILD)" >&2; exit 1; }
}

fresh_database() {
  echo "== fresh database $BENCH_DB on $PGHOST:$PGPORT"
  timeout 60 dropdb --if-exists "$BENCH_DB"
  timeout 60 createdb "$BENCH_DB"
  DB_CREATED=1
}

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
DATA_DIR=$(mktemp -d /tmp/guildmark-bench.XXXXXX)
TOKEN=bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
APP_LOG="$DATA_DIR/app.log"
APP_PID=
JAVA_PID=0

# start_app <database arguments...>: starts the app and waits until /actuator/health says UP.
start_app() {
  echo "== starting the app on 127.0.0.1:$PORT (log: $APP_LOG)"
  # The hard timeout keeps a forgotten app from running on: the whole run fits well within it.
  GUILDMARK_ADMIN_TOKEN=$TOKEN timeout $((MAX_SECONDS + 300)) java ${APP_XMX:--Xmx1g} ${APP_JAVA_OPTS:-} -jar "$APP_JAR" \
    --server.port="$PORT" --server.address=127.0.0.1 --guildmark.data-dir="$DATA_DIR" --guildmark.base-url="http://127.0.0.1:$PORT" \
    --guildmark.demo-data="${DEMO_DATA:-false}" "$@" >>"$APP_LOG" 2>&1 &
  APP_PID=$!
  for i in $(seq 1 180); do
    if curl -fsS --max-time 2 "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited; see $APP_LOG" >&2; tail -40 "$APP_LOG" >&2; exit 1; }
    [ "$i" = 180 ] && { echo "the app was not healthy within 180 s; see $APP_LOG" >&2; exit 1; }
    sleep 1
  done
  JAVA_PID=$(pgrep -P "$APP_PID" java || echo 0)   # the JVM under timeout, for its CPU time
}

stop_app() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  if [ "$JAVA_PID" != 0 ] && kill -0 "$JAVA_PID" 2>/dev/null; then
    # timeout forwards TERM to the JVM; give it time to shut down cleanly (H2 closes its file) before forcing it.
    for _ in $(seq 1 30); do kill -0 "$JAVA_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$JAVA_PID" 2>/dev/null || true
  fi
  APP_PID=
  JAVA_PID=0
}

cleanup() {
  stop_app
  if [ "${KEEP_DB:-}" != 1 ] && [ -n "${DB_CREATED:-}" ]; then timeout 60 dropdb --if-exists "$BENCH_DB" || true; fi
  DB_CREATED=
}
trap cleanup EXIT INT TERM

# The benchmark programs (test sources of app/), as a command line for timeout.
bench_java() {
  BENCH_JAVA=(java -Xmx512m -cp "app/target/test-classes:$(cat app/target/bench-classpath.txt)")
}
