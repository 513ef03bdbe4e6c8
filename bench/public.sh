#!/usr/bin/env bash
# The public side under load: badge page, signed credential, DID document, verification API, catalog, issuer and
# pathway pages (anonymous, and signed in as a learner part-way along the demo pathway). Builds the jar, creates a
# fresh PostgreSQL database, starts the app (with the demo association, for its pathway) on a free port, runs
# io.guildmark.app.bench.PublicLoad from the app's test classes, stops the app.
# Only 127.0.0.1 is contacted; every step is bounded in time. See docs/benchmarks.md.
#
# Settings (environment):
#   CONCURRENCY=16 VERIFY_CONCURRENCY=8 SECONDS_EACH=10 WARMUP_SECONDS=5   load shape per target
#   CATALOG=1000 AWARDS=200         published micro-credentials in the catalog; awards whose pages are requested in turn
#   ONLY=                           targets to run: comma-separated beginnings of their names ("badge page,catalog"), default all
#   MAX_SECONDS=1200                deadline for the load generator
#   PGHOST PGPORT PGUSER BENCH_DB KEEP_DB APP_JAR SKIP_BUILD APP_JAVA_OPTS   as in bench/awards.sh
set -euo pipefail

cd "$(dirname "$0")/.."
MAX_SECONDS=${MAX_SECONDS:-1200}
BENCH_DB=${BENCH_DB:-guildmark_bench_$$}
# shellcheck source=bench/lib.sh
. bench/lib.sh

build_once
bench_java
fresh_database
DEMO_DATA=true start_app --guildmark.database.url="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" --guildmark.database.user="$PGUSER"
echo "== app healthy (pid $JAVA_PID, heap ${APP_XMX:--Xmx1g})"

set +e
ARGS=(--base-url "http://127.0.0.1:$PORT" --admin-token "$TOKEN" --concurrency "${CONCURRENCY:-16}"
  --verify-concurrency "${VERIFY_CONCURRENCY:-8}" --seconds "${SECONDS_EACH:-10}" --warmup-seconds "${WARMUP_SECONDS:-5}"
  --catalog "${CATALOG:-1000}" --awards "${AWARDS:-200}" --max-seconds "$MAX_SECONDS")
[ -n "${ONLY:-}" ] && ARGS+=(--only "$ONLY")
timeout $((MAX_SECONDS + 60)) "${BENCH_JAVA[@]}" io.guildmark.app.bench.PublicLoad "${ARGS[@]}"
STATUS=$?
set -e
stop_app
echo "== load generator exit status $STATUS (0: every request answered as expected); app log $APP_LOG"
exit $STATUS
