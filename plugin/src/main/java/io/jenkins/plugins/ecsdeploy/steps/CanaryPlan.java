package io.jenkins.plugins.ecsdeploy.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Reads the two ways of asking for canary stages (one {@code percent} with a {@code duration}, or a list of
 * {@code stages} with a {@code stageDuration}) into one plan, refusing a mix of both.
 */
@Restricted(NoExternalUse.class)
public final class CanaryPlan {

    private CanaryPlan() {
    }

    /** @throws IllegalArgumentException when neither or both forms are given */
    public static OperationSpec spec(@CheckForNull Integer percent, @CheckForNull String duration,
            @CheckForNull List<Integer> stages, @CheckForNull String stageDuration, @CheckForNull String slot) {
        boolean single = percent != null || duration != null;
        boolean plan = stages != null || stageDuration != null;
        if (single == plan) {
            throw new IllegalArgumentException(Messages.CanaryPlan_oneForm());
        }
        if (single) {
            if (percent == null || duration == null) {
                throw new IllegalArgumentException(Messages.CanaryPlan_percentNeedsDuration());
            }
            return OperationSpec.canary(List.of(percent), duration, slot);
        }
        if (stages == null || stageDuration == null) {
            throw new IllegalArgumentException(Messages.CanaryPlan_stagesNeedDuration());
        }
        return OperationSpec.canary(stages, stageDuration, slot);
    }
}
