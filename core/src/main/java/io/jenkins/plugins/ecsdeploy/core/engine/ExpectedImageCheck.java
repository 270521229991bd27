package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.model.ImageReference;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;

/** The version tie of a canary, switch or rollback ({@code expectedImage}), checked where each reads the image. */
final class ExpectedImageCheck {

    private ExpectedImageCheck() {
    }

    /**
     * Refuses, before any write, an operation whose slot does not run the image its caller approved.
     *
     * @param role what the slot is to the operation, for the message
     */
    static void require(String expected, Slot slot, String actual, String role) {
        if (!ImageReference.matches(expected, actual)) {
            throw new DeploymentFailure("expectedImage: " + slot + " (" + role + ") runs " + actual + ", not the"
                    + " expected " + expected + ". Nothing was changed: another deployment may have put another"
                    + " version there since. Check what each slot runs (ecs-deploy status), then deploy " + expected
                    + " or ask for the image the slot runs.");
        }
    }
}
