package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchDashboards;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentListener;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.EnvironmentStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.nio.file.Path;

/** Prints a run's progress and result, as text for people or as JSON lines for programs. */
interface Printer extends DeploymentListener {

    void status(EnvironmentStatus status);

    void result(DeploymentState state, Path recordFile);

    void message(String text);

    /** A resumed run: the analysis intervals already in its record were printed by the run's earlier process. */
    void resuming(DeploymentState state);

    /** What {@code dashboard} did; {@code url} opens it in the console, or is null (an emulator). */
    void dashboard(CloudWatchDashboards.Result result, String url);

    /** The result of {@code unlock}: the lock that was broken on {@code resource}, or null when there was none. */
    void unlocked(String resource, LockHolder broken, String reason);
}
