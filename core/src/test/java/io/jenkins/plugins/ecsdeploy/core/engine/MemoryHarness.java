package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeResult;
import io.jenkins.plugins.ecsdeploy.core.memory.InMemoryAws;

/**
 * Runs whole deployments against {@link InMemoryAws}: the engine's ports in memory, no SDK and no HTTP, and a smoke
 * checker that passes at once.
 */
final class MemoryHarness extends RunHarness {

    final InMemoryAws aws = new InMemoryAws();

    @Override
    MemoryHarness with(String yaml) {
        super.with(yaml);
        return this;
    }

    @Override
    String endpointUrl() {
        return null;
    }

    @Override
    String smokeYaml() {
        return "smokeChecks:\n  - url: http://127.0.0.1:9/health\n    bodyContains: ok\n"
                + "    retries: 2\n    retryDelay: 5s\n";
    }

    @Override
    DeploymentEngine engine() {
        return new DeploymentEngine(config(), aws.resolver(), aws.ports(),
                (check, version, attempt) -> new SmokeResult(check.url(), attempt, now, true, 200, 1, "ok"),
                listener(), LockSettings.at(WHERE));
    }
}
