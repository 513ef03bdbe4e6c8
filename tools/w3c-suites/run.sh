#!/usr/bin/env bash
# Runs the W3C VC Data Model 2.0, Data Integrity EdDSA and Bitstring Status List test suites (pinned copies under
# suites/, see README.md) against a Guildmark started here on a free loopback port with a fresh H2 database, and
# prints the pass/fail counts of each. Not part of `mvn verify`.
#
#   tools/w3c-suites/run.sh                 # builds app/target/guildmark.jar unless SKIP_BUILD=1
#   SUITES="vc-di-eddsa-test-suite" tools/w3c-suites/run.sh
#   SUITES= HOLD=1 tools/w3c-suites/run.sh  # no suite: start the app, print its settings, keep it running
#
# Needs Java 17+, Maven (offline is fine once the build has run), Node.js 18+ and npm (the suites' dependencies come
# from the npm registry, exact versions from each suite's package-lock.json). Exit status: 0 when every suite ran
# (failures are reported, not fatal), 1 when the app or a suite could not run.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
SUITES=${SUITES-"vc-data-model-2.0-test-suite vc-di-eddsa-test-suite vc-bitstring-status-list-test-suite"}
APP_JAR=${APP_JAR:-app/target/guildmark.jar}
MAX_SECONDS=${MAX_SECONDS:-1800}

if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "== building the app (mvn -o package, no tests)"
  mvn -B -q -o -pl app -am package -DskipTests
fi
[ -f "$APP_JAR" ] || { echo "no $APP_JAR: build first (without SKIP_BUILD=1)" >&2; exit 1; }

for suite in $SUITES; do
  if [ ! -d "$HERE/suites/$suite/node_modules" ]; then
    echo "== npm ci in suites/$suite"
    (cd "$HERE/suites/$suite" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  # vc-test-suite-implementations reads localConfig.cjs from the suite's root
  ln -sf ../../localConfig.cjs "$HERE/suites/$suite/localConfig.cjs"
done

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
DATA_DIR=$(mktemp -d /tmp/guildmark-w3c.XXXXXX)
TOKEN=w3c-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
APP_LOG="$DATA_DIR/app.log"
BASE="https://127.0.0.1:$PORT"
APP_PID=
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

# HTTPS with a throw-away self-signed certificate: the suites send an implementation's configured headers (our API
# key) only to https endpoints, and accept any certificate there.
KEYSTORE_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
keytool -genkeypair -alias guildmark -keyalg EC -groupname secp256r1 -validity 2 -dname CN=127.0.0.1 \
  -ext SAN=ip:127.0.0.1 -storetype PKCS12 -keystore "$DATA_DIR/tls.p12" -storepass "$KEYSTORE_PASSWORD" >/dev/null 2>&1
keytool -exportcert -rfc -alias guildmark -keystore "$DATA_DIR/tls.p12" -storepass "$KEYSTORE_PASSWORD" \
  >"$DATA_DIR/tls.pem" 2>/dev/null
export NODE_EXTRA_CA_CERTS="$DATA_DIR/tls.pem"

echo "== starting the app on $BASE (log: $APP_LOG)"
GUILDMARK_ADMIN_TOKEN=$TOKEN SERVER_SSL_KEY_STORE_PASSWORD=$KEYSTORE_PASSWORD timeout "$MAX_SECONDS" java -Xmx1g -jar "$APP_JAR" \
  --server.port="$PORT" --server.address=127.0.0.1 --guildmark.data-dir="$DATA_DIR" --guildmark.base-url="$BASE" \
  --server.ssl.key-store="$DATA_DIR/tls.p12" --server.ssl.key-store-type=PKCS12 \
  --guildmark.demo-data=false >>"$APP_LOG" 2>&1 &
APP_PID=$!
STARTUP_SECONDS=${STARTUP_SECONDS:-600}   # generous: a busy machine starts the app slowly
for i in $(seq 1 "$STARTUP_SECONDS"); do
  if curl -kfsS --max-time 2 "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited; see $APP_LOG" >&2; tail -40 "$APP_LOG" >&2; exit 1; }
  [ "$i" = "$STARTUP_SECONDS" ] && { echo "the app was not healthy within $STARTUP_SECONDS s; see $APP_LOG" >&2; exit 1; }
  sleep 1
done

# call METHOD PATH [JSON]: the admin token (or $AUTH) as bearer, fails on a non-2xx answer
call() {
  curl -kfsS --max-time 30 -X "$1" -H "Authorization: Bearer ${AUTH:-$TOKEN}" -H 'Content-Type: application/json' \
    -H 'Accept: application/json' "$BASE$2" ${3:+--data "$3"}
}
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1"; }

ORG=w3c-suites
echo "== organization $ORG, its API key and its did:key issuer option"
call POST /api/v1/organizations \
  "{\"slug\":\"$ORG\",\"name\":\"W3C Suites Issuer\",\"url\":\"https://example.org\",\"email\":\"w3c@example.org\",\"description\":\"Issuer for the W3C VC test suites\"}" >/dev/null
API_KEY=$(call POST "/api/v1/organizations/$ORG/api-keys" '{"name":"w3c test suites"}' | json 'd["key"]')
SETTINGS=$(AUTH=$API_KEY call PUT "/api/v1/organizations/$ORG/vc-api/settings" '{"didKeyIssuer":true}')
export GUILDMARK_URL=$BASE GUILDMARK_ORG=$ORG GUILDMARK_API_KEY=$API_KEY
GUILDMARK_DID_WEB=$(echo "$SETTINGS" | json 'd["issuerIds"][0]')
GUILDMARK_ISSUER=$(echo "$SETTINGS" | json 'd["issuerIds"][1]')
export GUILDMARK_DID_WEB GUILDMARK_ISSUER
echo "   issuers: $GUILDMARK_ISSUER, $GUILDMARK_DID_WEB"

REPORTS="$DATA_DIR/reports"
mkdir -p "$REPORTS"
STATUS=0
SUMMARY=""
for suite in $SUITES; do
  echo "== $suite"
  out="$REPORTS/$suite.json"
  set +e
  (cd "$HERE/suites/$suite" && timeout 1200 npx --no-install mocha tests/ --timeout 15000 --preserve-symlinks \
    --reporter json --reporter-option "output=$out" >"$REPORTS/$suite.log" 2>&1)
  rc=$?
  set -e
  if [ ! -s "$out" ]; then
    echo "   did not run (exit $rc); see $REPORTS/$suite.log" >&2
    tail -20 "$REPORTS/$suite.log" >&2
    STATUS=1
    continue
  fi
  FAILURES=1 node "$HERE/summarize.mjs" "$out" "$suite" >"$REPORTS/$suite.failures.txt"
  line=$(node "$HERE/summarize.mjs" "$out" "$suite")
  SUMMARY="$SUMMARY$line"$'\n'
done
echo
echo "== results (details: $REPORTS)"
printf '%s' "$SUMMARY"
if [ "${HOLD:-}" = 1 ]; then
  echo "== holding the app (Ctrl-C stops it)"
  echo "export GUILDMARK_URL=$GUILDMARK_URL GUILDMARK_ORG=$ORG GUILDMARK_API_KEY=$API_KEY" \
    "GUILDMARK_ISSUER=$GUILDMARK_ISSUER GUILDMARK_DID_WEB=$GUILDMARK_DID_WEB NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS"
  wait "$APP_PID" || true
fi
exit $STATUS
