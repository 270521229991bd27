#!/usr/bin/env bash
# Runs ecs-deploy end to end against the moto AWS emulator, on this machine only:
#   1. starts moto on a free loopback port (stopped again when this script exits, however it exits);
#   2. seeds the demo environment with scripts/seed-moto.py (cluster demo, services web-blue/web-green,
#      ALB web-alb) and writes its environment file to target/moto-demo/moto-environment.yaml;
#   3. builds the CLI if cli/target/ecs-deploy.jar is missing;
#   4. runs status, deploy --image-tag v1.1.0, rollback and switch, printing each command first, then two
#      failure drills: with alarm web-5xx in ALARM a deploy is refused before anything changes (exit code 1);
#      with a 5xx spike on the canary, a canary deploy rolls itself back (exit code 3; takes about 2 minutes).
#
# Needs: python3 with moto[server] and boto3 (pip install 'moto[server]' boto3), and Java 17.
# moto's gaps and the workarounds used here are described in docs/emulator.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/target/moto-demo"
JAR="$ROOT/cli/target/ecs-deploy.jar"
ENV_FILE="$WORK/moto-environment.yaml"
MOTO_LOG="$WORK/moto.log"
MOTO_PID=""

fail() {
    echo "demo.sh: $*" >&2
    exit 1
}

stop_moto() {
    if [[ -n "$MOTO_PID" ]] && kill -0 "$MOTO_PID" 2>/dev/null; then
        echo "Stopping moto (pid $MOTO_PID)"
        kill "$MOTO_PID" 2>/dev/null || true
        wait "$MOTO_PID" 2>/dev/null || true
    fi
}
trap stop_moto EXIT
trap 'exit 130' INT TERM

command -v python3 >/dev/null || fail "python3 is not installed; install it, then: pip install 'moto[server]' boto3"
python3 -c 'import moto.server, boto3' 2>/dev/null \
    || fail "python3 cannot import moto.server and boto3; install them with: pip install 'moto[server]' boto3"
command -v java >/dev/null || fail "java is not installed; the CLI needs Java 17 or later"

mkdir -p "$WORK"
# The kernel picks a free port; moto binds it a moment later (a race only if another program grabs it first).
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
ENDPOINT="http://127.0.0.1:$PORT"

# MOTO_ECS_SERVICE_RUNNING=2 makes moto report each service's rollout as COMPLETED (it never runs tasks);
# without it every rollout stays IN_PROGRESS and deploy would wait until its readiness timeout.
echo "Starting moto on $ENDPOINT (log: $MOTO_LOG)"
MOTO_ECS_SERVICE_RUNNING=2 python3 -m moto.server -H 127.0.0.1 -p "$PORT" >"$MOTO_LOG" 2>&1 &
MOTO_PID=$!

python3 - "$ENDPOINT" <<'EOF' || fail "moto did not start on $ENDPOINT within 30 s; see $MOTO_LOG"
import sys, time, urllib.request
deadline = time.time() + 30
while time.time() < deadline:
    try:
        urllib.request.urlopen(sys.argv[1] + "/moto-api/", timeout=2)
        sys.exit(0)
    except OSError:
        time.sleep(0.3)
sys.exit(1)
EOF

python3 "$ROOT/scripts/seed-moto.py" --endpoint "$ENDPOINT" --output "$ENV_FILE"

if [[ ! -f "$JAR" ]]; then
    echo "Building the CLI ($JAR is missing)"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package) || fail "building the CLI failed (see the Maven output above)"
fi

# The SDK's default credential chain reads these; moto accepts any keys, so nothing real is used.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
unset AWS_SESSION_TOKEN AWS_PROFILE

# Runs the CLI after printing the command; stops the demo if the exit code is not the one expected.
run_expecting() {
    local expected="$1"
    shift
    echo
    echo "\$ ecs-deploy $*"
    local code=0
    java -jar "$JAR" "$@" || code=$?
    if [[ "$code" != "$expected" ]]; then
        fail "ecs-deploy $1 exited with $code, expected $expected (see docs/cli.md for exit codes; moto log: $MOTO_LOG)"
    fi
}

run() {
    run_expecting 0 "$@"
}

set_alarm() {
    python3 - "$ENDPOINT" "$1" <<'PY'
import sys, boto3
boto3.client("cloudwatch", endpoint_url=sys.argv[1], region_name="us-east-1").set_alarm_state(
    AlarmName="web-5xx", StateValue=sys.argv[2], StateReason="ecs-deploy demo")
PY
}

# Adds 80 5xx responses a minute, for the next 10 minutes, to one target group's seeded 200 requests.
spike_errors() {
    python3 - "$ENDPOINT" "$1" <<'PY'
import datetime, sys, boto3
endpoint, name = sys.argv[1], sys.argv[2]
elb = boto3.client("elbv2", endpoint_url=endpoint, region_name="us-east-1")
tg = elb.describe_target_groups(Names=[name])["TargetGroups"][0]
lb = tg["LoadBalancerArns"][0].split(":loadbalancer/", 1)[1]
dims = [{"Name": "TargetGroup", "Value": tg["TargetGroupArn"].split(":")[-1]}, {"Name": "LoadBalancer", "Value": lb}]
now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
boto3.client("cloudwatch", endpoint_url=endpoint, region_name="us-east-1").put_metric_data(
    Namespace="AWS/ApplicationELB",
    MetricData=[{"MetricName": "HTTPCode_Target_5XX_Count", "Dimensions": dims, "Value": 80, "Unit": "Count",
                 "Timestamp": now + datetime.timedelta(minutes=m)} for m in range(-1, 10)])
PY
}

cd "$WORK"
run status -c "$ENV_FILE"
# Rolls v1.1.0 out to the idle slot (green), checks it is ready, moves all traffic to it and bakes 10 s.
run deploy -c "$ENV_FILE" --image-tag v1.1.0
run status -c "$ENV_FILE"
# Sends all traffic back to the other slot (blue, still running v1.0.0).
run rollback -c "$ENV_FILE" --reason "demo"
run status -c "$ENV_FILE"
# Moves all traffic to green again, without deploying anything.
run switch -c "$ENV_FILE" --to green
run status -c "$ENV_FILE"

echo
echo "Failure drill 1: alarm web-5xx is in ALARM, so a deploy is refused before it changes anything (exit code 1)."
set_alarm ALARM
run_expecting 1 deploy -c "$ENV_FILE" --image-tag v1.2.0
set_alarm OK

echo
echo "Failure drill 2: the idle slot (blue) answers 40% of requests with 5xx from now on. A canary deploy sends it"
echo "10% of traffic, analyses the first minute once CloudWatch has it (about 2 minutes), fails the stage and"
echo "rolls back (exit code 3)."
spike_errors web-blue
run_expecting 3 deploy -c "$ENV_FILE" --image-tag v1.2.0 --stages 10,100 --stage-duration 1m
run status -c "$ENV_FILE"

echo
echo "Demo finished. The environment file is $ENV_FILE; moto stops now, so its resources are gone."
