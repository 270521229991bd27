"""The approval hook's decision table, with events as ECS sends them. Run: python3 -m unittest -v (in this folder)."""

import unittest

import approval_hook as hook

DEPLOYMENT = "arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/r4nd0mId"
OLDER = "arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/0lderId"
SERVICE = "arn:aws:ecs:us-east-1:123456789012:service/prod/web"
NOW = 1_800_000_000


def event(stage="POST_TEST_TRAFFIC_SHIFT", hook_details=None, deployment=DEPLOYMENT):
    e = {
        "executionDetails": {
            "serviceArn": SERVICE,
            "targetServiceRevisionArn": "arn:aws:ecs:us-east-1:123456789012:service-revision/prod/web/2",
            "testTrafficWeights": {"arn:aws:ecs:us-east-1:123456789012:service-revision/prod/web/2": 100},
            "productionTrafficWeights": {"arn:aws:ecs:us-east-1:123456789012:service-revision/prod/web/1": 100},
        },
        "executionId": "exec-1",
        "lifecycleStage": stage,
        "resourceArn": deployment,
    }
    if hook_details is not None:
        e["hookDetails"] = hook_details
    return e


def tag(value):
    return {hook.APPROVAL_TAG: value, "team": "payments"}


class DecideTest(unittest.TestCase):

    def test_waits_while_nothing_is_decided(self):
        answer = hook.decide(event(), {}, NOW)
        self.assertEqual(answer, {"hookStatus": "IN_PROGRESS", "callBackDelay": 30,
                                  "hookDetails": {"waitingSince": NOW}})

    def test_approval_of_this_deployment_lets_it_go_on(self):
        self.assertEqual(hook.decide(event(), tag(DEPLOYMENT + ":approved"), NOW), {"hookStatus": "SUCCEEDED"})

    def test_rejection_of_this_deployment_rolls_it_back(self):
        self.assertEqual(hook.decide(event(), tag(DEPLOYMENT + ":rejected"), NOW), {"hookStatus": "FAILED"})

    def test_an_older_deployments_approval_is_ignored(self):
        answer = hook.decide(event(), tag(OLDER + ":approved"), NOW)
        self.assertEqual(answer["hookStatus"], "IN_PROGRESS")

    def test_an_unknown_verdict_keeps_waiting(self):
        self.assertEqual(hook.decide(event(), tag(DEPLOYMENT + ":maybe"), NOW)["hookStatus"], "IN_PROGRESS")

    def test_times_out_into_a_rollback(self):
        details = {"timeoutMinutes": 10, "waitingSince": NOW - 600}
        self.assertEqual(hook.decide(event(hook_details=details), {}, NOW), {"hookStatus": "FAILED"})

    def test_keeps_waiting_just_before_the_timeout_and_carries_its_settings(self):
        details = {"timeoutMinutes": 10, "callBackDelaySeconds": 15, "waitingSince": NOW - 599}
        self.assertEqual(hook.decide(event(hook_details=details), {}, NOW),
                         {"hookStatus": "IN_PROGRESS", "callBackDelay": 15, "hookDetails": details})

    def test_other_stages_are_never_held(self):
        for stage in ["RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT",
                      "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT"]:
            self.assertEqual(hook.decide(event(stage=stage), {}, NOW), {"hookStatus": "SUCCEEDED"}, stage)

    def test_an_event_without_a_deployment_is_never_approved(self):
        e = event()
        del e["resourceArn"]
        self.assertEqual(hook.decide(e, tag(":approved"), NOW)["hookStatus"], "IN_PROGRESS")


class FakeEcs:

    def __init__(self, tags):
        self.tags = tags
        self.asked = []

    def list_tags_for_resource(self, resourceArn):
        self.asked.append(resourceArn)
        return {"tags": [{"key": k, "value": v} for k, v in self.tags.items()]}


class HandlerTest(unittest.TestCase):

    def test_reads_the_services_tags_and_decides(self):
        ecs = FakeEcs(tag(DEPLOYMENT + ":approved"))
        self.assertEqual(hook.handler(event(), None, ecs=ecs, clock=lambda: NOW), {"hookStatus": "SUCCEEDED"})
        self.assertEqual(ecs.asked, [SERVICE])

    def test_does_not_read_tags_at_other_stages(self):
        ecs = FakeEcs({})
        self.assertEqual(hook.handler(event(stage="PRE_SCALE_UP"), None, ecs=ecs, clock=lambda: NOW),
                         {"hookStatus": "SUCCEEDED"})
        self.assertEqual(ecs.asked, [])


if __name__ == "__main__":
    unittest.main()
