package io.jenkins.plugins.ecsdeploy.core.engine.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanaryStagesTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void explicitStagesKeepTheirOrderAndDuration() {
        CanaryStages plan = CanaryStages.stages(List.of(5, 25, 50, 100), FIVE_MINUTES);

        assertThat(plan.percents()).containsExactly(5, 25, 50, 100);
        assertThat(plan.stageDuration()).isEqualTo(FIVE_MINUTES);
        assertThat(plan).hasToString("5%, 25%, 50%, 100%, 5m each");
    }

    @Test
    void stagesNeedNotEndAt100() {
        assertThat(CanaryStages.stages(List.of(10, 50), FIVE_MINUTES).percents()).containsExactly(10, 50);
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
        "0,50|Canary stage 0% is out of range",
        "5,101|Canary stage 101% is out of range",
        "-5|Canary stage -5% is out of range",
        "10,10,50|Canary stage 10% does not follow 10%",
        "50,25,100|Canary stage 25% does not follow 50%",
        "100,100|Canary stage 100% does not follow 100%"})
    void badStagesAreRefusedNamingTheValue(String csv, String message) {
        List<Integer> percents = Arrays.stream(csv.split(",")).map(Integer::valueOf).toList();

        assertThatThrownBy(() -> CanaryStages.stages(percents, FIVE_MINUTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message)
                .hasMessageContaining("5,10,25,50,100");
    }

    @Test
    void emptyStagesAndBadDurationsAreRefused() {
        assertThatThrownBy(() -> CanaryStages.stages(List.of(), FIVE_MINUTES))
                .hasMessageContaining("Canary stages are empty");
        assertThatThrownBy(() -> CanaryStages.stages(List.of(10), Duration.ZERO))
                .hasMessageContaining("Canary stage duration 0s is not positive");
        assertThatThrownBy(() -> CanaryStages.stages(List.of(10), null))
                .hasMessageContaining("Canary stage duration is missing");
    }

    @ParameterizedTest(name = "step {0}")
    @CsvSource(delimiter = '|', value = {
        "10|10,20,30,40,50,60,70,80,90,100",
        "30|30,60,90,100",
        "25|25,50,75,100",
        "100|100",
        "1|"})
    void linearPlansClimbInEqualStepsTo100(int step, String expected) {
        CanaryStages plan = CanaryStages.linear(step, Duration.ofMinutes(1));

        if (step == 1) {
            assertThat(plan.percents()).hasSize(100).startsWith(1, 2, 3).endsWith(99, 100);
        } else {
            assertThat(plan.percents()).isEqualTo(Arrays.stream(expected.split(",")).map(Integer::valueOf).toList());
        }
        assertThat(plan.stageDuration()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void linearStepOutOfRangeIsRefused() {
        assertThatThrownBy(() -> CanaryStages.linear(0, FIVE_MINUTES)).hasMessageContaining("step 0%");
        assertThatThrownBy(() -> CanaryStages.linear(101, FIVE_MINUTES)).hasMessageContaining("step 101%");
    }

    @Test
    void parsesTheCommandLineForm() {
        CanaryStages plan = CanaryStages.parse(" 5, 10 ,25,50%,100", "1m30s");

        assertThat(plan.percents()).containsExactly(5, 10, 25, 50, 100);
        assertThat(plan.stageDuration()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void parseNamesTheUnreadablePart() {
        assertThatThrownBy(() -> CanaryStages.parse("5,ten,100", "5m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Canary stage 'ten' in '5,ten,100' is not a whole percentage");
        assertThatThrownBy(() -> CanaryStages.parse("5,,100", "5m"))
                .hasMessageStartingWith("Canary stage '' in '5,,100' is not a whole percentage");
        assertThatThrownBy(() -> CanaryStages.parse("5,100", "5"))
                .hasMessageStartingWith("Canary stage duration: cannot read duration '5'");
        assertThatThrownBy(() -> CanaryStages.parse(" ", "5m")).hasMessageContaining("Canary stages are empty");
    }
}
