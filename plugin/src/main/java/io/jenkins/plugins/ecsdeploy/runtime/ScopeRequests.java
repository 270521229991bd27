package io.jenkins.plugins.ecsdeploy.runtime;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.engine.request.CanaryRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.RollbackRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.SwitchRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Ties a step's request to one version. An explicit {@code expectedImage:} wins; inside an {@code ecsDeployment}
 * block the version the block prepared is expected: a canary runs on the prepared slot and must find the prepared
 * image there, a switch gives traffic to it, a rollback returns traffic to the slot that served before and must find
 * the version that served there. So an approval given for v5 never promotes whatever another build left in a slot.
 */
@Restricted(NoExternalUse.class)
public final class ScopeRequests {

    private ScopeRequests() {
    }

    /** @param expectedImage the step's own expectedImage parameter, or null */
    public static DeploymentRequest tie(DeploymentRequest request, @CheckForNull DeploymentScope scope,
            @CheckForNull String expectedImage) {
        Slot target = scope == null ? null : scope.targetSlot();
        Slot stable = scope == null ? null : scope.stableSlot();
        if (request instanceof CanaryRequest c) {
            CanaryRequest slotted = c.slot() == null && target != null
                    ? new CanaryRequest(c.stages(), target, c.startedBy(), c.expectedImage()) : c;
            return slotted.withExpectedImage(first(expectedImage, c.expectedImage(), scope == null ? null
                    : scope.toImage()));
        }
        if (request instanceof SwitchRequest s) {
            boolean toPrepared = target != null && s.weights().percentOf(target) > 0;
            return s.withExpectedImage(first(expectedImage, s.expectedImage(), toPrepared ? scope.toImage()
                    : null));
        }
        if (request instanceof RollbackRequest r) {
            RollbackRequest slotted = r.slot() == null && stable != null
                    ? new RollbackRequest(stable, r.reason(), r.startedBy(), r.expectedImage()) : r;
            return slotted.withExpectedImage(first(expectedImage, r.expectedImage(), scope == null ? null
                    : scope.fromImage()));
        }
        return request;
    }

    /** {@code trafficSwitch} with neither {@code to} nor {@code weights} inside a block: promote what it prepared. */
    public static SwitchRequest promote(DeploymentScope scope, String startedBy) throws AbortException {
        Slot target = scope.targetSlot();
        if (target == null) {
            throw new AbortException(Messages.ScopeRequests_nothingPrepared(scope.getEnvironment()));
        }
        return new SwitchRequest(TrafficSplit.allTo(target), startedBy).withExpectedImage(scope.toImage());
    }

    @CheckForNull
    private static String first(@CheckForNull String a, @CheckForNull String b, @CheckForNull String c) {
        return a != null ? a : b != null ? b : c;
    }
}
