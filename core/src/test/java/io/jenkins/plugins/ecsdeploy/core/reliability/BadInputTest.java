package io.jenkins.plugins.ecsdeploy.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigProblem;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.config.InvalidConfigException;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Randomised bad input: configurations with bad values or broken YAML, and bad request arguments, each invalid by
 * construction. Each goes the way real input goes (ConfigLoader.parse, AwsEngines.create, engine.start, and one
 * advance if all of that accepted it) against a running fake AWS. Each must be refused with a message that names
 * the field, and no AWS call may be made at all.
 *
 * <p>The seed is printed; rerun one with {@code -Dreliability.seed=N}. Counts go to
 * {@code target/reliability/bad-input.md}.
 */
class BadInputTest {

    private static final long SEED = Long.getLong("reliability.seed", 20261123L);
    private static final int CONFIGS = 400;
    private static final int DOCUMENTS = 200;
    private static final int REQUESTS = 300;
    private static final Map<String, int[]> TALLY = new TreeMap<>();
    private static Rig rig;

    @BeforeAll
    static void start() {
        System.out.println("BadInputTest seed: " + SEED + " (rerun with -Dreliability.seed=" + SEED + ")");
        rig = new Rig();
    }

    @AfterAll
    static void report() throws IOException {
        rig.close();
        StringBuilder md = new StringBuilder("Seed ").append(SEED)
                .append(".\n\n| input | tried | accepted |\n|---|---|---|\n");
        int tried = 0;
        int accepted = 0;
        for (Map.Entry<String, int[]> e : TALLY.entrySet()) {
            md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()[0]).append(" | ")
                    .append(e.getValue()[1]).append(" |\n");
            tried += e.getValue()[0];
            accepted += e.getValue()[1];
        }
        md.append("| **all** | ").append(tried).append(" | ").append(accepted).append(" |\n");
        System.out.println("Bad input\n" + md);
        Path dir = Path.of("target", "reliability");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bad-input.md"), "# Bad input\n\n" + md);
    }

    @Test
    void validInputGoesThrough() {
        // The valid file names this alarm, which its first step now checks: it exists and is quiet.
        rig.aws.alarm("web-5xx", "OK");
        DeploymentEngine engine = rig.engine(parse(BadConfigs.valid()));
        DeploymentState state = engine.start(DeploymentRequest.deploy("v1.2.3", "fuzz"), "d-valid", Rig.START);
        engine.advance(state, Rig.START);

        assertThat(state.getRecord().getOutcome()).as(String.join("\n", rig.log)).isNull();
        assertThat(rig.calls()).isNotEmpty();
    }

    @Test
    void configsWithBadValuesAreRefusedNamingEachField() {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CONFIGS; i++) {
            BadConfigs.BadConfig bad = BadConfigs.badValues(random);
            tryConfig("config: " + bad.kind(), bad, failures);
        }
        assertThat(failures).as("seed %s", SEED).isEmpty();
    }

    @Test
    void brokenDocumentsAreRefusedNamingWhere() {
        Random random = new Random(SEED + 1);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            BadConfigs.BadConfig bad = BadConfigs.brokenDocument(random);
            tryConfig("YAML: " + bad.kind(), bad, failures);
        }
        assertThat(failures).as("seed %s", SEED + 1).isEmpty();
    }

    @Test
    void badRequestArgumentsAreRefusedNamingTheArgument() {
        Random random = new Random(SEED + 2);
        EnvironmentConfig config = parse(BadConfigs.valid());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            BadRequests.BadRequest bad = BadRequests.next(random);
            rig.restore(rig.pristine);
            String refusal = null;
            try {
                DeploymentEngine engine = rig.engine(config);
                DeploymentState state = engine.start(bad.build().get(), "d-fuzz", Rig.START);
                engine.advance(state, Rig.START);
            } catch (IllegalArgumentException e) {
                refusal = e.getMessage();
            }
            tally("request: " + bad.kind(), refusal == null);
            if (refusal == null) {
                failures.add("accepted " + bad.arguments());
            } else if (!refusal.toLowerCase(Locale.ROOT).contains(bad.names().toLowerCase(Locale.ROOT))) {
                failures.add(bad.arguments() + " refused without naming " + bad.names() + ": " + refusal);
            }
            requireNoCalls(bad.arguments(), failures);
        }
        assertThat(failures).as("seed %s", SEED + 2).isEmpty();
    }

    private static void tryConfig(String kind, BadConfigs.BadConfig bad, List<String> failures) {
        rig.restore(rig.pristine);
        List<ConfigProblem> problems = null;
        try {
            DeploymentEngine engine = rig.engine(parse(bad.yaml()));
            DeploymentState state = engine.start(DeploymentRequest.deploy("v1.2.3", "fuzz"), "d-fuzz", Rig.START);
            engine.advance(state, Rig.START);
        } catch (InvalidConfigException e) {
            problems = e.problems();
        }
        tally(kind, problems == null);
        if (problems == null) {
            failures.add("accepted (" + kind + ", fields " + bad.fields() + "):\n" + bad.yaml());
        } else {
            List<ConfigProblem> found = problems;
            if (bad.fields().contains(BadConfigs.WHERE)) {
                if (found.stream().noneMatch(p -> p.message().contains("line "))) {
                    failures.add(kind + ": no problem gives the line: " + found);
                }
            } else if (!bad.fields().isEmpty()) {
                // The loader reports one type error per round, so with several bad fields at least one is named;
                // and no problem may blame a field that was not touched.
                if (bad.fields().stream().noneMatch(f -> found.stream().anyMatch(p -> names(p, f)))) {
                    failures.add(kind + ": no problem names any of " + bad.fields() + ": " + found);
                }
                found.stream().filter(p -> bad.fields().stream().noneMatch(f -> names(p, f)))
                        .forEach(p -> failures.add(kind + ": a problem blames an untouched field: " + p));
            }
            problems.stream().filter(p -> p.field().isBlank() || p.message().isBlank())
                    .forEach(p -> failures.add(kind + ": a problem without field or message: " + p));
        }
        requireNoCalls(kind + " " + bad.fields(), failures);
    }

    /** The problem is about the field, something inside it, or the section that holds it. */
    private static boolean names(ConfigProblem p, String field) {
        return p.field().equals(field) || p.field().startsWith(field + ".") || p.field().startsWith(field + "[")
                || field.startsWith(p.field() + ".");
    }

    private static void requireNoCalls(String what, List<String> failures) {
        List<Call> calls = rig.calls();
        if (!calls.isEmpty()) {
            failures.add(what + ": made AWS calls " + calls.stream().map(Call::action).toList());
        }
    }

    private static EnvironmentConfig parse(String yaml) {
        return ConfigLoader.parse(yaml.replace("${endpoint}", rig.aws.endpoint()), "fuzz");
    }

    private static void tally(String kind, boolean accepted) {
        int[] t = TALLY.computeIfAbsent(kind, k -> new int[2]);
        t[0]++;
        t[1] += accepted ? 1 : 0;
    }
}
