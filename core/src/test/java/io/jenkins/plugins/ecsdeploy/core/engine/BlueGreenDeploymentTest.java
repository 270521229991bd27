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

/**
 * Whole blue/green deployments against the stateful fake AWS with the real SDK clients: what reaches AWS on the
 * wire (request bodies, rules, SDK retries, AWS's errors). How the engine routes a run is
 * {@link BlueGreenEngineTest}'s, on the in-memory ports.
 */
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
    void misspeltAlarmIsReportedBeforeAnyWrite() {
        h.with("health:\n  alarms: [web-5xxx]\n");
        h.aws.alarm("web-5xx", "OK");
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("CloudWatch alarm 'web-5xxx' (health.alarms) does"
                + " not exist").contains("Correct the name in that setting");
        assertThat(h.aws.calls("RegisterTaskDefinition")).isEmpty();
    }

    @Test
    void misspeltAlarmsNameTheSettingEachCameFrom() {
        h.with("health:\n  alarms: [web-5xx, web-latncy]\nanalysis:\n  alarms: [web-latncy, web-erors]\n");
        h.aws.alarm("web-5xx", "OK");
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("CloudWatch alarms 'web-latncy' (health.alarms and"
                + " analysis.alarms), 'web-erors' (analysis.alarms) do not exist");
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
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

    private static java.time.Instant transitionAt(DeploymentState s, Phase phase) {
        return s.getRecord().getTransitions().stream().filter(t -> t.to() == phase).findFirst().orElseThrow().at();
    }

}
