#!/usr/bin/env bash
# Staff lists at an association's scale: generates 12,000 members, 100,000 awards, 30,000 enrollments and 5,000
# submissions in one organization (io.guildmark.app.bench.AssociationData), then measures every staff list page, API
# page (walked by cursor) and CSV export (io.guildmark.app.bench.ListLoad, targets in bench/staff-lists.targets).
# Only 127.0.0.1 is contacted. See docs/benchmarks.md.
#
# Settings (environment):
#   DATABASE=postgresql|h2     PostgreSQL (a fresh database guildmark_bench_<pid>, dropped at the end unless KEEP_DB=1)
#                              or the embedded H2 file in a temporary data directory
#   LEARNERS=12000 AWARDS=100000 ENROLLMENTS=30000 SUBMISSIONS=5000   data set size
#   REQUESTS=40 PAGES=20       requests per page target; pages walked per API target
#   APP_XMX=-Xmx512m           the app's heap (exports must stream within it)
#   MAX_SECONDS=1800           deadline for the whole run (each step has its own limit too)
#   SKIP_BUILD=1               reuse app/target/guildmark.jar and the test classes
set -euo pipefail

cd "$(dirname "$0")/.."
DATABASE=${DATABASE:-postgresql}
MAX_SECONDS=${MAX_SECONDS:-1800}
APP_XMX=${APP_XMX:--Xmx512m}
BENCH_DB=${BENCH_DB:-guildmark_bench_$$}
# shellcheck source=bench/lib.sh
. bench/lib.sh

build_once
bench_java
if [ "$DATABASE" = postgresql ]; then
  fresh_database
  DB_ARGS=(--guildmark.database.url="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" --guildmark.database.user="$PGUSER")
  JDBC=(--jdbc-url "jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" --jdbc-user "$PGUSER")
else
  DB_ARGS=()
  # The app's own embedded database file (see DatabaseConfiguration), opened while the app is stopped.
  JDBC=(--jdbc-url "jdbc:h2:file:$DATA_DIR/guildmark;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" --jdbc-user sa)
fi

start_app "${DB_ARGS[@]}"
echo "== generating: micro-credentials and real awards through the API"
OUT=$(timeout 600 "${BENCH_JAVA[@]}" io.guildmark.app.bench.AssociationData --phase api --base-url "http://127.0.0.1:$PORT" --admin-token "$TOKEN")
echo "$OUT"
KEY=$(echo "$OUT" | sed -n 's/^key=//p')
stop_app

echo "== generating: the bulk of the rows straight into the database ($DATABASE)"
timeout 1200 "${BENCH_JAVA[@]}" io.guildmark.app.bench.AssociationData --phase rows "${JDBC[@]}" --learners "${LEARNERS:-12000}" \
  --awards "${AWARDS:-100000}" --enrollments "${ENROLLMENTS:-30000}" --submissions "${SUBMISSIONS:-5000}"

start_app "${DB_ARGS[@]}"
echo "== measuring (app heap $APP_XMX)"
set +e
timeout "$MAX_SECONDS" "${BENCH_JAVA[@]}" io.guildmark.app.bench.ListLoad --base-url "http://127.0.0.1:$PORT" --key "$KEY" \
  --targets bench/staff-lists.targets --requests "${REQUESTS:-40}" --pages "${PAGES:-20}"
STATUS=$?
set -e
stop_app
echo "== exit status $STATUS (0: every request answered 200); app log $APP_LOG"
exit $STATUS
