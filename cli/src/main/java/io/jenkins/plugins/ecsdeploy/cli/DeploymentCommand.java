package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsEngines;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** A command that starts a new run: it builds the request; the engine validates it before any AWS call. */
abstract class DeploymentCommand extends RunningCommand {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    abstract DeploymentRequest request();

    /** An earlier run whose resolved names the new run reuses, or null to resolve afresh (the default). */
    DeploymentState previousRun(EnvironmentConfig config) {
        return null;
    }

    @Override
    public Integer call() {
        EnvironmentConfig config = common.loadConfig();
        Printer printer = common.printer(runtime);
        DeploymentRequest request = request();
        try (AwsClients clients = common.clients(config, runtime)) {
            DeploymentEngine engine = AwsEngines.create(config, clients, printer, lockSettings());
            String id = newId();
            DeploymentState state = engine.start(request, id, runtime.clock().instant(), previousRun(config));
            return finish(new RunLoop(engine, runtime, run.stateFile(id)).run(state), printer);
        }
    }

    private String newId() {
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return "d-" + ID_TIME.format(runtime.clock().instant()) + "-" + HexFormat.of().formatHex(b);
    }
}
