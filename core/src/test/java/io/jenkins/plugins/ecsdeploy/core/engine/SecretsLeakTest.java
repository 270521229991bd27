package io.jenkins.plugins.ecsdeploy.core.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsConnection;
import io.jenkins.plugins.ecsdeploy.core.aws.EcsServiceControl;
import io.jenkins.plugins.ecsdeploy.core.aws.ElbTagLock;
import io.jenkins.plugins.ecsdeploy.core.aws.ElbTrafficRouter;
import io.jenkins.plugins.ecsdeploy.core.aws.RetrySettings;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.core.secrets.LeakCheck;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs with recognisable credentials, through success, failure, AccessDenied, rollback and a held lock: the
 * credentials never reach a log line, the saved state, the record, an exception message or a request body.
 */
class SecretsLeakTest {

    /** The standard fake environment, resolved. */
    private static final ResolvedEnvironment STANDARD = new ResolvedEnvironment(FakeAws.CLUSTER_ARN,
            FakeAws.BLUE_SERVICE, FakeAws.GREEN_SERVICE, FakeAws.BLUE_TARGET_GROUP_ARN, FakeAws.GREEN_TARGET_GROUP_ARN,
            FakeAws.LOAD_BALANCER_ARN, FakeAws.LISTENER_ARN, null, null, null);

    private final EngineHarness h = new EngineHarness(LeakCheck.credentials());

    @AfterEach
    void close() {
        try {
            LeakCheck.assertRequestsCarryOnlySignatures(h.aws);
        } finally {
            h.close();
        }
    }

    private void assertRunClean(DeploymentState s, Outcome expected) {
        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(expected);
        LeakCheck.assertClean("listener log", String.join("\n", h.log));
        LeakCheck.assertClean("state JSON", StateJson.write(s));
        LeakCheck.assertClean("state JSON line", StateJson.writeLine(s));
        LeakCheck.assertClean("record JSON", StateJson.write(s.getRecord()));
        LeakCheck.assertClean("outcome message", s.getRecord().getOutcomeMessage());
    }

    @Test
    void success() {
        assertRunClean(h.run(DeploymentRequest.deploy("v1.2.3", "alice")), Outcome.SUCCEEDED);
    }

    @Test
    void smokeCheckFailure() {
        h.app.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(503)));
        assertRunClean(h.run(DeploymentRequest.deploy("v1.2.3", "alice")), Outcome.FAILED);
    }

    @Test
    void accessDenied() {
        h.aws.injectAlways("UpdateService", Fault.ACCESS_DENIED);
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertRunClean(s, Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("ecs:UpdateService");
    }

    @Test
    void rollbackAfterABadBake() {
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.BAKE);
        h.aws.slotUnhealthy(FakeAws.GREEN_TARGET_GROUP, true);

        assertRunClean(h.runToEnd(engine, s), Outcome.ROLLED_BACK);
    }

    @Test
    void failingRollback() {
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.BAKE);
        h.aws.slotUnhealthy(FakeAws.GREEN_TARGET_GROUP, true);
        h.aws.injectAlways("ModifyListener", Fault.ACCESS_DENIED);

        assertRunClean(h.runToEnd(engine, s), Outcome.ROLLBACK_FAILED);
    }

    @Test
    void heldLock() {
        DeploymentEngine first = h.engine();
        DeploymentState one = first.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(first, one, st -> st.getPhase() == Phase.BAKE);
        DeploymentEngine second = h.engine();

        assertRunClean(h.runToEnd(second, second.start(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.BLUE),
                "bob"), "d-2", h.now)), Outcome.FAILED);
    }

    @Test
    void adapterFailuresAndTheConnectionNameNoCredentials() {
        try (AwsClients clients = AwsClients.create(h.connection)) {
            ElbTrafficRouter router = new ElbTrafficRouter(clients.elb(), STANDARD);
            EcsServiceControl ecs = new EcsServiceControl(clients.ecs(), STANDARD, FakeAws.CONTAINER);
            ElbTagLock lock = new ElbTagLock(clients.elb(), STANDARD);
            List<Supplier<Object>> calls = List.of(
                    () -> {
                        router.applySplit(TrafficSplit.allTo(Slot.GREEN));
                        return null;
                    },
                    () -> ecs.describe(Slot.BLUE),
                    () -> lock.acquire(LockHolder.forRun("d-1", "alice", "here", h.now, Duration.ofMinutes(30)),
                            h.now));
            for (Fault fault : List.of(Fault.ACCESS_DENIED, Fault.THROTTLING, Fault.HTTP_500, Fault.CONNECTION_RESET)) {
                h.aws.clearFaults();
                h.aws.injectAlways("*", fault);
                for (Supplier<Object> call : calls) {
                    Throwable e = catchThrowable(call::get);
                    assertThat(e).as(fault.name()).isInstanceOf(AwsFailure.class);
                    LeakCheck.assertClean(fault + " failure", e);
                }
            }
            h.aws.clearFaults();
        }
        LeakCheck.assertClean("AwsConnection.toString()", h.connection.toString());
        AwsConnection unreachable = new AwsConnection(FakeAws.REGION, "http://127.0.0.1:9", LeakCheck.credentials(),
                RetrySettings.fast());
        try (AwsClients clients = AwsClients.create(unreachable)) {
            Throwable e = catchThrowable(() -> new EcsServiceControl(clients.ecs(), STANDARD,
                    FakeAws.CONTAINER).describe(Slot.GREEN));
            assertThat(e).isInstanceOf(AwsFailure.class);
            LeakCheck.assertClean("transport failure", e);
        }
    }
}
