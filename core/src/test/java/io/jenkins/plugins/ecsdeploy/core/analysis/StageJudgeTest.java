package io.jenkins.plugins.ecsdeploy.core.analysis;

import static io.jenkins.plugins.ecsdeploy.core.analysis.AnalysisFixtures.cfg;
import static io.jenkins.plugins.ecsdeploy.core.analysis.AnalysisFixtures.intervals;
import static io.jenkins.plugins.ecsdeploy.core.analysis.Verdict.FAIL;
import static io.jenkins.plugins.ecsdeploy.core.analysis.Verdict.INCONCLUSIVE;
import static io.jenkins.plugins.ecsdeploy.core.analysis.Verdict.PASS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StageJudgeTest {

    /** name, failureLimit, inconclusiveLimit, intervals so far, stage time up, expected (null: keep going). */
    static Stream<Arguments> stages() {
        return Stream.of(
                arguments("nothing analysed yet", 0, 3, List.of(), false, null),
                arguments("passing so far, time left", 0, 3, List.of(PASS, PASS), false, null),
                arguments("passing and time up", 0, 3, List.of(PASS, PASS, PASS), true, PASS),
                arguments("first failure over limit 0 fails at once", 0, 3, List.of(PASS, FAIL), false, FAIL),
                arguments("one failure tolerated by limit 1", 1, 3, List.of(PASS, FAIL, PASS), true, PASS),
                arguments("second failure over limit 1 fails", 1, 3, List.of(FAIL, PASS, FAIL), false, FAIL),
                arguments("inconclusive within the limit, time left", 0, 3, List.of(INCONCLUSIVE, INCONCLUSIVE),
                        false, null),
                arguments("inconclusive over the limit fails", 0, 3,
                        List.of(INCONCLUSIVE, PASS, INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE), false, FAIL),
                arguments("inconclusive limit 0: the first one fails", 0, 0, List.of(PASS, INCONCLUSIVE), false,
                        FAIL),
                arguments("time up on inconclusive alone: no evidence", 0, 3,
                        List.of(INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE), true, INCONCLUSIVE),
                arguments("time up with nothing analysed: no evidence", 0, 3, List.of(), true, INCONCLUSIVE),
                arguments("time up, one pass among tolerated inconclusive ones", 0, 3,
                        List.of(INCONCLUSIVE, INCONCLUSIVE, PASS), true, PASS),
                arguments("failure over the limit beats time up", 0, 3, List.of(PASS, PASS, FAIL), true, FAIL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void judgesTheStage(String name, int failureLimit, int inconclusiveLimit, List<Verdict> soFar,
            boolean timeUp, Verdict expected) {
        AnalysisConfig cfg = cfg().limits(failureLimit, inconclusiveLimit).build();

        Verdict verdict = StageJudge.judge(cfg, intervals(soFar.toArray(Verdict[]::new)), timeUp);

        assertThat(verdict).isEqualTo(expected);
    }

    @Test
    void defaultsFailOnTheFirstFailedIntervalAndTheFourthInconclusiveOne() {
        AnalysisConfig cfg = AnalysisConfig.defaults();

        assertThat(StageJudge.judge(cfg, intervals(FAIL), false)).isEqualTo(FAIL);
        assertThat(StageJudge.judge(cfg, intervals(INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE), false)).isNull();
        assertThat(StageJudge.judge(cfg, intervals(INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE), false))
                .isEqualTo(FAIL);
    }

    @Test
    void explainsAFailureWithCountsLimitAndTheFailingInterval() {
        AnalysisConfig cfg = cfg().limits(1, 3).build();

        String why = StageJudge.explain(cfg, intervals(FAIL, PASS, FAIL));

        assertThat(why).isEqualTo("2 failed intervals > limit 1; last failure: FAIL: interval fail");
    }

    @Test
    void explainsTooManyInconclusiveIntervals() {
        String why = StageJudge.explain(cfg().limits(0, 1).build(), intervals(INCONCLUSIVE, PASS, INCONCLUSIVE));

        assertThat(why).isEqualTo("2 inconclusive intervals > limit 1, not enough evidence; "
                + "last: INCONCLUSIVE: interval inconclusive");
    }

    @Test
    void explainsAStageWithoutEvidence() {
        String why = StageJudge.explain(AnalysisConfig.defaults(), intervals(INCONCLUSIVE, INCONCLUSIVE));

        assertThat(why).isEqualTo("no interval passed, a canary never advances without evidence: 0 of 2 intervals "
                + "passed, 2 inconclusive (limit 3), 0 failed (limit 0); last: INCONCLUSIVE: interval inconclusive");
    }

    @Test
    void explainsAPassWithCounts() {
        String why = StageJudge.explain(AnalysisConfig.defaults(), intervals(PASS, INCONCLUSIVE, PASS));

        assertThat(why).isEqualTo("2 of 3 intervals passed, 1 inconclusive (limit 3), 0 failed (limit 0)");
    }
}
