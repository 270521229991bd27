package io.jenkins.plugins.ecsdeploy.core.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The image of the deployed container in each task definition a run read or registered, kept in its state by
 * container and ARN. A registered task definition revision never changes, so what one read says of an ARN holds in
 * every later step, after a restart, and in the next run that reuses this run's names: a switch after a deploy
 * finds both slots' images here and reads no task definition. What a service runs is still read from AWS every
 * time; only the ARN's content is remembered. Keyed by container too, as the config may name another one later.
 */
final class KnownImages {

    /** Enough for the two slots' revisions and a few before them; the oldest are dropped first. */
    static final int MAX = 8;

    private KnownImages() {
    }

    /** The image {@code arn} runs in the configured container: from the state when known, else read once. */
    static String imageOf(StepContext ctx, String arn) {
        String known = get(ctx.state, ctx.config.container(), arn);
        if (known != null) {
            return known;
        }
        String image = ctx.aws().services().taskDefinition(arn).image();
        remember(ctx.state, ctx.config.container(), arn, image);
        return image;
    }

    static String get(DeploymentState s, String container, String arn) {
        Map<String, String> images = s.taskDefinitionImages == null ? null
                : s.taskDefinitionImages.get(key(container));
        return images == null ? null : images.get(arn);
    }

    /** Records what {@code arn} runs; a null image (nothing known) is not kept. */
    static void remember(DeploymentState s, String container, String arn, String image) {
        if (arn == null || image == null) {
            return;
        }
        if (s.taskDefinitionImages == null) {
            s.taskDefinitionImages = new LinkedHashMap<>();
        }
        Map<String, String> images = s.taskDefinitionImages.computeIfAbsent(key(container),
                c -> new LinkedHashMap<>());
        images.remove(arn);
        images.put(arn, image);
        while (images.size() > MAX) {
            images.remove(images.keySet().iterator().next());
        }
    }

    /** Hands what {@code previous} knew to a run that reuses its names. */
    static void carryOver(DeploymentState previous, DeploymentState next) {
        if (previous.taskDefinitionImages == null) {
            return;
        }
        previous.taskDefinitionImages.forEach((container, images) -> images.forEach((arn, image) ->
                remember(next, container, arn, image)));
    }

    private static String key(String container) {
        return container == null ? "" : container;
    }
}
