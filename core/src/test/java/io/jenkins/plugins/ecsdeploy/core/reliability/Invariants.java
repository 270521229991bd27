package io.jenkins.plugins.ecsdeploy.core.reliability;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.Transition;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.EcsNativeSeed;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must hold at the end of every run, whatever AWS did to it:
 * <ol type="a">
 * <li>all production traffic on one slot whose targets are healthy; or, when neither slot is healthy, on the
 * previously active slot with outcome ROLLBACK_FAILED and a loud message;</li>
 * <li>the record complete and consistent with AWS: outcome and end time set, transitions chained and ending in
 * FINISHED, SUCCEEDED showing the split the run promised, ROLLED_BACK the stable slot's, and FAILED or
 * READY_NOT_PROMOTED the split the run started with;</li>
 * <li>no exception escaped {@code advance}, and every message is a sentence: no "null", no Java class names, no
 * "internal error".</li>
 * </ol>
 * A ROLLBACK_FAILED outcome with a loud message also satisfies (a): it is the engine calling a person, which is
 * the right answer when AWS refuses every rollback call.
 */
final class Invariants {

    private static final Pattern NULL_WORD = Pattern.compile("\\bnull\\b");
    private static final Pattern QUALIFIED_CLASS = Pattern.compile(
            "\\b(?:java|javax|software\\.amazon|com\\.fasterxml|org\\.apache)\\.[a-z]\\w*\\.");
    private static final Pattern THROWABLE_NAME = Pattern.compile("\\b[A-Z]\\w*(?:Exception|Error|Failure)\\b");
    /** Where the exceptions a message could leak live; AWS error codes (ThrottlingException) are not among them. */
    private static final List<String> EXCEPTION_PACKAGES = List.of("java.lang", "java.io", "java.net",
            "java.net.http", "java.util", "java.util.concurrent", "java.time", "java.time.format",
            "software.amazon.awssdk.core.exception", "software.amazon.awssdk.awscore.exception",
            "com.fasterxml.jackson.core", "com.fasterxml.jackson.databind",
            "io.jenkins.plugins.ecsdeploy.core.aws", "io.jenkins.plugins.ecsdeploy.core.engine",
            "io.jenkins.plugins.ecsdeploy.core.engine.port");

    /** The verdict on one run. */
    record Verdict(List<String> violations, boolean loudRollbackFailure, boolean rollbackRetried,
            boolean onHealthySlot) {

        boolean held() {
            return violations.isEmpty();
        }
    }

    private Invariants() {
    }

    static Verdict check(Rig rig, Driver.Result r) {
        List<String> violations = new ArrayList<>();
        if (r.escaped() != null) {
            violations.add("(c) an exception escaped advance: " + r.escaped());
        }
        DeploymentState s = r.state();
        if (!s.isFinished()) {
            violations.add("(b) the run did not finish in " + r.steps() + " steps; it is in " + s.getPhase());
            return new Verdict(violations, false, false, false);
        }
        DeploymentRecord record = s.getRecord();
        Outcome outcome = record.getOutcome();
        String message = String.valueOf(record.getOutcomeMessage());
        TrafficSplit actual = r.scenario().traffic(rig);
        checkRecord(r, actual, violations);
        boolean loud = outcome == Outcome.ROLLBACK_FAILED && isLoud(message);
        boolean onHealthySlot = checkTraffic(rig, r, actual, loud, violations);
        checkWords("outcome message", message, violations);
        if (!message.endsWith(".")) {
            violations.add("(c) the outcome message is not a sentence: " + message);
        }
        for (Transition t : record.getTransitions()) {
            checkWords("transition reason", t.reason(), violations);
        }
        for (String line : r.log()) {
            checkWords("log line", line, violations);
        }
        boolean retried = r.log().stream().anyMatch(line -> line.contains("Rollback call failed"));
        return new Verdict(violations, loud, retried, onHealthySlot);
    }

    private static void checkRecord(Driver.Result r, TrafficSplit actual, List<String> violations) {
        DeploymentState s = r.state();
        DeploymentRecord record = s.getRecord();
        Outcome outcome = record.getOutcome();
        if (outcome == null || record.getFinishedAt() == null || record.getOutcomeMessage() == null) {
            violations.add("(b) the record lacks its outcome, message or end time: " + outcome + ", "
                    + record.getFinishedAt());
        }
        List<Transition> transitions = record.getTransitions();
        Phase previous = null;
        for (Transition t : transitions) {
            if (t.from() != previous) {
                violations.add("(b) transition to " + t.to() + " starts from " + t.from() + ", not " + previous);
            }
            previous = t.to();
        }
        if (previous != Phase.FINISHED) {
            violations.add("(b) the transitions end in " + previous + ", not FINISHED");
        }
        if (outcome == Outcome.SUCCEEDED) {
            TrafficSplit promised = s.getSplitWanted() != null ? s.getSplitWanted() : r.splitAtStart();
            if (!actual.equals(promised)) {
                violations.add("(b) SUCCEEDED, but AWS reports " + actual + " instead of the promised " + promised);
            }
        }
        if (outcome == Outcome.ROLLED_BACK && !actual.equals(TrafficSplit.allTo(s.getStableSlot()))) {
            violations.add("(b) ROLLED_BACK, but AWS reports " + actual + ", not all on " + s.getStableSlot());
        }
        if ((outcome == Outcome.FAILED || outcome == Outcome.READY_NOT_PROMOTED) && !actual.equals(r.splitAtStart())) {
            violations.add("(b) " + outcome + " says traffic was left alone, but it moved from " + r.splitAtStart()
                    + " to " + actual + ": " + record.getOutcomeMessage());
        }
    }

    /** @return whether all traffic is on one healthy slot */
    private static boolean checkTraffic(Rig rig, Driver.Result r, TrafficSplit actual, boolean loud,
            List<String> violations) {
        boolean blue = healthy(rig, r.scenario(), Slot.BLUE);
        boolean green = healthy(rig, r.scenario(), Slot.GREEN);
        Optional<Slot> sole = actual.soleSlot();
        if (sole.isPresent() && (sole.get() == Slot.BLUE ? blue : green)) {
            return true;
        }
        Slot previouslyActive = r.splitAtStart().soleSlot().orElseThrow();
        if (!blue && !green) {
            if (!loud || !actual.equals(TrafficSplit.allTo(previouslyActive))) {
                violations.add("(a) neither slot is healthy, and the run did not leave traffic on " + previouslyActive
                        + " with a loud ROLLBACK_FAILED: traffic " + actual + ", outcome " + r.outcome());
            }
            return false;
        }
        if (!loud) {
            violations.add("(a) traffic is " + actual + " but only " + (blue ? "blue" : "green")
                    + " is healthy; outcome " + r.outcome() + ": " + r.state().getRecord().getOutcomeMessage());
        }
        return false;
    }

    /**
     * A slot can serve when its service runs tasks and its target group's health checks pass; the endpoints of a
     * slot of kind none (Route 53 scenarios) always can; an App Runner service can unless it is paused.
     */
    static boolean healthy(Rig rig, Scenario scenario, Slot slot) {
        if (scenario.appRunner()) {
            String arn = slot == Slot.BLUE ? FakeAws.APP_RUNNER_BLUE_ARN : FakeAws.APP_RUNNER_GREEN_ARN;
            return rig.aws.read((FakeAwsState s) -> !s.appRunnerServices.get(arn).status.equals("PAUSED"));
        }
        if (scenario.dns()) {
            return true;
        }
        if (scenario.ecsNative()) {
            String arn = slot == Slot.BLUE ? EcsNativeSeed.BLUE_TARGET_GROUP_ARN : EcsNativeSeed.GREEN_TARGET_GROUP_ARN;
            return rig.aws.read((FakeAwsState s) -> !s.targetGroups.get(arn).unhealthy && s.service(EcsNativeSeed
                    .SERVICE).tasks.stream().anyMatch(t -> arn.equals(t.targetGroupArn == null
                            ? EcsNativeSeed.BLUE_TARGET_GROUP_ARN : t.targetGroupArn)));
        }
        if (scenario.codeDeploy()) {
            String arn = slot == Slot.BLUE ? FakeAws.BLUE_TARGET_GROUP_ARN : FakeAws.GREEN_TARGET_GROUP_ARN;
            return rig.aws.read((FakeAwsState s) -> !s.targetGroups.get(arn).unhealthy && s.taskSets.stream()
                    .anyMatch(t -> t.targetGroupArn.equals(arn) && !t.tasks.isEmpty()));
        }
        String service = slot == Slot.BLUE ? FakeAws.BLUE_SERVICE : FakeAws.GREEN_SERVICE;
        String group = slot == Slot.BLUE ? FakeAws.BLUE_TARGET_GROUP : FakeAws.GREEN_TARGET_GROUP;
        return rig.aws.read((FakeAwsState s) -> !s.targetGroupNamed(group).unhealthy
                && !s.service(service).tasks.isEmpty());
    }

    private static boolean isLoud(String message) {
        return message.contains("ROLLBACK FAILED") || message.contains("NEITHER SLOT")
                || message.contains("ALL TRAFFIC IS ON");
    }

    private static void checkWords(String what, String text, List<String> violations) {
        if (text == null || text.isBlank()) {
            violations.add("(c) an empty " + what);
        } else if (NULL_WORD.matcher(text).find() || QUALIFIED_CLASS.matcher(text).find()
                || namesJavaException(text) || text.contains("Internal error")) {
            violations.add("(c) the " + what + " shows a class name, 'null' or an internal error: " + text);
        }
    }

    /** Whether the text names a Java exception class, as a message made from {@code e.toString()} would. */
    private static boolean namesJavaException(String text) {
        Matcher m = THROWABLE_NAME.matcher(text);
        while (m.find()) {
            for (String pkg : EXCEPTION_PACKAGES) {
                try {
                    if (Throwable.class.isAssignableFrom(Class.forName(pkg + "." + m.group()))) {
                        return true;
                    }
                } catch (ClassNotFoundException notThere) {
                    // not a class of this package; try the next
                }
            }
        }
        return false;
    }
}
