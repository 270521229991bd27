package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedProgress;
import java.util.List;

/**
 * Reads a managed deployment's progress and tells its news once: each new lifecycle event goes to the record (for
 * the build page) and to the listener (the console), with the status the run last saw kept in the state.
 */
final class ManagedEvents {

    private ManagedEvents() {
    }

    static ManagedProgress read(StepContext ctx) {
        DeploymentState s = ctx.state;
        ManagedProgress p = ctx.aws().managed().progress(s.managed.deploymentId);
        List<String> events = p.events();
        for (int i = s.managed.eventsReported; i < events.size(); i++) {
            s.record.managedEvents.add(events.get(i));
            ctx.progress("Deployment " + p.id() + ": " + events.get(i));
        }
        s.managed.eventsReported = Math.max(s.managed.eventsReported, events.size());
        s.managed.status = p.status();
        return p;
    }
}
