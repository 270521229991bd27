package io.jenkins.plugins.ecsdeploy.core.savedstate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.engine.Transition;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A state saved by an earlier release resumes: for each {@link SavedRun} and each state format with a fixture, the
 * run is driven against the fake AWS to the point where the fixture was saved; the fixture must read as the same
 * state the run has there, and the run, continued from the fixture by a new engine, must end as it should.
 */
class ResumeSavedStateTest {

    /** Every format a release has saved states in, oldest first. */
    static final List<String> FORMATS = List.of("v1", "v2", "v3", "v4", "v5");

    private static FakeAccount account;

    @BeforeAll
    static void openAccount() {
        account = new FakeAccount();
    }

    @AfterAll
    static void closeAccount() {
        account.close();
    }

    @TestFactory
    List<DynamicTest> everySavedStateResumesAndFinishes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String format : FORMATS) {
            for (SavedRun run : SavedRun.values()) {
                if (FORMATS.indexOf(format) < FORMATS.indexOf(run.firstFormat())) {
                    continue;
                }
                String fixture = SavedStates.read(format, run);
                assertThat(fixture).as("fixture %s of %s", run.fileName(), format).isNotNull();
                tests.add(DynamicTest.dynamicTest(format + " " + run.fileName(), () -> resume(run, fixture,
                        format)));
            }
        }
        return tests;
    }

    private static void resume(SavedRun run, String fixture, String format) {
        SavedRunDriver driver = new SavedRunDriver(run, account);
        DeploymentState live = driver.runToStop();
        DeploymentState saved = StateJson.readState(fixture);
        if (sameRunPath(run, format)) {
            assertThat(comparable(tree(saved), format)).as("the fixture read as the state the run has at that point")
                    .isEqualTo(comparable(tree(live), format));
        }

        DeploymentState done = driver.finish(saved);

        String log = String.join("\n", driver.log);
        assertThat(done.isFinished()).as(log).isTrue();
        assertThat(done.getRecord().getOutcome()).as(log).isEqualTo(run.outcome);
        assertThat(driver.aws.listenerSplit()).as(log).isEqualTo(run.finalSplit);
        Phase previous = null;
        for (Transition t : done.getRecord().getTransitions()) {
            assertThat(t.from()).as("transition to %s", t.to()).isEqualTo(previous);
            previous = t.to();
        }
        assertThat(previous).isEqualTo(Phase.FINISHED);
        assertThat(driver.aws.tags(FakeAws.LISTENER_ARN).keySet()).as("the lock is released")
                .noneMatch(k -> k.startsWith("ecs-deploy:lock"));
    }

    /**
     * Whether today's run takes the path the fixture's run took. Before format 4 a rollback took the deployment
     * lock and waited for it to settle before moving traffic, a switch wrote in a step of its own, and a canary
     * stage slept from one analysis to the next; since, a rollback moves traffic first, a switch writes as it
     * plans, and a stage is watched at every poll between analyses; later, a switch stopped taking the lock. A state
     * saved earlier in those runs is at a point today's run reaches after other steps, or never: it must still
     * resume and finish.
     */
    private static boolean sameRunPath(SavedRun run, String format) {
        boolean changedInV4 = run.name().startsWith("ROLLBACK_") || run == SavedRun.SWITCH_VERIFY_SWITCH
                || run == SavedRun.DEPLOY_ANALYSE_CANARY
                || run == SavedRun.CANARY_ANALYSE_CANARY || run == SavedRun.DEPLOY_CANARY_FALLBACK_VERIFY_ROLLBACK;
        // Since the last format-5 release a switch takes no lock either: every saved switch holds one.
        boolean changedAfterV5 = run == SavedRun.SWITCH_VERIFY_SWITCH;
        return !(changedAfterV5 || changedInV4 && List.of("v1", "v2", "v3").contains(format));
    }

    /**
     * The state as a format could have recorded it: before format 3, a canary's metric verdicts carried no unit,
     * which today's run records and no migration can know. No fixture has the images of the task definitions the
     * run read (an optional field added since, a cache: a run resumed without it reads them again).
     */
    private static JsonNode comparable(JsonNode state, String format) {
        ((ObjectNode) state).remove("taskDefinitionImages");
        if (format.equals("v1") || format.equals("v2")) {
            for (JsonNode stage : state.path("record").path("stages")) {
                for (JsonNode interval : stage.path("intervals")) {
                    for (JsonNode metric : interval.path("metrics")) {
                        ((ObjectNode) metric).remove("unit");
                    }
                }
            }
        }
        return state;
    }

    private static JsonNode tree(DeploymentState state) {
        try {
            return StateJson.mapper().readTree(StateJson.write(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
