#!/usr/bin/env bash
# Awards end to end: API call -> signed (Data Integrity proof + VC-JWT) -> stored in PostgreSQL.
# Builds the jar, creates a fresh PostgreSQL database, starts the app on a free port against it (-Xmx1g), waits for
# /actuator/health, runs io.guildmark.app.bench.AwardLoad from the app's test classes, and stops the app.
# Everything is bounded in time; only 127.0.0.1 is contacted. See docs/benchmarks.md.
#
# Settings (environment):
#   CONCURRENCY=8,16,32  WARMUP=2000  COUNT=5000  load shape (the warm-up lets C2 finish compiling the award path)
#   MAX_SECONDS=900      deadline for the load generator; every other step has its own limit, and the app runs
#                        under `timeout MAX_SECONDS+300` in case this script is killed
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres  PostgreSQL (trust auth or PGPASSWORD)
#   BENCH_DB=guildmark_bench_<pid>                 created fresh for the run (dropped first if it exists) and dropped
#                                                  at the end unless KEEP_DB=1; one per run, so two runs never share one
#   APP_JAVA_OPTS=                                 extra JVM options for the app, e.g. a JFR recording
#   JOB_ROWS=10000                                 then one bulk award job of that many rows (POST …/award-jobs), timed to
#                                                  completion and compared with the API's best rate (0: none)
#   THREAD_CPU=1                                   print the app's CPU time by thread group before stopping it
#   APP_JAR=app/target/guildmark.jar               the app to measure (another build, to compare; implies nothing about SKIP_BUILD)
#   SKIP_BUILD=1                                   reuse app/target/guildmark.jar and the test classes
set -euo pipefail

cd "$(dirname "$0")/.."
CONCURRENCY=${CONCURRENCY:-8,16,32}
WARMUP=${WARMUP:-2000}
COUNT=${COUNT:-5000}
MAX_SECONDS=${MAX_SECONDS:-900}
BENCH_DB=${BENCH_DB:-guildmark_bench_$$}
# shellcheck source=bench/lib.sh
. bench/lib.sh

build_once
fresh_database
start_app --guildmark.database.url="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" --guildmark.database.user="$PGUSER"
echo "== app healthy (pid $JAVA_PID); load: warm-up $WARMUP, then $COUNT awards at each concurrency of $CONCURRENCY"

set +e
timeout $((MAX_SECONDS + 60)) java -Xmx512m -cp "app/target/test-classes:$(cat app/target/bench-classpath.txt)" io.guildmark.app.bench.AwardLoad \
  --base-url "http://127.0.0.1:$PORT" --admin-token "$TOKEN" \
  --jdbc-url "jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" --jdbc-user "$PGUSER" \
  --concurrency "$CONCURRENCY" --warmup "$WARMUP" --count "$COUNT" --max-seconds "$MAX_SECONDS" --app-pid "$JAVA_PID" \
  --job-rows "${JOB_ROWS:-0}"
STATUS=$?
set -e

if [ "${THREAD_CPU:-}" = 1 ] && [ "$JAVA_PID" != 0 ]; then
  echo "== app CPU seconds by thread group, whole run including start-up and warm-up"
  for t in /proc/"$JAVA_PID"/task/*; do
    printf '%s\t%s\n' "$(sed -E 's/[0-9]+/N/g' "$t/comm")" "$(awk '{ sub(/.*\) /, ""); print ($12 + $13) / 100 }' "$t/stat")"
  done | awk -F'\t' '{ s[$1] += $2 } END { for (k in s) if (s[k] >= 0.5) printf "%8.1f  %s\n", s[k], k }' | sort -rn
fi

stop_app
echo "== load generator exit status $STATUS (0: no errors, every acknowledged award stored); app log $APP_LOG"
exit $STATUS
