#!/usr/bin/env python3
"""Create the ecs-deploy demo environment in a running moto server and print its environment file.

Usage:
    python3 scripts/seed-moto.py --endpoint http://127.0.0.1:5000 [--output examples/moto-environment.yaml]
    python3 scripts/seed-moto.py --endpoint http://127.0.0.1:5000 --codedeploy

With --codedeploy it also creates ECS service `web-cd` (CODE_DEPLOY controller, behind `web-blue`) and the
CodeDeploy application `web` with deployment group `web-dg` over the pair web-blue/web-green and both listeners,
waiting at its ready point, and prints a `codeDeploy` environment file instead. moto keeps CodeDeploy
deployments in `Created`; docs/emulator.md says what a run against it does and does not exercise.

What it creates (all in region us-east-1 unless --region says otherwise):
  * a VPC with two subnets and a security group (the ALB and the Fargate services need them);
  * ECS cluster `demo`, task definition family `web` (containers `app` and `log-router`);
  * ECS services `web-blue` and `web-green`, two tasks each, each registered with its target group;
  * target groups `web-blue` / `web-green` (type ip) with two fake IP targets each, which moto reports healthy;
  * ALB `web-alb`: production listener on port 80 forwarding 100/0 blue/green, test listener on 8080
    forwarding to green;
  * CloudWatch data points (RequestCount, HTTPCode_Target_5XX_Count, HealthyHostCount, UnHealthyHostCount)
    per target group, every minute from 30 minutes ago to 3 hours ahead, so canary analysis finds data;
  * CloudWatch alarm `web-5xx` in state OK.

moto has gaps this script works around; docs/emulator.md explains each one. The important one: start the
server with MOTO_ECS_SERVICE_RUNNING=2 (scripts/demo.sh does), otherwise moto reports every ECS rollout as
IN_PROGRESS forever and a deploy stops at WAIT_FOR_READY when its readiness timeout runs out.
"""

import argparse
import datetime
import sys

try:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:
    sys.exit("seed-moto.py needs boto3: pip install 'moto[server]' boto3")

CLUSTER = "demo"
FAMILY = "web"
CONTAINER = "app"
IMAGE = "public.ecr.aws/demo/web:v1.0.0"
LOAD_BALANCER = "web-alb"
SLOTS = {"blue": "web-blue", "green": "web-green"}
TASKS_PER_SLOT = 2
ALARM = "web-5xx"
CODEDEPLOY_SERVICE = "web-cd"
CODEDEPLOY_APPLICATION = "web"
CODEDEPLOY_GROUP = "web-dg"
# Fake task addresses: moto never starts tasks, so nothing registers them; moto reports ip targets healthy.
TARGET_IPS = {"blue": ["10.0.1.11", "10.0.2.11"], "green": ["10.0.1.21", "10.0.2.21"]}
# Per minute and target group: steady traffic with a 0.5% error rate, well inside the default thresholds.
REQUESTS_PER_MINUTE = 200
ERRORS_PER_MINUTE = 1
METRIC_MINUTES_BEHIND = 30
METRIC_MINUTES_AHEAD = 180


def parse_args():
    p = argparse.ArgumentParser(description="Seed a moto server with the ecs-deploy demo environment.")
    p.add_argument("--endpoint", required=True, help="moto server URL, e.g. http://127.0.0.1:5000")
    p.add_argument("--region", default="us-east-1", help="AWS region to create the resources in")
    p.add_argument("--output", help="write the environment YAML here instead of to standard output")
    p.add_argument("--codedeploy", action="store_true",
                   help="also create a CodeDeploy-managed service and group, and print its environment")
    return p.parse_args()


def clients(endpoint, region):
    # moto accepts any credentials; fixed fake ones keep a developer's real keys out of the emulator.
    kw = dict(endpoint_url=endpoint, region_name=region,
              aws_access_key_id="testing", aws_secret_access_key="testing")
    # moto's server cannot read gzip-compressed bodies, which boto3 sends for PutMetricData over 10 KB.
    kw["config"] = Config(disable_request_compression=True)
    return {name: boto3.client(name, **kw) for name in ("ec2", "elbv2", "ecs", "cloudwatch", "codedeploy")}


def refuse_if_seeded(elb):
    try:
        elb.describe_load_balancers(Names=[LOAD_BALANCER])
    except ClientError as e:
        if e.response["Error"]["Code"] == "LoadBalancerNotFound":
            return
        raise
    sys.exit("seed-moto.py: load balancer '%s' already exists: this moto server was seeded before. "
             "Restart moto (it keeps everything in memory) and seed again." % LOAD_BALANCER)


def create_network(ec2, region):
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=az)["Subnet"]["SubnetId"]
        for cidr, az in (("10.0.1.0/24", region + "a"), ("10.0.2.0/24", region + "b"))
    ]
    sg = ec2.create_security_group(GroupName="web", Description="web demo", VpcId=vpc)["GroupId"]
    return vpc, subnets, sg


def forward(weights, target_groups):
    """A forward action with ForwardConfig weights, the shape ecs-deploy reads and writes."""
    return [{"Type": "forward", "ForwardConfig": {"TargetGroups": [
        {"TargetGroupArn": target_groups[slot], "Weight": weight} for slot, weight in weights.items()]}}]


def create_load_balancer(elb, vpc, subnets, sg):
    lb = elb.create_load_balancer(Name=LOAD_BALANCER, Subnets=subnets, SecurityGroups=[sg],
                                  Type="application", Scheme="internal")["LoadBalancers"][0]["LoadBalancerArn"]
    tgs = {}
    for slot, name in SLOTS.items():
        tgs[slot] = elb.create_target_group(
            Name=name, Protocol="HTTP", Port=80, VpcId=vpc, TargetType="ip",
            HealthCheckPath="/health")["TargetGroups"][0]["TargetGroupArn"]
        elb.register_targets(TargetGroupArn=tgs[slot],
                             Targets=[{"Id": ip, "Port": 80} for ip in TARGET_IPS[slot]])
    production = elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80,
                                     DefaultActions=forward({"blue": 100, "green": 0}, tgs))
    test = elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=8080,
                               DefaultActions=forward({"blue": 0, "green": 100}, tgs))
    listeners = [production["Listeners"][0]["ListenerArn"], test["Listeners"][0]["ListenerArn"]]
    return lb, tgs, listeners


def create_services(ecs, subnets, sg, tgs):
    ecs.create_cluster(clusterName=CLUSTER)
    td = ecs.register_task_definition(
        family=FAMILY, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[
            {"name": CONTAINER, "image": IMAGE, "essential": True,
             "portMappings": [{"containerPort": 80, "protocol": "tcp"}]},
            # A second container, so a deploy must change the image of `app` only.
            {"name": "log-router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
             "essential": False},
        ],
        tags=[{"key": "app", "value": "web"}])["taskDefinition"]["taskDefinitionArn"]
    stuck = []
    for slot, name in SLOTS.items():
        ecs.create_service(
            cluster=CLUSTER, serviceName=name, taskDefinition=td, desiredCount=TASKS_PER_SLOT,
            launchType="FARGATE", deploymentController={"type": "ECS"},
            networkConfiguration=network(subnets, sg),
            loadBalancers=[{"targetGroupArn": tgs[slot], "containerName": CONTAINER, "containerPort": 80}])
        # moto sets runningCount from MOTO_ECS_SERVICE_RUNNING at creation, but to desiredCount on every
        # UpdateService that names a desiredCount: this makes both slots report all their tasks running.
        service = ecs.update_service(cluster=CLUSTER, service=name, desiredCount=TASKS_PER_SLOT)["service"]
        primary = [d for d in service.get("deployments", []) if d.get("status") == "PRIMARY"]
        if primary and primary[0].get("rolloutState") != "COMPLETED":
            stuck.append(name)
    return td, stuck


def network(subnets, sg):
    return {"awsvpcConfiguration": {"subnets": subnets, "securityGroups": [sg], "assignPublicIp": "DISABLED"}}


def create_codedeploy(ecs, codedeploy, subnets, sg, tgs, listeners, td):
    """A service whose task sets CodeDeploy owns, and its deployment group, waiting at the ready point."""
    ecs.create_service(
        cluster=CLUSTER, serviceName=CODEDEPLOY_SERVICE, taskDefinition=td, desiredCount=TASKS_PER_SLOT,
        launchType="FARGATE", deploymentController={"type": "CODE_DEPLOY"}, networkConfiguration=network(subnets, sg),
        loadBalancers=[{"targetGroupArn": tgs["blue"], "containerName": CONTAINER, "containerPort": 80}])
    codedeploy.create_application(applicationName=CODEDEPLOY_APPLICATION, computePlatform="ECS")
    codedeploy.create_deployment_group(
        applicationName=CODEDEPLOY_APPLICATION, deploymentGroupName=CODEDEPLOY_GROUP,
        serviceRoleArn="arn:aws:iam::123456789012:role/codedeploy-ecs",
        deploymentStyle={"deploymentType": "BLUE_GREEN", "deploymentOption": "WITH_TRAFFIC_CONTROL"},
        blueGreenDeploymentConfiguration={
            "deploymentReadyOption": {"actionOnTimeout": "STOP_DEPLOYMENT", "waitTimeInMinutes": 60},
            "terminateBlueInstancesOnDeploymentSuccess": {"action": "TERMINATE",
                                                          "terminationWaitTimeInMinutes": 5}},
        ecsServices=[{"serviceName": CODEDEPLOY_SERVICE, "clusterName": CLUSTER}],
        loadBalancerInfo={"targetGroupPairInfoList": [{
            "targetGroups": [{"name": SLOTS["blue"]}, {"name": SLOTS["green"]}],
            "prodTrafficRoute": {"listenerArns": [listeners[0]]},
            "testTrafficRoute": {"listenerArns": [listeners[1]]}}]},
        autoRollbackConfiguration={"enabled": True, "events": ["DEPLOYMENT_FAILURE"]})


def seed_metrics(cw, lb_arn, tgs):
    lb_dimension = lb_arn.split(":loadbalancer/", 1)[1]
    now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
    for slot, tg_arn in tgs.items():
        dims = [{"Name": "TargetGroup", "Value": tg_arn.split(":")[-1]},
                {"Name": "LoadBalancer", "Value": lb_dimension}]
        # TargetResponseTime is left out on purpose: moto answers a p95/p99 query on a metric that has data
        # with HTTP 500, which would fail the whole GetMetricData call (see docs/emulator.md).
        data = []
        for minute in range(-METRIC_MINUTES_BEHIND, METRIC_MINUTES_AHEAD):
            ts = now + datetime.timedelta(minutes=minute)
            for metric, value in (("RequestCount", REQUESTS_PER_MINUTE),
                                  ("HTTPCode_Target_5XX_Count", ERRORS_PER_MINUTE),
                                  ("HealthyHostCount", TASKS_PER_SLOT),
                                  ("UnHealthyHostCount", 0)):
                data.append({"MetricName": metric, "Dimensions": dims, "Timestamp": ts,
                             "Value": value, "Unit": "Count"})
        for i in range(0, len(data), 500):
            cw.put_metric_data(Namespace="AWS/ApplicationELB", MetricData=data[i:i + 500])
    cw.put_metric_alarm(
        AlarmName=ALARM, Namespace="AWS/ApplicationELB", MetricName="HTTPCode_Target_5XX_Count",
        Dimensions=[{"Name": "LoadBalancer", "Value": lb_dimension}], Statistic="Sum", Period=60,
        EvaluationPeriods=1, Threshold=50, ComparisonOperator="GreaterThanThreshold",
        AlarmDescription="ecs-deploy demo: put it in ALARM with SetAlarmState to see a deploy refused")


def environment_yaml(endpoint, region):
    return f"""\
# ecs-deploy environment for the moto demo, written by scripts/seed-moto.py for the moto server at
# {endpoint}. scripts/demo.sh starts moto on a free port and writes this file anew with that port in
# endpointUrl. What moto can and cannot emulate: docs/emulator.md.
name: moto-demo
region: {region}
endpointUrl: {endpoint}
cluster: {CLUSTER}
container: {CONTAINER}
slots:
  blue:
    service: {SLOTS["blue"]}
    targetGroup: {SLOTS["blue"]}
  green:
    service: {SLOTS["green"]}
    targetGroup: {SLOTS["green"]}
listener:
  loadBalancer: {LOAD_BALANCER}
  port: 80
testListener:
  loadBalancer: {LOAD_BALANCER}
  port: 8080
health:
  readinessTimeout: 60s
  pollInterval: 2s
  bakeTime: 10s
  alarms:
    - {ALARM}
analysis:
  interval: 60s
  alarms:
    - {ALARM}
  # moto cannot compute percentiles, so the seed stores no TargetResponseTime data: p95/p99 have no data.
  noDataPerMetric:
    p95: PASS
    p99: PASS
"""


def codedeploy_yaml(endpoint, region):
    return f"""\
# ecs-deploy environment of a CodeDeploy deployment group in moto, written by scripts/seed-moto.py --codedeploy
# for the moto server at {endpoint}. moto keeps deployments in Created (docs/emulator.md).
name: moto-codedeploy
region: {region}
endpointUrl: {endpoint}
container: {CONTAINER}
codeDeploy:
  application: {CODEDEPLOY_APPLICATION}
  deploymentGroup: {CODEDEPLOY_GROUP}
  containerPort: 80
health:
  readinessTimeout: 60s
  pollInterval: 2s
  bakeTime: 10s
analysis:
  interval: 60s
  noDataPerMetric:
    p95: PASS
    p99: PASS
"""


def main():
    args = parse_args()
    endpoint = args.endpoint.rstrip("/")
    try:
        aws = clients(endpoint, args.region)
        refuse_if_seeded(aws["elbv2"])
        vpc, subnets, sg = create_network(aws["ec2"], args.region)
        lb, tgs, listeners = create_load_balancer(aws["elbv2"], vpc, subnets, sg)
        td, stuck = create_services(aws["ecs"], subnets, sg, tgs)
        seed_metrics(aws["cloudwatch"], lb, tgs)
        if args.codedeploy:
            create_codedeploy(aws["ecs"], aws["codedeploy"], subnets, sg, tgs, listeners, td)
    except (BotoCoreError, ClientError) as e:
        sys.exit("seed-moto.py: could not seed moto at %s: %s" % (endpoint, e))
    if stuck:
        print("seed-moto.py: warning: moto reports the rollout of %s as IN_PROGRESS and will never finish it. "
              "Start moto with MOTO_ECS_SERVICE_RUNNING=%d (scripts/demo.sh does) or a deploy stops at "
              "WAIT_FOR_READY when health.readinessTimeout runs out." % (", ".join(stuck), TASKS_PER_SLOT),
              file=sys.stderr)
    text = (codedeploy_yaml if args.codedeploy else environment_yaml)(endpoint, args.region)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
        print("seed-moto.py: seeded moto at %s; environment file: %s" % (endpoint, args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
