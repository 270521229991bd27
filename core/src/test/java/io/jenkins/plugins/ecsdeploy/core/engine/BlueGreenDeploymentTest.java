package io.jenkins.plugins.ecsdeploy.core.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole blue/green deployments against the stateful fake AWS: what AWS was asked, and where traffic ends. */
class BlueGreenDeploymentTest {

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void deploysToIdleSlotSwitchesAndVerifies() {
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(h.phases(s)).containsSubsequence(Phase.PREFLIGHT, Phase.REGISTER_TASK_DEFINITION,
                Phase.UPDATE_IDLE_SERVICE, Phase.WAIT_FOR_READY, Phase.SMOKE_CHECKS, Phase.SWITCH_TRAFFIC,
                Phase.VERIFY_SWITCH, Phase.BAKE, Phase.FINISHED);

        // The new revision differs from web:1 only in the app container's tag.
        Call register = h.aws.calls("RegisterTaskDefinition").get(0);
        JsonNode containers = register.json().get("containerDefinitions");
        assertThat(containers.get(0).get("image").asText())
                .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v1.2.3");
        assertThat(containers.get(1).get("image").asText()).contains("aws-for-fluent-bit:stable");
        assertThat(containers.get(0).get("environment")).hasSize(2);
        assertThat(register.json().get("executionRoleArn").asText()).endsWith(":role/ecsTaskExecutionRole");

        // Green got the new revision with blue's task count; blue stays warm.
        Call update = h.aws.calls("UpdateService").get(0);
        assertThat(update.json().get("service").asText()).isEqualTo("web-green");
        assertThat(update.json().get("desiredCount").asInt()).isEqualTo(2);
        assertThat(h.aws.service("web-green").image()).endsWith("web:v1.2.3");
        assertThat(h.aws.service("web-blue").desiredCount()).isEqualTo(2);

        // One write moved all traffic, with both target groups in the forward config.
        List<Call> modify = h.aws.calls("ModifyListener");
        assertThat(modify).hasSize(1);
        assertThat(modify.get(0).param("DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.Weight"))
                .isEqualTo("0");
        assertThat(modify.get(0).param("DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight"))
                .isEqualTo("100");

        DeploymentRecord r = s.getRecord();
        assertThat(r.getFromSlot()).isEqualTo(Slot.BLUE);
        assertThat(r.getToSlot()).isEqualTo(Slot.GREEN);
        assertThat(r.getFromImage()).endsWith(":v1.0.0");
        assertThat(r.getToImage()).endsWith(":v1.2.3");
        assertThat(r.getStartedBy()).isEqualTo("alice");
        assertThat(r.getSmokeResults()).extracting(x -> x.passed()).containsExactly(true);
        // The bake lasted the default five minutes of (simulated) time.
        assertThat(Duration.between(transitionAt(s, Phase.BAKE), r.getFinishedAt())).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void steersTheRuleWhenOneIsConfigured() {
        h.steeringRule();
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.ruleSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
        assertThat(h.aws.calls("ModifyRule")).hasSize(1);
    }

    @Test
    void noPromoteStopsAfterSmokeChecksWithTrafficUntouched() {
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.READY_NOT_PROMOTED);
        assertThat(h.aws.service("web-green").image()).endsWith("web:v1.2.3");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
    }

    @Test
    void aTestListenerSplitBetweenBothSlotsIsPointedAtTheNewSlot() {
        h.with("testListener: {loadBalancer: web-alb, port: 8443}\n");
        h.aws.edit(st -> {
            FakeAwsState.Action split = new FakeAwsState.Action();
            split.targetGroups.add(new FakeAwsState.Weighted(FakeAws.BLUE_TARGET_GROUP_ARN, 50));
            split.targetGroups.add(new FakeAwsState.Weighted(FakeAws.GREEN_TARGET_GROUP_ARN, 50));
            st.listeners.get(FakeAws.TEST_LISTENER_ARN).actions = new java.util.ArrayList<>(List.of(split));
        });
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(Outcome.READY_NOT_PROMOTED);
        assertThat(h.aws.calls("ModifyListener")).singleElement()
                .satisfies(c -> assertThat(c.param("ListenerArn")).isEqualTo(FakeAws.TEST_LISTENER_ARN));
        assertThat(h.aws.testListenerTarget()).isEqualTo(FakeAws.GREEN_TARGET_GROUP);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void readinessTimeoutFailsWithoutTouchingTraffic() {
        h.aws.slotUnhealthy(FakeAws.GREEN_TARGET_GROUP, true);
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("green was not ready within 120 s")
                .contains("targets healthy").contains("Production traffic was not changed");
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(Duration.between(transitionAt(s, Phase.WAIT_FOR_READY), s.getRecord().getFinishedAt()))
                .isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void failedEcsRolloutFailsAtOnce() {
        h.aws.rolloutFails("web-green");
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("rollout of web-green FAILED");
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
    }

    @Test
    void smokeCheckFailureAfterRetriesLeavesTrafficOnBlue() {
        h.app.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(503)));
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("Smoke check").contains("after 3 attempts")
                .contains("503");
        assertThat(s.getRecord().getSmokeResults()).hasSize(3).allMatch(r -> !r.passed());
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void unhealthyDuringBakeRollsBackAndVerifies() {
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.BAKE);
        h.aws.slotUnhealthy(FakeAws.GREEN_TARGET_GROUP, true);
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("green became unhealthy during the bake")
                .contains("verified");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(h.aws.calls("ModifyListener")).hasSize(2);
        assertThat(h.phases(s)).containsSubsequence(Phase.BAKE, Phase.ROLL_BACK, Phase.VERIFY_ROLLBACK,
                Phase.FINISHED);
    }

    @Test
    void alarmInAlarmDuringBakeRollsBack() {
        h.with("health:\n  alarms: [web-5xx]\n");
        h.aws.alarm("web-5xx", "OK");
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.BAKE);
        h.aws.alarm("web-5xx", "ALARM");
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("web-5xx");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void alarmAlreadyFiringRefusesTheDeploymentBeforeAnyWrite() {
        h.with("health:\n  alarms: [web-5xx]\n");
        h.aws.alarm("web-5xx", "ALARM");
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("Alarm already in ALARM before the deployment: web-5xx");
        assertThat(h.aws.calls("RegisterTaskDefinition")).isEmpty();
        assertThat(h.aws.calls("UpdateService")).isEmpty();
    }

    @Test
    void misspeltAlarmIsReportedBeforeAnyWrite() {
        h.with("health:\n  alarms: [web-5xxx]\n");
        h.aws.alarm("web-5xx", "OK");
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("web-5xxx");
        assertThat(h.aws.calls("RegisterTaskDefinition")).isEmpty();
    }

    @Test
    void listenerThatDoesNotShowNewWeightsRollsBack() {
        h.aws.ignoreWrites("ModifyListener");
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("does not show the new weights")
                .contains("green=100%").contains("blue=100%");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(h.phases(s)).doesNotContain(Phase.BAKE);
    }

    @Test
    void staleReadsAfterTheSwitchAreWaitedOut() {
        h.aws.staleReads("DescribeListeners", 3);
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.VERIFY_SWITCH);
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.calls("ModifyListener")).hasSize(1);
    }

    @Test
    void throttledSwitchIsRetriedBySdk() {
        h.aws.inject("ModifyListener", Fault.THROTTLING, 2);
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.calls("ModifyListener")).hasSize(3);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    @Test
    void accessDeniedOnUpdateServiceFailsClearlyWithNothingMoved() {
        h.aws.injectAlways("UpdateService", Fault.ACCESS_DENIED);
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("denied").contains("ecs:UpdateService");
        assertThat(h.aws.calls("UpdateService")).hasSize(1);
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void deniedSwitchEndsFailedWithTrafficUntouchedNotAFailedRollback() {
        h.aws.injectAlways("ModifyListener", Fault.ACCESS_DENIED);
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("elasticloadbalancing:ModifyListener")
                .contains("Production traffic was not changed");
        assertThat(h.aws.calls("ModifyListener")).hasSize(1);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void splitTrafficRefusesANewDeployment() {
        h.aws.edit(st -> st.listeners.get(FakeAws.LISTENER_ARN).actions.get(0).targetGroups.get(1).weight = 10);
        h.aws.edit(st -> st.listeners.get(FakeAws.LISTENER_ARN).actions.get(0).targetGroups.get(0).weight = 90);
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("Production traffic is split")
                .contains("blue=90%, green=10%");
        assertThat(h.aws.calls("RegisterTaskDefinition")).isEmpty();
    }

    @Test
    void abortDuringBakeRollsBackAtOnce() {
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.BAKE);
        engine.requestAbort(s, "bob", "customer complaints");
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getAbortedBy()).isEqualTo("bob");
        assertThat(s.getRecord().getOutcomeMessage()).contains("Aborted by bob: customer complaints");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void scalesOldSlotDownOnlyAfterMetricsShowItDrained() {
        h.with("health:\n  scaleDownOldAfter: 2m\n");
        h.aws.metrics().set("green", "RequestCount", "Sum", 500);
        h.aws.metrics().set("blue", "RequestCount", "Sum", 0);
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("blue scaled to 0 tasks");
        assertThat(h.aws.service("web-blue").desiredCount()).isZero();
        assertThat(h.aws.calls("GetMetricData")).isNotEmpty();
    }

    @Test
    void keepsOldSlotWhenMetricsStillShowItServing() {
        h.with("health:\n  scaleDownOldAfter: 2m\n");
        h.aws.metrics().set("green", "RequestCount", "Sum", 500);
        h.aws.metrics().set("blue", "RequestCount", "Sum", 40);
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("NOT scaled down").contains("blue received 40");
        assertThat(h.aws.service("web-blue").desiredCount()).isEqualTo(2);
    }

    @Test
    void resumesFromSavedStateWithANewEngine() {
        DeploymentEngine first = h.engine();
        DeploymentState s = first.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(first, s, st -> st.getPhase() == Phase.WAIT_FOR_READY);

        DeploymentState restored = StateJson.readState(StateJson.write(s));
        h.runToEnd(h.engine(), restored);

        assertThat(restored.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.calls("RegisterTaskDefinition")).hasSize(1);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    @Test
    void timeTheRunWasDownIsNotCountedAsBaked() {
        DeploymentEngine first = h.engine();
        DeploymentState s = first.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(first, s, st -> st.getPhase() == Phase.BAKE);
        first.advance(s, h.now);
        String saved = StateJson.write(s);
        // The controller is down for ten minutes, twice the five-minute bake.
        h.now = h.now.plus(Duration.ofMinutes(10));
        java.time.Instant resumedAt = h.now;

        DeploymentEngine second = h.engine();
        DeploymentState restored = StateJson.readState(saved);
        h.runUntil(second, restored, st -> h.now.isAfter(resumedAt.plus(Duration.ofMinutes(2))));
        assertThat(restored.isFinished()).as("the bake watched green for one check only:\n"
                + String.join("\n", h.log)).isFalse();

        h.aws.slotUnhealthy(FakeAws.GREEN_TARGET_GROUP, true);
        h.runToEnd(second, restored);
        assertThat(restored.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(restored.getRecord().getOutcomeMessage()).contains("green became unhealthy during the bake");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void secondDeploymentGoesBackToBlue() {
        h.run(DeploymentRequest.deploy("v1.2.3", "alice"));
        DeploymentState second = h.run(DeploymentRequest.deploy("v1.2.4", "alice"));

        assertThat(second.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(second.getRecord().getFromSlot()).isEqualTo(Slot.GREEN);
        assertThat(second.getRecord().getFromImage()).endsWith(":v1.2.3");
        assertThat(h.aws.service("web-blue").image()).endsWith("web:v1.2.4");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    private static java.time.Instant transitionAt(DeploymentState s, Phase phase) {
        return s.getRecord().getTransitions().stream().filter(t -> t.to() == phase).findFirst().orElseThrow().at();
    }
}
