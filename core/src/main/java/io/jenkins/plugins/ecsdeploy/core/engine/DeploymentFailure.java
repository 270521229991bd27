package io.jenkins.plugins.ecsdeploy.core.engine;

/** A check of the deployment failed (not ready in time, smoke check, analysis, read-back); the message says why. */
public class DeploymentFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeploymentFailure(String message) {
        super(message);
    }
}
