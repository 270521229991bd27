package io.jenkins.plugins.ecsdeploy.core.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A canary stage as it happened: its traffic share, every interval analysed, and how it ended. */
public final class StageRecord {

    private int index;
    private int percent;
    private Instant startedAt;
    private Instant endedAt;
    private Verdict verdict;
    private String reason;
    private List<IntervalResult> intervals = new ArrayList<>();

    public StageRecord() {
    }

    public StageRecord(int index, int percent, Instant startedAt) {
        this.index = index;
        this.percent = percent;
        this.startedAt = startedAt;
    }

    public int getIndex() {
        return index;
    }

    public int getPercent() {
        return percent;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    public Verdict getVerdict() {
        return verdict;
    }

    public String getReason() {
        return reason;
    }

    public List<IntervalResult> getIntervals() {
        return intervals;
    }

    public void setIntervals(List<IntervalResult> intervals) {
        this.intervals = new ArrayList<>(intervals);
    }

    public void end(Instant at, Verdict v, String why) {
        this.endedAt = at;
        this.verdict = v;
        this.reason = why;
    }
}
