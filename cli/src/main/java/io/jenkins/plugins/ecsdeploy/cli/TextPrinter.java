package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchDashboards;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.EnvironmentStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.SlotStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.Transition;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One line per event, as a person reads it: {@code 12:03:01 WAIT_FOR_READY -> SMOKE_CHECKS  green is ready}; under
 * each canary analysis interval, one line per metric judged, with its verdict and levels; and why each stage ended.
 */
final class TextPrinter implements Printer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String INDENT = "         ";

    private final PrintWriter out;
    private final AnalysisProgress analysis = new AnalysisProgress();

    TextPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onTransition(DeploymentState state, Transition t) {
        String from = t.from() == null ? "START" : t.from().name();
        out.println(TIME.format(t.at()) + " " + from + " -> " + t.to() + "  " + t.reason());
        for (StageRecord stage : analysis.endedStages(state)) {
            out.println(INDENT + "Stage " + (stage.getIndex() + 1) + " at " + stage.getPercent() + "% "
                    + stage.getVerdict() + ": " + stage.getReason());
        }
        out.flush();
    }

    @Override
    public void onProgress(DeploymentState state, String message) {
        out.println(INDENT + message);
        for (AnalysisProgress.Interval interval : analysis.newIntervals(state)) {
            MetricLines.of(interval.result()).forEach(line -> out.println(INDENT + "  " + line));
        }
        out.flush();
    }

    @Override
    public void resuming(DeploymentState state) {
        analysis.skipExisting(state);
        message("Resuming " + state.getId() + " at " + state.getPhase());
    }

    @Override
    public void dashboard(CloudWatchDashboards.Result result, String url) {
        String done = switch (result.action()) {
            case CREATED -> "created";
            case UPDATED -> "updated";
            case UNCHANGED -> "is up to date; nothing was changed";
        };
        out.println("Dashboard " + result.name() + " " + done + (url == null ? "" : ": " + url));
        result.warnings().forEach(w -> out.println("  CloudWatch says: " + w));
        out.flush();
    }

    @Override
    public void status(EnvironmentStatus status) {
        out.println("Environment " + status.environment() + ": traffic " + status.split()
                + status.activeSlot().map(s -> ", active slot " + s).orElse(", split between slots"));
        // The service column fits its longest name: a CodeDeploy slot names its task set after the service.
        int width = Math.max(24, status.slots().stream().mapToInt(s -> s.service().length()).max().orElse(0));
        String row = "%-6s %-4s %-" + width + "s %-10s %-5s %-9s %-8s %-12s%n";
        out.printf(row, "SLOT", "LIVE", "SERVICE", "IMAGE TAG", "REV", "TASKS", "HEALTHY", "ROLLOUT");
        for (SlotStatus s : status.slots()) {
            // A slot without task definition revisions (behind Route 53) shows what it serves whole: the endpoint.
            boolean ecs = s.taskDefinitionRevision() > 0;
            out.printf(row, s.slot(), s.percent() + "%", s.service(),
                    ecs ? s.imageTag() : s.image() == null ? "-" : s.image(),
                    ecs ? String.valueOf(s.taskDefinitionRevision()) : "-",
                    s.running() + "/" + s.desired()
                            + (s.pending() > 0 ? "+" + s.pending() : ""),
                    s.health().healthy() + "/" + s.health().total(), s.rolloutState() == null ? "-" : s.rolloutState());
        }
        // Slots with a URL of their own (App Runner services): where each answers, and the service's own status.
        for (SlotStatus s : status.slots()) {
            if (s.url() != null) {
                out.println(s.slot() + ": " + s.url() + " (service " + s.status() + ")");
            }
        }
        out.flush();
    }

    @Override
    public void result(DeploymentState state, Path recordFile) {
        DeploymentRecord r = state.getRecord();
        out.println(r.getOutcome() + ": " + r.getOutcomeMessage());
        if (recordFile != null) {
            out.println("Record: " + recordFile);
        }
        out.flush();
    }

    @Override
    public void unlocked(String resource, LockHolder broken, String reason) {
        out.println(broken == null ? "No deployment lock on " + resource + "; nothing to break."
                : "Broke the deployment lock on " + resource + ": it was held by " + broken.describe()
                        + ". Reason recorded: " + reason);
        out.flush();
    }

    @Override
    public void message(String text) {
        out.println(text);
        out.flush();
    }
}
