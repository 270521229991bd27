package io.jenkins.plugins.ecsdeploy.core.reliability;

import io.jenkins.plugins.ecsdeploy.core.config.DurationText;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeployRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.SwitchRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Invalid request arguments made at random, as the CLI and the pipeline step receive them (text), each invalid by
 * construction, with the word the refusal must contain to name what is wrong.
 */
final class BadRequests {

    /** Builds the request from the arguments, as a front end would; may itself refuse them. */
    record BadRequest(String kind, String arguments, Supplier<DeploymentRequest> build, String names) {
    }

    /** Characters Docker refuses in a tag. */
    private static final String NOT_IN_TAGS = " :/@#!$%^&*()+=[]{}|\\;'\",<>?`~é";

    private BadRequests() {
    }

    static BadRequest next(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> imageTag(r);
            case 1 -> stages(r);
            case 2 -> weights(r);
            case 3 -> slot(r);
            case 4 -> duration(r);
            default -> switchArguments(r);
        };
    }

    private static BadRequest imageTag(Random r) {
        String good = BadConfigs.word(r);
        String tag = switch (r.nextInt(5)) {
            case 0 -> "";
            case 1 -> (r.nextBoolean() ? "-" : ".") + good;
            case 2 -> "v".repeat(129 + r.nextInt(100));
            default -> {
                int at = r.nextInt(good.length() + 1);
                yield good.substring(0, at) + NOT_IN_TAGS.charAt(r.nextInt(NOT_IN_TAGS.length()))
                        + good.substring(at);
            }
        };
        return new BadRequest("image tag", "tag '" + tag + "'", () -> DeploymentRequest.deploy(tag, "fuzz"), "tag");
    }

    private static BadRequest stages(Random r) {
        List<Integer> stages = new ArrayList<>(List.of(10, 50, 100));
        Duration duration = Duration.ofMinutes(5);
        String names = "stages";
        switch (r.nextInt(5)) {
            case 0 -> stages.set(r.nextInt(3), -r.nextInt(100));
            case 1 -> stages.set(r.nextInt(3), 101 + r.nextInt(1000));
            case 2 -> stages.set(2, stages.get(r.nextInt(2)));
            case 3 -> stages = new ArrayList<>(List.of(50, 10));
            default -> {
                duration = r.nextBoolean() ? null : Duration.ZERO;
                names = "stageDuration";
            }
        }
        List<Integer> chosen = stages;
        Duration d = duration;
        return new BadRequest("canary stages", "stages " + stages + " for " + duration,
                () -> DeploymentRequest.canary(chosen, d, Slot.GREEN, "fuzz"), names);
    }

    private static BadRequest weights(Random r) {
        int blue = r.nextInt(100);
        int kind = r.nextInt(5);
        String text = switch (kind) {
            case 0 -> "blue=" + blue + ",green=" + (100 - blue + 1 + r.nextInt(50));
            case 1 -> "blue=" + (101 + r.nextInt(100)) + ",green=" + (-1 - r.nextInt(100));
            case 2 -> "blue=" + BadConfigs.word(r) + ",green=10";
            case 3 -> BadConfigs.word(r) + "=100";
            default -> "blue=" + blue + ",blue=" + (100 - blue);
        };
        return new BadRequest("weights", "weights '" + text + "'",
                () -> DeploymentRequest.switchTo(TrafficSplit.parse(text), "fuzz"), kind == 3 ? "slot" : "weight");
    }

    private static BadRequest slot(Random r) {
        String text = List.of("purple", "blu", "", "green,blue", "0", BadConfigs.word(r)).get(r.nextInt(6));
        return new BadRequest("slot", "slot '" + text + "'",
                () -> DeploymentRequest.rollback(Slot.parse(text), "fuzz", null), "slot");
    }

    private static BadRequest duration(Random r) {
        String field = List.of("readinessTimeout", "bakeTime", "scaleDownOldAfter").get(r.nextInt(3));
        String text = switch (r.nextInt(4)) {
            case 0 -> String.valueOf(1 + r.nextInt(1000));
            case 1 -> BadConfigs.word(r);
            case 2 -> field.equals("scaleDownOldAfter") ? "PT-" + (1 + r.nextInt(60)) + "M" : "0s";
            default -> (1 + r.nextInt(9)) + " minutes";
        };
        Supplier<DeploymentRequest> build = () -> {
            Duration d = durationOrZero(text);
            DeployRequest base = DeploymentRequest.deploy("v1.2.3", "fuzz");
            return switch (field) {
                case "readinessTimeout" -> base.withTimings(d, null, null);
                case "bakeTime" -> base.withTimings(null, d, null);
                default -> base.withTimings(null, null, d);
            };
        };
        String names = text.startsWith("PT-") || text.equals("0s") ? field : "duration";
        return new BadRequest("duration", field + " '" + text + "'", build, names);
    }

    /** Zero stands for itself; a negative ISO duration is built directly, as an API caller could. */
    private static Duration durationOrZero(String text) {
        return text.startsWith("PT-") ? Duration.parse(text) : DurationText.parse(text);
    }

    /**
     * A switch to no split at all. A switch to a slot and to weights at once can no longer be built; the coin that
     * chose between the two is still tossed, so the seeded inputs of the other cases stay as they were.
     */
    private static BadRequest switchArguments(Random r) {
        r.nextBoolean();
        return new BadRequest("switch target", "neither slot nor weights", () -> new SwitchRequest(null, "fuzz"),
                "switch");
    }
}
