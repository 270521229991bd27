package io.jenkins.plugins.ecsdeploy.runtime;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What a step or build step asked for, as the user wrote it, turned into a core {@link DeploymentRequest} when
 * the deployment starts. Shared by the Pipeline steps and the freestyle builders so both read their parameters
 * the same way.
 */
@Restricted(NoExternalUse.class)
public final class OperationSpec implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private enum Kind { DEPLOY, CANARY, SWITCH, ROLLBACK }

    private final Kind kind;
    private String imageTag;
    private boolean promote = true;
    private String readinessTimeout;
    private String bakeTime;
    private String scaleDownOldAfter;
    private List<Integer> stages;
    private String stageDuration;
    private String slot;
    private String weights;
    private String reason;

    private OperationSpec(Kind kind) {
        this.kind = kind;
    }

    public static OperationSpec deploy(String imageTag, boolean promote, String readinessTimeout, String bakeTime,
            String scaleDownOldAfter) {
        OperationSpec s = new OperationSpec(Kind.DEPLOY);
        s.imageTag = imageTag;
        s.promote = promote;
        s.readinessTimeout = readinessTimeout;
        s.bakeTime = bakeTime;
        s.scaleDownOldAfter = scaleDownOldAfter;
        return s;
    }

    public static OperationSpec canary(List<Integer> stages, String stageDuration, @CheckForNull String canarySlot) {
        OperationSpec s = new OperationSpec(Kind.CANARY);
        s.stages = List.copyOf(stages);
        s.stageDuration = stageDuration;
        s.slot = canarySlot;
        return s;
    }

    /** @param weights {@code blue=90,green=10}, or null when {@code to} names the slot to receive everything */
    public static OperationSpec trafficSwitch(@CheckForNull String to, @CheckForNull String weights) {
        OperationSpec s = new OperationSpec(Kind.SWITCH);
        s.slot = to;
        s.weights = weights;
        return s;
    }

    /** @param toSlot the slot to put traffic back on, or null for the one that served before the last change */
    public static OperationSpec rollback(@CheckForNull String reason, @CheckForNull String toSlot) {
        OperationSpec s = new OperationSpec(Kind.ROLLBACK);
        s.reason = reason;
        s.slot = toSlot;
        return s;
    }

    /**
     * @param startedBy the user id (or "timer", "SCM") recorded as who started the deployment
     * @throws IllegalArgumentException naming the parameter that cannot be read
     */
    public DeploymentRequest toRequest(String startedBy) {
        return switch (kind) {
            case DEPLOY -> {
                if (FieldText.trimmed(imageTag) == null) {
                    throw new IllegalArgumentException(Messages.OperationSpec_imageTagRequired());
                }
                yield DeploymentRequest.deploy(imageTag.trim(), startedBy)
                        .withPromote(promote)
                        .withTimings(FieldText.duration("readinessTimeout", readinessTimeout),
                                FieldText.duration("bakeTime", bakeTime),
                                FieldText.duration("scaleDownOldAfter", scaleDownOldAfter));
            }
            case CANARY -> DeploymentRequest.canary(stages, FieldText.duration("stageDuration", stageDuration),
                    FieldText.trimmed(slot) == null ? null : Slot.parse(slot), startedBy);
            case SWITCH -> DeploymentRequest.switchTo(split(), startedBy);
            case ROLLBACK -> DeploymentRequest.rollback(FieldText.trimmed(slot) == null ? null : Slot.parse(slot),
                    startedBy,
                    FieldText.trimmed(reason) == null ? null : reason.trim());
        };
    }

    private TrafficSplit split() {
        boolean hasTo = FieldText.trimmed(slot) != null;
        boolean hasWeights = FieldText.trimmed(weights) != null;
        if (hasTo == hasWeights) {
            throw new IllegalArgumentException(Messages.OperationSpec_switchNeedsOne());
        }
        return hasTo ? TrafficSplit.allTo(Slot.parse(slot)) : TrafficSplit.parse(weights);
    }
}
