#!/usr/bin/env bash
# Runs ecs-deploy against Route 53 weighted records on the moto emulator, on this machine only, with slots of kind
# none (two endpoints already running: here two tiny HTTP servers on the loopback, standing in for two ALBs,
# CloudFront distributions or App Runner services):
#   1. starts moto and the two endpoints on free loopback ports (all stopped again when this script exits);
#   2. seeds zone example.com with weighted CNAMEs api.example.com (api-blue 100, api-green 0, TTL 5 s) and writes
#      the environment file (scripts/seed-route53.py) to target/route53-demo/environment.yaml;
#   3. builds the CLI if cli/target/ecs-deploy.jar is missing;
#   4. runs status, switch (90/10, then all to green), rollback, a one-stage canary (about 2 minutes: the TTL, one
#      analysis minute, and the minute CloudWatch takes to publish it), a rollback of the canary, and one failure
#      drill: with green's endpoint down, a switch to green is refused before any weight changes (exit code 1).
#
# Needs: python3 with moto[server] and boto3, and Java 17. Nothing here deploys: kind none only moves traffic.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/target/route53-demo"
JAR="$ROOT/cli/target/ecs-deploy.jar"
ENV_FILE="$WORK/environment.yaml"
PIDS=()

fail() {
    echo "demo-route53.sh: $*" >&2
    exit 1
}

stop_all() {
    for pid in "${PIDS[@]:-}"; do
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

command -v python3 >/dev/null || fail "python3 is not installed; install it, then: pip install 'moto[server]' boto3"
python3 -c 'import moto.server, boto3' 2>/dev/null \
    || fail "python3 cannot import moto.server and boto3; install them with: pip install 'moto[server]' boto3"
command -v java >/dev/null || fail "java is not installed; the CLI needs Java 17 or later"

mkdir -p "$WORK"
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_for() {
    python3 - "$1" <<'PY' || fail "nothing answered on $1 within 30 s"
import sys, time, urllib.request
deadline = time.time() + 30
while time.time() < deadline:
    try:
        urllib.request.urlopen(sys.argv[1], timeout=2)
        sys.exit(0)
    except OSError:
        time.sleep(0.3)
sys.exit(1)
PY
}

PORT="$(free_port)"
ENDPOINT="http://127.0.0.1:$PORT"
echo "Starting moto on $ENDPOINT (log: $WORK/moto.log)"
python3 -m moto.server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
PIDS+=($!)
wait_for "$ENDPOINT/moto-api/"

# Each endpoint answers every GET with 200 while it runs. Started here, not in a $(...) subshell, so that their
# process ids are known to the EXIT trap.
BLUE_PORT="$(free_port)"
python3 -m http.server "$BLUE_PORT" --bind 127.0.0.1 --directory "$WORK" >"$WORK/blue.log" 2>&1 &
PIDS+=($!)
GREEN_PORT="$(free_port)"
python3 -m http.server "$GREEN_PORT" --bind 127.0.0.1 --directory "$WORK" >"$WORK/green.log" 2>&1 &
GREEN_PID=$!
PIDS+=($GREEN_PID)
BLUE_URL="http://127.0.0.1:$BLUE_PORT/"
GREEN_URL="http://127.0.0.1:$GREEN_PORT/"
wait_for "$BLUE_URL"
wait_for "$GREEN_URL"
echo "Endpoints: blue $BLUE_URL, green $GREEN_URL"

# boto3 and the CLI read these; moto accepts any keys, so nothing real is used.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
unset AWS_SESSION_TOKEN AWS_PROFILE

python3 "$ROOT/scripts/seed-route53.py" --endpoint "$ENDPOINT" --output "$ENV_FILE" \
    --blue-health "$BLUE_URL" --green-health "$GREEN_URL"

if [[ ! -f "$JAR" ]]; then
    echo "Building the CLI ($JAR is missing)"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package) || fail "building the CLI failed (see the Maven output above)"
fi

run_expecting() {
    local expected="$1"
    shift
    echo
    echo "\$ ecs-deploy $*"
    local code=0
    java -jar "$JAR" "$@" || code=$?
    if [[ "$code" != "$expected" ]]; then
        fail "ecs-deploy $1 exited with $code, expected $expected (see docs/cli.md for exit codes)"
    fi
}
run() {
    run_expecting 0 "$@"
}

cd "$WORK"
run status -c "$ENV_FILE"
# Both weights change in one Route 53 change batch, read back, and wait for INSYNC.
run switch -c "$ENV_FILE" --weights blue=90,green=10
run status -c "$ENV_FILE"
run switch -c "$ENV_FILE" --to green
run rollback -c "$ENV_FILE" --reason "demo: back to blue"
run status -c "$ENV_FILE"
# One canary stage: 20% to green, judged after the records' TTL (5 s) over one minute of (absent) metrics.
run canary -c "$ENV_FILE" --slot green --percent 20 --duration 1m
run status -c "$ENV_FILE"
run rollback -c "$ENV_FILE" --reason "demo: canary seen, back to blue"
run status -c "$ENV_FILE"

echo
echo "Failure drill: green's endpoint is down, so a switch to green is refused before any weight changes (exit 1)."
kill "$GREEN_PID" && wait "$GREEN_PID" 2>/dev/null || true
run_expecting 1 switch -c "$ENV_FILE" --to green
run status -c "$ENV_FILE"

echo
echo "Demo finished. The environment file is $ENV_FILE; moto and the endpoints stop now."
