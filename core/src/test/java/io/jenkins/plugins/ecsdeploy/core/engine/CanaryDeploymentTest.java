package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalResult;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.analysis.Verdict;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Canary stages against the fake AWS, with CloudWatch series programmed per slot. Time is simulated, so each
 * interval's metrics can depend on when it is read.
 */
class CanaryDeploymentTest {

    private static final Duration STAGE = Duration.ofMinutes(3);
    private final EngineHarness h = new EngineHarness().withoutSmokeChecks();

    @AfterEach
    void close() {
        h.close();
    }

    private void healthyTraffic(String slot) {
        h.aws.metrics().healthy(slot);
    }

    private DeploymentRequest plan(Integer... stages) {
        return DeploymentRequest.deploy("v1.2.3", "alice").withCanaryStages(List.of(stages), STAGE);
    }

    @Test
    void healthyCanaryIsPromotedThroughEveryStage() {
        healthyTraffic("blue");
        healthyTraffic("green");
        DeploymentState s = h.run(plan(5, 10, 25, 50, 100));

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(greenWeights()).containsExactly("5", "10", "25", "50", "100");
        List<StageRecord> stages = s.getRecord().getStages();
        assertThat(stages).extracting(StageRecord::getPercent).containsExactly(5, 10, 25, 50);
        assertThat(stages).allSatisfy(st -> {
            assertThat(st.getVerdict()).isEqualTo(Verdict.PASS);
            assertThat(st.getIntervals()).hasSize(3).allMatch(i -> i.verdict() == Verdict.PASS);
        });
        IntervalResult first = stages.get(0).getIntervals().get(0);
        assertThat(first.metrics()).anySatisfy(m -> {
            assertThat(m.metric()).isEqualTo("p99");
            assertThat(m.canary()).isEqualTo(200.0);
            assertThat(m.stable()).isEqualTo(200.0);
            assertThat(m.threshold()).isEqualTo(1000.0);
        });
        // One GetMetricData call per interval, for both slots.
        assertThat(h.aws.calls("GetMetricData")).hasSize(12);
    }

    @Test
    void errorSpikeInStageTwoRollsBackWithinOneInterval() {
        healthyTraffic("blue");
        healthyTraffic("green");
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(plan(5, 25, 100), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getRecord().getStages().size() == 2);
        h.aws.metrics().set("green", "HTTPCode_Target_5XX_Count", "Sum", 150);
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        StageRecord second = s.getRecord().getStages().get(1);
        assertThat(second.getVerdict()).isEqualTo(Verdict.FAIL);
        assertThat(second.getIntervals()).hasSize(1);
        assertThat(s.getRecord().getOutcomeMessage()).contains("errorRate").contains("15.0%");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(greenWeights()).containsExactly("5", "25", "0");
    }

    @Test
    void fallbackToTheOnlyHealthySlotIsReadBackBeforeTheRecordSaysWhereTrafficIs() {
        healthyTraffic("blue");
        healthyTraffic("green");
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(plan(10, 100), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getRecord().getStages().size() == 1);
        h.aws.metrics().set("green", "HTTPCode_Target_5XX_Count", "Sum", 150);
        h.aws.slotUnhealthy(FakeAws.BLUE_TARGET_GROUP, true);
        h.aws.ignoreWrites("ModifyListener");
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLBACK_FAILED);
        assertThat(h.aws.listenerSplit()).isEqualTo(new TrafficSplit(90, 10));
        assertThat(s.getRecord().getOutcomeMessage()).as("the record must not claim a split AWS does not show")
                .doesNotContain("ALL TRAFFIC IS ON GREEN").contains("do not read back");
    }

    @Test
    void fallbackToTheOnlyHealthySlotIsVerifiedOnTheListener() {
        healthyTraffic("blue");
        healthyTraffic("green");
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(plan(10, 100), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getRecord().getStages().size() == 1);
        h.aws.metrics().set("green", "HTTPCode_Target_5XX_Count", "Sum", 150);
        h.aws.slotUnhealthy(FakeAws.BLUE_TARGET_GROUP, true);
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLBACK_FAILED);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(s.getRecord().getOutcomeMessage()).contains("ALL TRAFFIC IS ON GREEN")
                .contains("errorRate");
        assertThat(h.phases(s)).containsSubsequence(Phase.ROLL_BACK, Phase.VERIFY_ROLLBACK, Phase.FINISHED);
    }

    @Test
    void latencyRegressionCaughtByRelativeComparison() {
        h.with("analysis:\n  maxLatencyIncreasePercent: 50\n");
        healthyTraffic("blue");
        healthyTraffic("green");
        h.aws.metrics().set("green", "TargetResponseTime", "p99", 0.480);
        DeploymentState s = h.run(plan(10, 100));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("relativeP99");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void alarmInAlarmFailsTheStage() {
        h.with("analysis:\n  alarms: [web-latency]\n");
        healthyTraffic("blue");
        healthyTraffic("green");
        h.aws.alarm("web-latency", "OK");
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(plan(10, 100), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.ANALYSE_CANARY);
        h.aws.alarm("web-latency", "ALARM");
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("web-latency").contains("ALARM");
    }

    @Test
    void alarmDuringAStageEndsInAVerifiedRollbackWithinOnePoll() {
        h.with("health:\n  pollInterval: 10s\n  alarms: [web-5xx]\n");
        healthyTraffic("blue");
        healthyTraffic("green");
        h.aws.alarm("web-5xx", "OK");
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(plan(10, 100), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.ANALYSE_CANARY);
        // Mid-interval: the first analysis is a minute and more away.
        java.time.Instant fires = h.now.plusSeconds(25);
        h.runUntil(engine, s, st -> !h.now.isBefore(fires));
        h.aws.alarm("web-5xx", "ALARM");
        java.time.Instant firedAt = h.now;
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("Alarm in ALARM during canary stage 1 at 10%: web-5xx");
        assertThat(s.getRecord().getFinishedAt()).isBefore(firedAt.plusSeconds(10).plusMillis(1));
        assertThat(s.getRecord().getStages().get(0).getVerdict()).isEqualTo(Verdict.FAIL);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void whileAStageWaitsForItsFirstMetricsEachPollSaysWhenTheyCome() {
        h.with("health:\n  pollInterval: 20s\n");
        healthyTraffic("blue");
        healthyTraffic("green");
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(plan(10, 100), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.ANALYSE_CANARY);
        java.time.Instant analysed = h.now.plusSeconds(120);
        h.log.clear();
        h.runUntil(engine, s, st -> !st.getRecord().getStages().get(0).getIntervals().isEmpty());

        assertThat(h.log).filteredOn(l -> l.contains("first metrics analysed at " + analysed))
                .as(String.join("\n", h.log)).hasSizeGreaterThanOrEqualTo(5)
                .allMatch(l -> l.contains("Canary stage 1 at 10%: green 2/2 targets healthy, no alarm;"));
        assertThat(h.log).anyMatch(l -> l.contains("(in 120 s: the interval ends, then CloudWatch needs 60 s)"));
    }

    @Test
    void aStageShorterThanOneAnalysisIntervalIsRefusedBeforeTheLock() {
        h.with("analysis:\n  interval: 2m\n");
        DeploymentState s = h.run(DeploymentRequest.canary(List.of(10, 100), Duration.ofMinutes(1), Slot.GREEN,
                "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("The canary stage duration, 1m, is shorter than one"
                + " analysis interval (analysis.interval: 2m)").contains("the shortest stage is 2m (about 3m of wall"
                + " time)").contains("--stage-duration");
        assertThat(h.aws.calls("AddTags")).isEmpty();
    }

    @Test
    void noDataFailsUnderFailPolicy() {
        h.with("analysis:\n  noData: FAIL\n");
        DeploymentState s = h.run(plan(10, 100));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getStages().get(0).getIntervals()).hasSize(1);
        assertThat(s.getRecord().getOutcomeMessage()).contains("no data");
    }

    @Test
    void noDataPassesUnderPassPolicy() {
        h.with("analysis:\n  noData: PASS\n  minRequests: 0\n");
        DeploymentState s = h.run(plan(10, 100));

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    @Test
    void noDataPassDoesNotPromoteACanaryThatReceivedNoRequests() {
        // Targets are up, but no request reaches the canary: ALB then publishes no RequestCount at all.
        h.with("analysis:\n  noData: PASS\n");
        healthyTraffic("blue");
        h.aws.metrics().set("green", "HealthyHostCount", "Minimum", 2)
                .set("green", "UnHealthyHostCount", "Maximum", 0);
        DeploymentState s = h.run(plan(10, 100));

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getStages().get(0).getVerdict()).isNotEqualTo(Verdict.PASS);
        assertThat(s.getRecord().getOutcomeMessage()).contains("minRequests");
        assertThat(greenWeights()).containsExactly("10", "0");
    }

    @Test
    void inconclusiveLimitFailsTheStage() {
        h.with("analysis:\n  inconclusiveLimit: 1\n");
        DeploymentState s = h.run(plan(10, 100));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        StageRecord stage = s.getRecord().getStages().get(0);
        assertThat(stage.getIntervals()).hasSize(2).allMatch(i -> i.verdict() == Verdict.INCONCLUSIVE);
        assertThat(stage.getVerdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void manualAbortMidStageSkipsEverythingAndRollsBack() {
        DeploymentEngine engine = h.engine();
        DeploymentState s = inFirstStage(engine);
        engine.requestAbort(s, "carol", "saw errors in the logs");
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("Aborted by carol");
        assertThat(h.aws.calls("GetMetricData")).isEmpty();
        StageRecord cut = s.getRecord().getStages().get(0);
        assertThat(cut.getEndedAt()).isNotNull();
        assertThat(cut.getVerdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(cut.getReason()).startsWith("Stopped before it was judged: Aborted by carol");
        assertThat(greenWeights()).containsExactly("10", "0");
    }

    @Test
    void anAbortReadsTheListenerAndTheStableSlotsHealthAtOnce() {
        DeploymentEngine engine = h.engine();
        DeploymentState s = inFirstStage(engine);
        int before = h.aws.calls().size();
        // The health reply takes two seconds.
        h.aws.readTimeoutDelay(Duration.ofSeconds(2));
        h.aws.inject("DescribeTargetHealth", Fault.READ_TIMEOUT, 1);
        engine.requestAbort(s, "carol", "saw errors in the logs");
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        List<Call> calls = h.aws.calls().subList(before, h.aws.calls().size());
        List<String> actions = calls.stream().map(Call::action).toList();
        // The listener was read while the blue slot's health reply was awaited, not two seconds later; the write
        // rewrites the actions that read returned, without reading them again.
        assertThat(actions.subList(0, 2)).containsExactlyInAnyOrder("DescribeListeners", "DescribeTargetHealth");
        assertThat(actions.subList(2, actions.size())).containsExactly("ModifyListener", "DescribeListeners",
                "RemoveTags");
        int listener = before + actions.indexOf("DescribeListeners");
        int health = before + actions.indexOf("DescribeTargetHealth");
        assertThat(calls.get(health - before).param("TargetGroupArn")).isEqualTo(FakeAws.BLUE_TARGET_GROUP_ARN);
        assertThat(Duration.ofNanos(Math.abs(h.aws.arrival(health) - h.aws.arrival(listener))))
                .isLessThan(Duration.ofSeconds(1));
    }

    /** A canary of 10, 50 and 100 % with healthy traffic on both slots, waiting in its first stage. */
    private DeploymentState inFirstStage(DeploymentEngine engine) {
        healthyTraffic("blue");
        healthyTraffic("green");
        DeploymentState s = engine.start(plan(10, 50, 100), "d-1", h.now);
        return h.runUntil(engine, s, st -> st.getPhase() == Phase.ANALYSE_CANARY);
    }

    @Test
    void canaryWeightsThatDoNotReadBackRollBack() {
        h.aws.ignoreWrites("ModifyListener");
        healthyTraffic("blue");
        healthyTraffic("green");
        DeploymentState s = h.run(plan(10, 100));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("The new weights do not read back on the listener");
        assertThat(s.getRecord().getStages()).isEmpty();
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void throttledMetricReadsAreRetried() {
        healthyTraffic("blue");
        healthyTraffic("green");
        h.aws.inject("GetMetricData", Fault.THROTTLING, 2);
        DeploymentState s = h.run(plan(10, 100));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.calls("GetMetricData")).hasSize(5);
    }

    @Test
    void canaryCommandAfterUnpromotedDeployRunsOneStage() {
        healthyTraffic("blue");
        healthyTraffic("green");
        h.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        DeploymentState s = h.run(DeploymentRequest.canary(List.of(10), STAGE, null, "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("now receives 10%");
        assertThat(h.aws.listenerSplit()).isEqualTo(new TrafficSplit(90, 10));
        assertThat(s.getTargetSlot()).isEqualTo(Slot.GREEN);
    }

    @Test
    void canaryOnTheLiveSlotRefusesToSendTheRestToAnEmptySlot() {
        // Blue serves everything; green has no task. Naming blue as the canary would send 90% to green.
        DeploymentState s = h.run(DeploymentRequest.canary(List.of(10, 100), STAGE, Slot.BLUE, "alice"));

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("green is not ready for traffic")
                .contains("0 of 0 registered targets are healthy");
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void eachIntervalIsOneMinuteFromTheVerifiedShift() {
        healthyTraffic("blue");
        healthyTraffic("green");
        DeploymentState s = h.run(plan(10, 100));

        StageRecord stage = s.getRecord().getStages().get(0);
        IntervalResult first = stage.getIntervals().get(0);
        assertThat(first.start()).isEqualTo(stage.getStartedAt());
        assertThat(Duration.between(first.start(), first.end())).isEqualTo(Duration.ofSeconds(60));
        Call call = h.aws.calls("GetMetricData").get(0);
        assertThat(Instant.parse(call.param("StartTime"))).isEqualTo(first.start());
        assertThat(Instant.parse(call.param("EndTime"))).isEqualTo(first.end());
    }

    private List<String> greenWeights() {
        return h.aws.calls("ModifyListener").stream()
                .map(c -> c.param("DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight"))
                .toList();
    }
}
