package io.jenkins.plugins.ecsdeploy.runtime;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Collection;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Who stopped a build. A Pipeline step's {@code stop} and a freestyle executor's interruption run as SYSTEM, while
 * the person who clicked the abort button travels in the interruption's causes; this reads them.
 */
@Restricted(NoExternalUse.class)
public final class AbortedBy {

    /** Recorded when no cause names a user (a timeout step, a newer build superseding this one). */
    public static final String UNKNOWN = "Jenkins";

    private AbortedBy() {
    }

    /** The user in a Pipeline step's stop cause, else its first cause's description. */
    public static String of(@CheckForNull Throwable cause) {
        if (cause instanceof FlowInterruptedException fie) {
            return of(fie.getCauses());
        }
        return UNKNOWN;
    }

    /** The user among an executor's or step's causes of interruption, else the first cause's description. */
    public static String of(Collection<? extends CauseOfInterruption> causes) {
        for (CauseOfInterruption c : causes) {
            if (c instanceof CauseOfInterruption.UserInterruption user) {
                return user.getUserId();
            }
        }
        return causes.isEmpty() ? UNKNOWN : causes.iterator().next().getShortDescription();
    }
}
