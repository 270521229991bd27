package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.EnvironmentStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.engine.Transition;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object per line, each with a {@code type}: transition, progress, status, result or message. */
final class JsonPrinter implements Printer {

    private final PrintWriter out;

    JsonPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onTransition(DeploymentState state, Transition t) {
        Map<String, Object> line = line("transition", state);
        line.put("at", t.at());
        line.put("from", t.from());
        line.put("to", t.to());
        line.put("reason", t.reason());
        print(line);
    }

    @Override
    public void onProgress(DeploymentState state, String message) {
        Map<String, Object> line = line("progress", state);
        line.put("phase", state.getPhase());
        line.put("message", message);
        print(line);
    }

    @Override
    public void status(EnvironmentStatus status) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "status");
        line.put("status", status);
        line.put("activeSlot", status.activeSlot().orElse(null));
        print(line);
    }

    @Override
    public void result(DeploymentState state, Path recordFile) {
        Map<String, Object> line = line("result", state);
        line.put("outcome", state.getRecord().getOutcome());
        line.put("message", state.getRecord().getOutcomeMessage());
        line.put("exitCode", ExitCodes.of(state));
        line.put("record", recordFile == null ? null : recordFile.toString());
        print(line);
    }

    @Override
    public void unlocked(String resource, LockHolder broken, String reason) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "unlock");
        line.put("resource", resource);
        line.put("broken", broken);
        line.put("reason", reason);
        print(line);
    }

    @Override
    public void message(String text) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "message");
        line.put("message", text);
        print(line);
    }

    private static Map<String, Object> line(String type, DeploymentState state) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", type);
        line.put("deployment", state.getId());
        return line;
    }

    private void print(Map<String, Object> line) {
        out.println(StateJson.writeLine(line));
        out.flush();
    }
}
