package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalResult;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import java.util.ArrayList;
import java.util.List;

/**
 * The canary analysis a run's record gained since the last look: new intervals and stages that ended, so that a
 * printer shows each once. A resumed run's earlier analysis was shown by the process that ran it.
 */
final class AnalysisProgress {

    /** An interval and where it belongs: its stage, and its number in the stage, from 1. */
    record Interval(StageRecord stage, int number, IntervalResult result) {
    }

    private int intervalsSeen;
    private int stagesEndedSeen;

    /** Counts what is already in the record as shown. */
    void skipExisting(DeploymentState state) {
        intervalsSeen = intervals(state).size();
        stagesEndedSeen = ended(state).size();
    }

    List<Interval> newIntervals(DeploymentState state) {
        List<Interval> all = intervals(state);
        List<Interval> fresh = all.subList(Math.min(intervalsSeen, all.size()), all.size());
        intervalsSeen = all.size();
        return fresh;
    }

    List<StageRecord> endedStages(DeploymentState state) {
        List<StageRecord> all = ended(state);
        List<StageRecord> fresh = all.subList(Math.min(stagesEndedSeen, all.size()), all.size());
        stagesEndedSeen = all.size();
        return fresh;
    }

    private static List<Interval> intervals(DeploymentState state) {
        List<Interval> all = new ArrayList<>();
        for (StageRecord stage : state.getRecord().getStages()) {
            List<IntervalResult> intervals = stage.getIntervals();
            for (int i = 0; i < intervals.size(); i++) {
                all.add(new Interval(stage, i + 1, intervals.get(i)));
            }
        }
        return all;
    }

    private static List<StageRecord> ended(DeploymentState state) {
        return state.getRecord().getStages().stream().filter(s -> s.getVerdict() != null).toList();
    }
}
