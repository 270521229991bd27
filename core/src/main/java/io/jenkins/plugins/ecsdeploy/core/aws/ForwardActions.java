package io.jenkins.plugins.ecsdeploy.core.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** Reading and rewriting the forward action among a listener's default actions or a rule's actions. */
final class ForwardActions {

    private ForwardActions() {
    }

    /** The forward action, or null when the actions forward nowhere (redirect, fixed response). */
    static Action find(List<Action> actions) {
        return actions.stream().filter(a -> a.type() == ActionTypeEnum.FORWARD).findFirst().orElse(null);
    }

    /**
     * Target group ARN to weight, in the order AWS lists them. A forward action naming a single TargetGroupArn
     * sends it everything, as does a ForwardConfig entry without a weight.
     */
    static Map<String, Integer> weights(Action forward) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        ForwardActionConfig config = forward.forwardConfig();
        if (config != null && config.hasTargetGroups() && !config.targetGroups().isEmpty()) {
            for (TargetGroupTuple tg : config.targetGroups()) {
                weights.put(tg.targetGroupArn(), tg.weight() == null ? 1 : tg.weight());
            }
        } else if (forward.targetGroupArn() != null) {
            weights.put(forward.targetGroupArn(), 1);
        }
        return weights;
    }

    /**
     * {@code actions} with the forward action replaced by one that forwards to {@code weights}; its order and
     * stickiness are kept, and so are the other actions (an authenticate step must survive a weight change).
     */
    static List<Action> withWeights(List<Action> actions, Map<String, Integer> weights) {
        List<Action> result = new ArrayList<>();
        for (Action action : actions) {
            result.add(action.type() == ActionTypeEnum.FORWARD ? reweighted(action, weights) : resendable(action));
        }
        return result;
    }

    private static Action reweighted(Action forward, Map<String, Integer> weights) {
        List<TargetGroupTuple> groups = new ArrayList<>();
        weights.forEach((arn, weight) -> groups.add(
                TargetGroupTuple.builder().targetGroupArn(arn).weight(weight).build()));
        ForwardActionConfig.Builder config = ForwardActionConfig.builder().targetGroups(groups);
        if (forward.forwardConfig() != null) {
            config.targetGroupStickinessConfig(forward.forwardConfig().targetGroupStickinessConfig());
        }
        return Action.builder()
                .type(ActionTypeEnum.FORWARD)
                .order(forward.order())
                .forwardConfig(config.build())
                .build();
    }

    /** AWS never returns an OIDC client secret; sending the action back must say to keep the stored one. */
    private static Action resendable(Action action) {
        if (action.authenticateOidcConfig() != null && action.authenticateOidcConfig().clientSecret() == null) {
            return action.toBuilder()
                    .authenticateOidcConfig(action.authenticateOidcConfig().toBuilder()
                            .useExistingClientSecret(true).build())
                    .build();
        }
        return action;
    }
}
