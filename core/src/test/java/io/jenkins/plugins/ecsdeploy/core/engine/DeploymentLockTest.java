package io.jenkins.plugins.ecsdeploy.core.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsConnection;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsEngines;
import io.jenkins.plugins.ecsdeploy.core.aws.LockTag;
import io.jenkins.plugins.ecsdeploy.core.aws.RetrySettings;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole runs with the deployment lock: who is kept out, what they did not touch, and that the lock goes away. */
class DeploymentLockTest {

    private static final Set<String> WRITES = Set.of("RegisterTaskDefinition", "UpdateService", "ModifyListener",
            "ModifyRule", "AddTags", "RemoveTags");

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() {
        h.close();
    }

    /** The value of the one lock tag on the listener (each run writes its own key), or null when there is none. */
    private String lockTag() {
        List<String> values = h.aws.tags(FakeAws.LISTENER_ARN).entrySet().stream()
                .filter(e -> e.getKey().startsWith(LockTag.KEY + "/")).map(java.util.Map.Entry::getValue).toList();
        assertThat(values).hasSizeLessThanOrEqualTo(1);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Someone broke this run's lock and another run took it, as `ecs-deploy unlock` and a new run would. */
    private String breakAndTake() {
        String thief = LockTag.encode(LockHolder.forRun("d-9", "carol", "cli@elsewhere", h.now,
                LockSettings.DEFAULT_TTL));
        h.aws.edit(st -> {
            st.tags.get(FakeAws.LISTENER_ARN).keySet().removeIf(k -> k.startsWith(LockTag.KEY + "/"));
            st.tags.get(FakeAws.LISTENER_ARN).put(LockTag.KEY + "/d-9", thief);
        });
        return thief;
    }

    /** Deploy d-1 by alice, in a 50-minute bake (configured before the engine is made): it holds the lock. */
    private DeploymentState bakingForFiftyMinutes(DeploymentEngine engine) {
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        return h.runUntil(engine, s, st -> st.getPhase() == Phase.BAKE);
    }

    /** A write of the listener's weights by someone else (another person's switch) takes effect now. */
    private void anotherWriteLands(int blue, int green) {
        h.aws.edit(st -> {
            st.listeners.get(FakeAws.LISTENER_ARN).actions.get(0).targetGroups.get(0).weight = blue;
            st.listeners.get(FakeAws.LISTENER_ARN).actions.get(0).targetGroups.get(1).weight = green;
        });
    }

    private List<String> actionsSince(int mark) {
        List<Call> calls = h.aws.calls();
        return calls.subList(mark, calls.size()).stream().map(Call::action).toList();
    }

    @Test
    void aSecondDeploymentDuringTheBakeStopsAtItsConfirmationNamingTheHolderAndChangesNothing() {
        DeploymentEngine first = h.engine();
        DeploymentState one = first.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(first, one, st -> st.getPhase() == Phase.BAKE);
        int mark = h.aws.calls().size();

        DeploymentEngine second = h.engine(LockSettings.at("cli@laptop"));
        DeploymentState two = h.runToEnd(second, second.start(DeploymentRequest.deploy("v9.9.9", "bob"), "d-2",
                h.now));

        assertThat(two.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(two.getRecord().getOutcomeMessage()).contains("Another deployment holds the lock")
                .contains("deployment d-1").contains("started by alice").contains("on " + EngineHarness.WHERE)
                .contains("since 2026-11-23T10:00:00Z").contains("ecs-deploy unlock")
                .contains("Production traffic was not changed");
        assertThat(two.getLockConflict().deploymentId()).isEqualTo("d-1");
        assertThat(two.getRecord().getOutcomeMessage()).contains("withdrew its own claim");
        assertThat(h.phases(two)).containsExactly(Phase.PREFLIGHT, Phase.CONFIRM_LOCK, Phase.FINISHED);
        // Its only writes are its own claim on the lock and its withdrawal.
        assertThat(actionsSince(mark).stream().filter(WRITES::contains)).containsExactly("AddTags", "RemoveTags");
        assertThat(h.aws.calls("AddTags").get(h.aws.calls("AddTags").size() - 1).param("Tags.member.1.Key"))
                .isEqualTo(LockTag.KEY + "/d-2");
        assertThat(h.aws.calls("RemoveTags").get(0).params()).containsEntry("TagKeys.member.1", LockTag.KEY + "/d-2")
                .doesNotContainKey("TagKeys.member.2");
        assertThat(LockTag.decode(lockTag()).deploymentId()).isEqualTo("d-1");

        h.runToEnd(first, one);
        assertThat(one.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.service("web-green").image()).endsWith(":v1.2.3");
        assertThat(lockTag()).isNull();
    }

    @Test
    void theLockIsConfirmedAfterTheSettleDelayBeforeTheFirstWrite() {
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        List<String> actions = h.aws.calls().stream().map(Call::action).toList();
        int add = actions.indexOf("AddTags");
        int confirm = actions.subList(add, actions.size()).indexOf("DescribeTags") + add;
        assertThat(add).isPositive();
        assertThat(actions.subList(0, confirm)).noneMatch(a -> WRITES.contains(a) && !a.equals("AddTags"));
        assertThat(actions.indexOf("RegisterTaskDefinition")).isGreaterThan(confirm);
        Transition confirmed = s.getRecord().getTransitions().stream()
                .filter(t -> t.from() == Phase.CONFIRM_LOCK).findFirst().orElseThrow();
        assertThat(Duration.between(EngineHarness.START, confirmed.at())).isEqualTo(LockSettings.DEFAULT_SETTLE);
        assertThat(s.getLock()).isEqualTo(new LockHolder("d-test", "alice", EngineHarness.START,
                EngineHarness.START.plus(LockSettings.DEFAULT_TTL), EngineHarness.WHERE));
    }

    @Test
    void theSettleDelayCountsFromTheClaimsWriteNotFromTheStepsStart() {
        // AWS answers the claim after 1.5 s: the step that made it ends later than it started.
        h.aws.readTimeoutDelay(Duration.ofMillis(1500));
        h.aws.inject("AddTags", Fault.READ_TIMEOUT, 1);
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);

        Instant confirmAt = engine.advance(s, h.now);

        assertThat(s.getPhase()).isEqualTo(Phase.CONFIRM_LOCK);
        assertThat(h.aws.calls("AddTags")).hasSize(1);
        assertThat(Duration.between(h.now, confirmAt)).isGreaterThanOrEqualTo(LockSettings.DEFAULT_SETTLE
                .plusSeconds(1));
    }

    @Test
    void anExpiredLockOfADeadRunIsTakenOver() {
        LockHolder dead = LockHolder.forRun("d-dead", "carol", "jenkins@old", EngineHarness.START.minusSeconds(3600),
                LockSettings.DEFAULT_TTL);
        h.aws.edit(st -> st.tags.computeIfAbsent(FakeAws.LISTENER_ARN, k -> new LinkedHashMap<>())
                .put(LockTag.KEY, LockTag.encode(dead)));

        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.calls("AddTags").get(0).param("Tags.member.1.Value")).startsWith("d-test alice ");
        assertThat(lockTag()).isNull();
    }

    @Test
    void theLockIsReleasedAfterSuccess() {
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertReleasedOnce();
    }

    @Test
    void theLockIsReleasedAfterAFailure() {
        h.app.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(503)));
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertReleasedOnce();
    }

    @Test
    void theLockIsReleasedAfterARollback() {
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.BAKE);
        assertThat(LockTag.decode(lockTag()).deploymentId()).isEqualTo("d-1");
        h.aws.slotUnhealthy(FakeAws.GREEN_TARGET_GROUP, true);
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertReleasedOnce();
    }

    @Test
    void aSwitchTakesNoLockAndDoesNotWaitToSettle() {
        h.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        int mark = h.aws.calls().size();
        DeploymentEngine engine = h.engine();
        Instant start = h.now;

        DeploymentState s = h.runToEnd(engine, engine.start(DeploymentRequest.switchTo(TrafficSplit.allTo(
                Slot.GREEN), "alice"), "d-sw", h.now));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        // One read of the lock, once the names are resolved and before anything else; no claim, so nothing to
        // settle or release.
        List<String> calls = actionsSince(mark);
        assertThat(calls.stream().filter(a -> a.endsWith("Tags"))).containsExactly("DescribeTags");
        assertThat(calls.subList(calls.indexOf("DescribeTags"), calls.size())).containsExactly("DescribeTags",
                "DescribeListeners", "DescribeTargetHealth", "DescribeServices", "ModifyListener", "DescribeListeners");
        assertThat(h.phases(s)).containsExactly(Phase.PREFLIGHT, Phase.VERIFY_SWITCH, Phase.FINISHED);
        assertThat(h.now).isEqualTo(start);
        assertThat(lockTag()).isNull();
    }

    @Test
    void aSwitchOverwrittenByAnotherPersonsSwitchLeavesThatOneAlone() {
        h.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        DeploymentEngine engine = h.engine();
        DeploymentState s = h.runUntil(engine, engine.start(DeploymentRequest.switchTo(TrafficSplit.allTo(
                Slot.GREEN), "alice"), "d-sw", h.now), st -> st.getPhase() == Phase.VERIFY_SWITCH);
        int mark = h.aws.calls().size();
        // Bob's switch, also without a lock, lands before Alice's verifying read.
        anotherWriteLands(50, 50);

        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("changed outside this deployment")
                .contains("asked for blue=0%, green=100% in place of blue=100%, green=0%")
                .contains("AWS reports blue=50%, green=50%");
        assertThat(actionsSince(mark)).containsExactly("DescribeListeners");
        assertThat(h.aws.listenerSplit()).isEqualTo(new TrafficSplit(50, 50));
    }

    @Test
    void aDeployStopsBeforeUpdatingASlotThatASlowSwitchMadeLiveAfterItPlanned() {
        DeploymentEngine engine = h.engine();
        DeploymentState deploy = h.runUntil(engine, engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1",
                h.now), st -> st.getPhase() == Phase.UPDATE_IDLE_SERVICE);
        assertThat(deploy.getTargetSlot()).isEqualTo(Slot.GREEN);
        int mark = h.aws.calls().size();
        // Bob's switch read the lock before d-1 claimed it; AWS applied its write (after retries) only now.
        anotherWriteLands(0, 100);

        h.runToEnd(engine, deploy);

        assertThat(deploy.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(deploy.getRecord().getOutcomeMessage()).contains("changed outside this deployment")
                .contains("green now has 100%").contains("nothing was changed");
        assertThat(actionsSince(mark)).doesNotContain("UpdateService", "ModifyListener");
        assertThat(h.aws.service(FakeAws.GREEN_SERVICE).image()).endsWith(":v1.0.0");
        assertThat(lockTag()).isNull();
    }

    @Test
    void aSwitchDoesNotRollBackUnderALockTakenAfterItsWrite() {
        h.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        DeploymentEngine switchEngine = h.engine();
        DeploymentState sw = h.runUntil(switchEngine, switchEngine.start(DeploymentRequest.switchTo(
                TrafficSplit.allTo(Slot.GREEN), "bob"), "d-sw", h.now), st -> st.getPhase() == Phase.VERIFY_SWITCH);
        // Carol's deploy takes the lock while the switch is still to verify, and plans on green being live.
        DeploymentEngine deployEngine = h.engine(LockSettings.at("cli@laptop"));
        DeploymentState deploy = h.runUntil(deployEngine, deployEngine.start(DeploymentRequest.deploy("v2.0.0",
                "carol"), "d-2", h.now), st -> st.getPhase() == Phase.REGISTER_TASK_DEFINITION);
        int mark = h.aws.calls().size();

        switchEngine.requestAbort(sw, "bob", "wrong button");
        h.runToEnd(switchEngine, sw);

        assertThat(sw.getRecord().getOutcome()).isEqualTo(Outcome.ROLLBACK_FAILED);
        assertThat(sw.getRecord().getOutcomeMessage()).contains("does not roll back under another run's lock")
                .contains("deployment d-2").contains("Traffic was left as this run last set it (blue=0%, green=100%)");
        assertThat(actionsSince(mark)).containsExactly("DescribeTags");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(deploy.getStableSlot()).isEqualTo(Slot.GREEN);
    }

    @Test
    void aSwitchUnderAnotherRunsLockIsRefusedAtOnceNamingTheHolder() {
        bakingForFiftyMinutes(h.with("health:\n  bakeTime: 50m\n").engine());
        int mark = h.aws.calls().size();

        DeploymentEngine second = h.engine(LockSettings.at("cli@laptop"));
        DeploymentState two = h.runToEnd(second, second.start(DeploymentRequest.switchTo(TrafficSplit.allTo(
                Slot.BLUE), "bob"), "d-2", h.now));

        assertThat(two.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(two.getRecord().getOutcomeMessage()).contains("Another deployment holds the lock")
                .contains("deployment d-1").contains("started by alice").contains("ecs-deploy unlock")
                .contains("Production traffic was not changed");
        assertThat(two.getLockConflict().deploymentId()).isEqualTo("d-1");
        assertThat(h.phases(two)).containsExactly(Phase.PREFLIGHT, Phase.FINISHED);
        assertThat(actionsSince(mark)).noneMatch(WRITES::contains);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(LockTag.decode(lockTag()).deploymentId()).isEqualTo("d-1");
    }

    @Test
    void aCrashKeepsTheLockAndTheResumedRunReleasesIt() {
        DeploymentEngine first = h.engine();
        DeploymentState s = first.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(first, s, st -> st.getPhase() == Phase.BAKE);
        String saved = StateJson.write(s);

        // The engine is gone; the lock stays and keeps others out.
        assertThat(LockTag.decode(lockTag()).deploymentId()).isEqualTo("d-1");
        DeploymentEngine other = h.engine();
        DeploymentState blocked = h.runToEnd(other, other.start(DeploymentRequest.switchTo(
                TrafficSplit.allTo(Slot.BLUE), "bob"), "d-2", h.now));
        assertThat(blocked.getRecord().getOutcomeMessage()).contains("deployment d-1");

        DeploymentState restored = StateJson.readState(saved);
        assertThat(restored.getLock()).isEqualTo(s.getLock());
        h.runToEnd(h.engine(LockSettings.at("another-host")), restored);

        assertThat(restored.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertReleasedOnce();
    }

    @Test
    void aRunResumedFromThePreviousReleaseKeepsItsSingleTagLockAndReleasesIt() {
        DeploymentEngine first = h.engine();
        DeploymentState s = first.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(first, s, st -> st.getPhase() == Phase.BAKE);
        // The previous release kept the lock in the one key ecs-deploy:lock; a state it saved resumes here.
        h.aws.edit(st -> {
            String value = st.tags.get(FakeAws.LISTENER_ARN).remove(LockTag.KEY + "/d-1");
            st.tags.get(FakeAws.LISTENER_ARN).put(LockTag.KEY, value);
        });
        DeploymentState restored = StateJson.readState(StateJson.write(s));

        DeploymentEngine other = h.engine();
        DeploymentState blocked = h.runToEnd(other, other.start(DeploymentRequest.deploy("v9", "bob"), "d-2",
                h.now));
        assertThat(blocked.getLockConflict().deploymentId()).isEqualTo("d-1");

        h.runToEnd(h.engine(), restored);
        assertThat(restored.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.tags(FakeAws.LISTENER_ARN)).isEmpty();
    }

    @Test
    void aLongBakeRenewsTheLockSoOthersStayOut() {
        h.with("health:\n  bakeTime: 50m\n");
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.BAKE
                && h.now.isAfter(EngineHarness.START.plus(Duration.ofMinutes(35))));

        assertThat(h.aws.calls("AddTags").size()).isGreaterThanOrEqualTo(3);
        LockHolder stored = LockTag.decode(lockTag());
        assertThat(stored.since()).isEqualTo(EngineHarness.START);
        assertThat(stored.isExpired(h.now)).isFalse();
        assertThat(Duration.between(h.now, stored.expires())).isGreaterThan(Duration.ofMinutes(14));

        DeploymentEngine late = h.engine();
        DeploymentState blocked = h.runToEnd(late, late.start(DeploymentRequest.deploy("v2", "bob"), "d-2", h.now));
        assertThat(blocked.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(blocked.getLockConflict().deploymentId()).isEqualTo("d-1");

        h.runToEnd(engine, s);
        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(lockTag()).isNull();
    }

    @Test
    void aLongScaleDownDelayKeepsTheLockSoNoOneDeploysToTheSlotAboutToBeScaledDown() {
        h.with("health:\n  scaleDownOldAfter: 1h\n");
        h.aws.metrics().set("green", "RequestCount", "Sum", 300);
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.SCALE_DOWN_OLD);
        // Drive the run exactly when it asks to be called, until 40 minutes into the delay.
        java.time.Instant bobAt = h.now.plus(Duration.ofMinutes(40));
        java.time.Instant next = engine.advance(s, h.now);
        while (next != null && !next.isAfter(bobAt)) {
            h.now = next;
            next = engine.advance(s, h.now);
        }
        h.now = bobAt;

        DeploymentEngine late = h.engine();
        DeploymentState bob = h.runToEnd(late, late.start(DeploymentRequest.deploy("v2", "bob").withPromote(false),
                "d-2", h.now));
        assertThat(bob.getRecord().getOutcome()).as("blue is about to be scaled down by d-1")
                .isEqualTo(Outcome.FAILED);
        assertThat(bob.getLockConflict()).isNotNull();
        assertThat(bob.getLockConflict().deploymentId()).isEqualTo("d-1");

        h.runToEnd(engine, s);
        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.service(FakeAws.BLUE_SERVICE).desiredCount()).isZero();
        assertThat(lockTag()).isNull();
    }

    @Test
    void aLockTakenByAnotherRunStopsThisOneWithoutTouchingTraffic() {
        DeploymentEngine engine = h.with("health:\n  bakeTime: 50m\n").engine();
        DeploymentState s = bakingForFiftyMinutes(engine);
        String thief = breakAndTake();
        int mark = h.aws.calls().size();

        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("no longer holds the deployment lock")
                .contains("deployment d-9").contains("started by carol").contains("green=100%");
        assertThat(s.getLockConflict().deploymentId()).isEqualTo("d-9");
        assertThat(actionsSince(mark)).noneMatch(WRITES::contains);
        assertThat(lockTag()).isEqualTo(thief);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    @Test
    void aLockTakenDuringTheScaleDownDelayLeavesTheBakedDeploymentLiveAndTheOldSlotUp() {
        h.with("health:\n  scaleDownOldAfter: 1h\n");
        h.aws.metrics().set("green", "RequestCount", "Sum", 300);
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.SCALE_DOWN_OLD);
        String thief = breakAndTake();
        h.now = h.now.plus(Duration.ofMinutes(20));
        int mark = h.aws.calls().size();

        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).as("green went live and passed its bake")
                .isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("blue was NOT scaled down")
                .contains("deployment d-9");
        assertThat(s.getLockConflict().deploymentId()).isEqualTo("d-9");
        assertThat(actionsSince(mark)).noneMatch(WRITES::contains);
        assertThat(h.aws.service(FakeAws.BLUE_SERVICE).desiredCount()).isEqualTo(2);
        assertThat(lockTag()).isEqualTo(thief);
    }

    @Test
    void readingTheStatusTakesNoLock() {
        try (AwsClients clients = AwsClients.create(new AwsConnection(FakeAws.REGION, h.aws.endpoint(),
                SdkClients.credentials(), RetrySettings.fast()))) {
            EnvironmentStatus status = AwsEngines.statusReader(h.config(), clients).read(h.config(), h.now);
            assertThat(status.split()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        }
        assertThat(h.aws.calls()).isNotEmpty().noneMatch(c -> c.action().endsWith("Tags"));
    }

    /** The lock is gone, and each run removed its own key once (a run locked out withdraws its claim). */
    private void assertReleasedOnce() {
        assertThat(lockTag()).isNull();
        List<String> removed = h.aws.calls("RemoveTags").stream().map(c -> c.param("TagKeys.member.1")).toList();
        assertThat(removed).isNotEmpty().doesNotHaveDuplicates().allMatch(k -> k.startsWith(LockTag.KEY + "/d-"));
    }
}
