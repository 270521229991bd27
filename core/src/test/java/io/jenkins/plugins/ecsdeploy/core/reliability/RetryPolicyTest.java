package io.jenkins.plugins.ecsdeploy.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsConnection;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsErrors;
import io.jenkins.plugins.ecsdeploy.core.aws.RetrySettings;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.Transition;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The retry policy end to end. The SDK retries a failed call (standard strategy: throttling, 5xx and I/O errors,
 * exponential back-off with full jitter up to a cap), within a per-attempt and a total timeout; the adapters add
 * no retry loop of their own. Above that the engine retries only a rollback, a bounded number of times with
 * growing waits, logging each retry once. A retried call must be harmless to repeat: ModifyListener and
 * UpdateService set absolute values and are verified by reading back; RegisterTaskDefinition is not idempotent,
 * and a retried lost reply registers one more identical revision, which is harmless.
 */
class RetryPolicyTest {

    private static Rig rig;

    @BeforeAll
    static void start() {
        rig = new Rig();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void clientsCarryTheConfiguredAttemptsAndTimeouts() {
        RetrySettings settings = RetrySettings.defaults();
        try (AwsClients clients = AwsClients.create(new AwsConnection(FakeAws.REGION, rig.aws.endpoint(),
                SdkClients.credentials(), settings))) {
            var overrides = clients.elb().serviceClientConfiguration().overrideConfiguration();
            assertThat(overrides.retryStrategy().orElseThrow().maxAttempts()).isEqualTo(settings.maxAttempts());
            assertThat(overrides.apiCallAttemptTimeout()).contains(settings.apiCallAttemptTimeout());
            assertThat(overrides.apiCallTimeout()).contains(settings.apiCallTimeout());
        }
    }

    @Test
    void theBackOffIsExponentialWithFullJitterAndACap() {
        // The curve AwsClients gives the standard strategy for errors and throttling alike.
        Duration base = Duration.ofMillis(200);
        Duration cap = Duration.ofSeconds(20);
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(base, cap);
        assertThat(backoff.computeDelay(1)).as("the first attempt waits for nothing").isZero();
        for (int attempt = 2; attempt <= 12; attempt++) {
            // Before attempt n: uniformly up to base * 2^(n-2), at most the cap.
            long ceiling = Math.min(cap.toMillis(), base.toMillis() << (attempt - 2));
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                long delay = backoff.computeDelay(attempt).toMillis();
                assertThat(delay).isBetween(0L, ceiling);
                seen.add(delay);
            }
            assertThat(seen).as("jitter at attempt %s", attempt).hasSizeGreaterThan(10);
        }
    }

    @Test
    void aFailingCallIsAttemptedExactlyMaxAttemptsTimesThenReportedInWords() {
        rig.restore(rig.pristine);
        rig.aws.injectAlways("DescribeListeners", Fault.THROTTLING);

        assertThatThrownBy(() -> describeListener(rig.clients.elb())).isInstanceOf(AwsFailure.class)
                .hasMessageContaining("AWS throttled elasticloadbalancing:DescribeListeners")
                .hasMessageContaining("even after 3 attempts");
        assertThat(rig.calls()).hasSize(Rig.RETRY.maxAttempts());
    }

    @Test
    void accessDeniedIsNotRetried() {
        rig.restore(rig.pristine);
        rig.aws.injectAlways("DescribeListeners", Fault.ACCESS_DENIED);

        assertThatThrownBy(() -> describeListener(rig.clients.elb())).isInstanceOf(AwsFailure.class)
                .hasMessageContaining("grant it");
        assertThat(rig.calls()).hasSize(1);
    }

    @Test
    void theTotalTimeoutEndsACallBeforeItsAttemptsRunOut() {
        rig.restore(rig.pristine);
        rig.aws.injectAlways("DescribeListeners", Fault.READ_TIMEOUT);
        RetrySettings patientButBounded = new RetrySettings(10, Duration.ofMillis(1), Duration.ofMillis(5),
                Duration.ofMillis(400), Duration.ofSeconds(1));
        try (AwsClients clients = AwsClients.create(new AwsConnection(FakeAws.REGION, rig.aws.endpoint(),
                SdkClients.credentials(), patientButBounded))) {
            assertThatThrownBy(() -> describeListener(clients.elb())).isInstanceOf(AwsFailure.class)
                    .hasMessageContaining("Could not complete elasticloadbalancing:DescribeListeners");
        }
        // Ten attempts were allowed, but 400 ms attempts fit at most three times into the 1 s total.
        assertThat(rig.calls()).hasSizeBetween(1, 3);
    }

    @Test
    void aLostRegisterReplyRegistersOneMoreRevisionAndTheRunUsesTheOneItWasTold() {
        Injection lost = new Injection(Phase.REGISTER_TASK_DEFINITION, "RegisterTaskDefinition", Fault.REPLY_LOST,
                Injection.Level.ONCE);
        Driver.Result r = Driver.run(rig, Scenario.BLUE_GREEN, lost.arm(), null, false);

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(actions("RegisterTaskDefinition")).hasSize(2);
        assertThat(rig.aws.taskDefinition("web:2").path("containerDefinitions").get(0).path("image").asText())
                .isEqualTo(rig.aws.taskDefinition("web:3").path("containerDefinitions").get(0).path("image")
                        .asText()).endsWith("web:v1.2.3");
        assertThat(rig.aws.service(FakeAws.GREEN_SERVICE).taskDefinitionArn()).endsWith("task-definition/web:3");
    }

    @Test
    void aLostSwitchReplyIsRetriedWithTheSameWeightsAndVerifiedByReadingBack() {
        Injection lost = new Injection(Phase.SWITCH_TRAFFIC, "ModifyListener", Fault.REPLY_LOST,
                Injection.Level.ONCE);
        Driver.Result r = Driver.run(rig, Scenario.BLUE_GREEN, lost.arm(), null, false);

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        List<Call> writes = actions("ModifyListener").stream()
                .filter(c -> c.param("ListenerArn").equals(FakeAws.LISTENER_ARN)).toList();
        assertThat(writes).hasSize(2);
        assertThat(writes.get(1).params()).isEqualTo(writes.get(0).params());
        List<String> after = rig.calls().subList(rig.calls().indexOf(writes.get(1)), rig.calls().size()).stream()
                .map(Call::action).toList();
        assertThat(after).contains("DescribeListeners");
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    @Test
    void aLostUpdateServiceReplyIsRepeatedWithoutASecondRollout() {
        Injection lost = new Injection(Phase.UPDATE_IDLE_SERVICE, "UpdateService", Fault.REPLY_LOST,
                Injection.Level.ONCE);
        Driver.Result r = Driver.run(rig, Scenario.BLUE_GREEN, lost.arm(), null, false);

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        List<Call> updates = actions("UpdateService").stream()
                .filter(c -> c.json().path("service").asText().equals(FakeAws.GREEN_SERVICE)).toList();
        assertThat(updates).hasSize(2);
        assertThat(updates.get(1).json()).isEqualTo(updates.get(0).json());
        assertThat(rig.aws.service(FakeAws.GREEN_SERVICE).deployments()).isEqualTo(1);
    }

    @Test
    void theEngineLogsEachRollbackRetryOnceAndGivesUpAfterBoundedWaits() {
        Injection always = new Injection(Phase.ROLL_BACK, "ModifyListener", Fault.HTTP_503,
                Injection.Level.PERSISTENT);
        Driver.Result r = Driver.run(rig, Scenario.BAKE_ALARM, always.arm(), null, false);

        assertThat(r.outcome()).isEqualTo(Outcome.ROLLBACK_FAILED);
        assertThat(r.state().getRecord().getOutcomeMessage()).contains("THE ROLLBACK FAILED");
        List<String> retries = r.log().stream().filter(l -> l.contains("Rollback call failed")).toList();
        assertThat(retries).hasSize(5);
        assertThat(retries).extracting(l -> l.replaceAll(".*trying again in ", ""))
                .containsExactly("2 s", "4 s", "8 s", "16 s", "32 s");
        // One switch, then six rollback attempts of three SDK attempts each.
        assertThat(actions("ModifyListener")).hasSize(1 + 6 * Rig.RETRY.maxAttempts());
        var rollbackStarted = r.state().getRecord().getTransitions().stream().filter(t -> t.to() == Phase.ROLL_BACK)
                .map(Transition::at).findFirst().orElseThrow();
        assertThat(Duration.between(rollbackStarted, r.state().getRecord().getFinishedAt()))
                .isEqualTo(Duration.ofSeconds(2 + 4 + 8 + 16 + 32));
    }

    @Test
    void aRollbackCallThatFailsOnceForGoodIsRetriedOnceAndSucceeds() {
        Injection exhaust = new Injection(Phase.ROLL_BACK, "ModifyListener", Fault.HTTP_503,
                Injection.Level.EXHAUST);
        Driver.Result r = Driver.run(rig, Scenario.BAKE_ALARM, exhaust.arm(), null, false);

        assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(r.log().stream().filter(l -> l.contains("Rollback call failed"))).hasSize(1);
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    private List<Call> actions(String action) {
        return rig.calls().stream().filter(c -> c.action().equals(action)).toList();
    }

    private static Object describeListener(ElasticLoadBalancingV2Client elb) {
        return AwsErrors.call("elasticloadbalancing:DescribeListeners", FakeAws.LISTENER_ARN, null,
                () -> elb.describeListeners(b -> b.listenerArns(FakeAws.LISTENER_ARN)));
    }
}
