package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchDashboards;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.EnvironmentStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.engine.Transition;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line, each with a {@code type}: transition, progress, interval (a canary analysis interval
 * with every metric judged), stage (a canary stage that ended, and why), status, result, dashboard, unlock or
 * message.
 */
final class JsonPrinter implements Printer {

    private final PrintWriter out;
    private final AnalysisProgress analysis = new AnalysisProgress();

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
        for (StageRecord stage : analysis.endedStages(state)) {
            Map<String, Object> ended = line("stage", state);
            ended.put("stage", stage.getIndex() + 1);
            ended.put("percent", stage.getPercent());
            ended.put("verdict", stage.getVerdict());
            ended.put("reason", stage.getReason());
            print(ended);
        }
    }

    @Override
    public void onProgress(DeploymentState state, String message) {
        Map<String, Object> line = line("progress", state);
        line.put("phase", state.getPhase());
        line.put("message", message);
        print(line);
        for (AnalysisProgress.Interval interval : analysis.newIntervals(state)) {
            Map<String, Object> i = line("interval", state);
            i.put("stage", interval.stage().getIndex() + 1);
            i.put("percent", interval.stage().getPercent());
            i.put("interval", interval.number());
            i.put("result", interval.result());
            print(i);
        }
    }

    @Override
    public void resuming(DeploymentState state) {
        analysis.skipExisting(state);
        message("Resuming " + state.getId() + " at " + state.getPhase());
    }

    @Override
    public void dashboard(CloudWatchDashboards.Result result, String url) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "dashboard");
        line.put("name", result.name());
        line.put("action", result.action());
        line.put("warnings", result.warnings());
        line.put("url", url);
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
