"""Amazon ECS lifecycle hook that holds a blue/green, canary or linear deployment at POST_TEST_TRAFFIC_SHIFT
until a person approves it from Jenkins (``blueGreenDeploy promote: false`` -> ``input`` -> promote) or from the
``ecs-deploy`` command line.

The approval is a tag on the ECS service, written by ecs-deploy:

    ecs-deploy:approval = <service deployment ARN>:approved    -> SUCCEEDED, ECS shifts production traffic
    ecs-deploy:approval = <service deployment ARN>:rejected    -> FAILED, ECS rolls the deployment back

Until one of them names this deployment the hook answers IN_PROGRESS, and ECS asks again after callBackDelay
seconds. A tag naming another deployment (an older one) is ignored, so a stale approval never lets a new revision
through. After ``timeoutMinutes`` without an answer the hook answers FAILED: an approval that nobody gives rolls back.

Settings, in the hook's ``hookDetails`` (all optional):
    callBackDelaySeconds  how often ECS asks again while waiting (default 30)
    timeoutMinutes        how long to wait for an answer before rolling back (default 60)

The decision is ``decide``: a pure function of ECS's event, the service's tags and the time, tested on its own;
``handler`` only reads the tags (ecs:ListTagsForResource on the service) and calls it.
"""

import json
import time

APPROVAL_TAG = "ecs-deploy:approval"
GATED_STAGE = "POST_TEST_TRAFFIC_SHIFT"
DEFAULT_CALLBACK_DELAY_SECONDS = 30
DEFAULT_TIMEOUT_MINUTES = 60


def decide(event, tags, now):
    """The hook's answer to ECS for ``event``, given the service's tags (a dict) and the time (epoch seconds)."""
    if event.get("lifecycleStage") != GATED_STAGE:
        # Registered at another stage by mistake: never hold a deployment there.
        return {"hookStatus": "SUCCEEDED"}
    settings = dict(event.get("hookDetails") or {})
    delay = int(settings.get("callBackDelaySeconds", DEFAULT_CALLBACK_DELAY_SECONDS))
    timeout_seconds = int(settings.get("timeoutMinutes", DEFAULT_TIMEOUT_MINUTES)) * 60
    waiting_since = int(settings.get("waitingSince", now))

    deployment, _, verdict = (tags.get(APPROVAL_TAG) or "").rpartition(":")
    if deployment and deployment == event.get("resourceArn"):
        if verdict == "approved":
            return {"hookStatus": "SUCCEEDED"}
        if verdict == "rejected":
            return {"hookStatus": "FAILED"}
    if now - waiting_since >= timeout_seconds:
        return {"hookStatus": "FAILED"}
    # ECS hands hookDetails back on the next call: that is how the wait remembers when it began.
    settings["waitingSince"] = waiting_since
    return {"hookStatus": "IN_PROGRESS", "callBackDelay": delay, "hookDetails": settings}


def service_arn(event):
    """The service's ARN: in executionDetails, as ECS sends it, or at the top level."""
    details = event.get("executionDetails") or event
    return details.get("serviceArn")


def tags_of(ecs, arn):
    reply = ecs.list_tags_for_resource(resourceArn=arn)
    return {tag["key"]: tag["value"] for tag in reply.get("tags", [])}


def handler(event, context, ecs=None, clock=time.time):
    if ecs is None:
        import boto3  # imported here so that decide() runs without the AWS SDK

        ecs = boto3.client("ecs")
    tags = tags_of(ecs, service_arn(event)) if event.get("lifecycleStage") == GATED_STAGE else {}
    answer = decide(event, tags, int(clock()))
    print(json.dumps({"deployment": event.get("resourceArn"), "stage": event.get("lifecycleStage"),
                      "answer": answer["hookStatus"]}))
    return answer
