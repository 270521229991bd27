package io.jenkins.plugins.ecsdeploy.action;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.ecsdeploy.Messages;
import java.util.Collection;
import java.util.List;

/**
 * Shows on a job's page the latest deployment any of its recent builds made (successful or not, which is why this
 * is a factory rather than a last-successful-build action), with a link to that build's deployment page.
 */
public final class EnvironmentJobAction implements Action {

    private final Run<?, ?> build;
    private final DeploymentAction deployments;

    EnvironmentJobAction(Run<?, ?> build, DeploymentAction deployments) {
        this.build = build;
        this.deployments = deployments;
    }

    public Run<?, ?> getBuild() {
        return build;
    }

    public DeploymentEntry getLatest() {
        return deployments.getLatest();
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.EnvironmentJobAction_displayName();
    }

    @Override
    public String getUrlName() {
        return null;
    }

    /** Adds the action to the jobs that deployed, found through {@link DeploymentIndex}. */
    @Extension
    @SuppressWarnings("rawtypes")
    public static final class Factory extends jenkins.model.TransientActionFactory<Job> {

        @Override
        public Class<Job> type() {
            return Job.class;
        }

        /** Lets Jenkins skip this factory (and its look through recent builds) when asked for other actions. */
        @Override
        public Class<EnvironmentJobAction> actionType() {
            return EnvironmentJobAction.class;
        }

        /** One map lookup for a job that never deployed; one build load (usually cached) for one that did. */
        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job job) {
            Run<?, ?> run = DeploymentIndex.latestOf(job);
            DeploymentAction action = run == null ? null : run.getAction(DeploymentAction.class);
            if (action != null && action.getLatest() != null) {
                return List.of(new EnvironmentJobAction(run, action));
            }
            return List.of();
        }
    }
}
