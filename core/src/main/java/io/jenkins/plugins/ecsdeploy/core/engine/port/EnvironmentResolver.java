package io.jenkins.plugins.ecsdeploy.core.engine.port;

import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;

/** Looks up the environment's resources by name or ARN and checks they fit together, with read-only calls. */
public interface EnvironmentResolver {

    /**
     * @throws PreflightException listing every problem found (missing resource, listener that does not forward to
     *     exactly the two target groups, service with a CODE_DEPLOY controller, ...), each naming the fix
     */
    ResolvedEnvironment resolve(EnvironmentConfig config);
}
