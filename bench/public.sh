#!/usr/bin/env bash
# The public side under load: badge page, signed credential, DID document, verification API, catalog, issuer and
# pathway pages (anonymous, and signed in as a learner part-way along the demo pathway); then awards end to end and
# the credentials library's verification, so that one command prints every row of issue 11's table. Builds the jar,
# creates a fresh PostgreSQL database, starts the app (with the demo association, for its pathway) on a free port, runs
# io.guildmark.app.bench.PublicLoad and then io.guildmark.app.bench.AwardLoad from the app's test classes, stops the
# app, and runs the library's JMH verify benchmarks.
# Only 127.0.0.1 is contacted; every step is bounded in time. See docs/benchmarks.md.
#
# Settings (environment):
#   CONCURRENCY=16 VERIFY_CONCURRENCY=8 SECONDS_EACH=10 WARMUP_SECONDS=5   load shape per target
#   CATALOG=1000 AWARDS=200         published micro-credentials in the catalog; awards whose pages are requested in turn
#   ONLY=                           targets to run: comma-separated beginnings of their names ("badge page,catalog"), default all
#   MAX_SECONDS=1200                deadline for the load generator
#   AWARD_LOAD=1                    then awards end to end against the same app (0: skip), as bench/awards.sh does:
#   AWARD_CONCURRENCY=16 AWARD_WARMUP=10000 AWARD_COUNT=6000
#   LIBRARY_VERIFY=1                then, with the app stopped, the credentials library's verify and cachedVerify
#                                   (JMH, 1 thread, -wi 2 -i 3 -r 5s) (0: skip)
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
if [ "${AWARD_LOAD:-1}" = 1 ]; then
  echo "== awards end to end against the same app"
  timeout $((MAX_SECONDS + 60)) "${BENCH_JAVA[@]}" io.guildmark.app.bench.AwardLoad \
    --base-url "http://127.0.0.1:$PORT" --admin-token "$TOKEN" \
    --jdbc-url "jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" --jdbc-user "$PGUSER" \
    --concurrency "${AWARD_CONCURRENCY:-16}" --warmup "${AWARD_WARMUP:-10000}" --count "${AWARD_COUNT:-6000}" \
    --max-seconds "$MAX_SECONDS" --app-pid "$JAVA_PID" --job-rows 0 || STATUS=$?
fi
set -e
stop_app
if [ "${LIBRARY_VERIFY:-1}" = 1 ] && [ ! -f credentials/target/bench-classpath.txt ]; then
  echo "no credentials/target/bench-classpath.txt: build first (no SKIP_BUILD), or LIBRARY_VERIFY=0" >&2; STATUS=1
elif [ "${LIBRARY_VERIFY:-1}" = 1 ]; then
  echo "== credentials library: verify (new shapes) and cachedVerify (shapes seen before), 1 thread, JMH"
  set +e
  timeout 600 java -cp "credentials/target/test-classes:credentials/target/classes:$(cat credentials/target/bench-classpath.txt)" \
    org.openjdk.jmh.Main 'SigningBenchmark.*erify' -f 1 -wi 2 -i 3 -r 5s -w 5s -t 1 2>&1 | sed -n '/^Benchmark/,$p' || STATUS=1
  set -e
fi
echo "== load generator exit status $STATUS (0: every request answered as expected); app log $APP_LOG"
exit $STATUS
