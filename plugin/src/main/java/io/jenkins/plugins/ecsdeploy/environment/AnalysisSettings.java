package io.jenkins.plugins.ecsdeploy.environment;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.NoDataPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The canary analysis of an environment configured in Jenkins: the common thresholds are form fields, and the rest
 * (warn levels, dry runs, custom metrics and metric math, per-metric no-data policies) is the {@code analysis:}
 * section of the core YAML format, typed in one text area, so everything the command line accepts works here too
 * with the same names and the same error messages. A form field wins over the same setting in the YAML.
 */
final class AnalysisSettings {

    private AnalysisSettings() {
    }

    /**
     * @param yaml the body of an {@code analysis:} section, or null/blank for none
     * @throws IllegalArgumentException naming the field, as the YAML reader does
     */
    @CheckForNull
    static AnalysisConfig parse(@CheckForNull String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return null;
        }
        String indented = yaml.lines().map(l -> "  " + l).collect(Collectors.joining("\n"));
        return ConfigLoader.parse("analysis:\n" + indented + "\n", "advanced analysis settings").analysis();
    }

    /** @throws IllegalArgumentException naming the field and the values it takes */
    @CheckForNull
    static NoDataPolicy noData(@CheckForNull String value) {
        String v = FieldText.trimmed(value);
        if (v == null) {
            return null;
        }
        try {
            return NoDataPolicy.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("noData: '" + v + "' is not one of PASS, FAIL, INCONCLUSIVE.", e);
        }
    }

    /** What the form's fields say, null where a field is empty. */
    record Form(Duration interval, Double maxErrorRatePercent, Double maxP50Millis, Double maxP95Millis,
            Double maxP99Millis, Long minRequests, Integer failureLimit, Integer inconclusiveLimit,
            NoDataPolicy noData, Double maxErrorRateIncrease, Double maxLatencyIncreasePercent, Double maxCpuPercent,
            Double maxMemoryPercent, List<String> alarms) {
    }

    /** The form's settings, with anything they leave empty taken from the YAML (or the engine's defaults). */
    static AnalysisConfig merge(Form form, @CheckForNull AnalysisConfig yaml) {
        AnalysisConfig base = yaml != null ? yaml : AnalysisConfig.defaults();
        return new AnalysisConfig(
                first(form.interval(), base.interval()),
                first(form.maxErrorRatePercent(), base.maxErrorRatePercent()),
                first(form.maxP95Millis(), base.maxP95Millis()),
                first(form.maxP99Millis(), base.maxP99Millis()),
                first(form.minRequests(), base.minRequests()),
                first(form.failureLimit(), base.failureLimit()),
                first(form.inconclusiveLimit(), base.inconclusiveLimit()),
                first(form.noData(), base.noData()),
                base.noDataPerMetric(),
                first(form.maxErrorRateIncrease(), base.maxErrorRateIncrease()),
                first(form.maxLatencyIncreasePercent(), base.maxLatencyIncreasePercent()),
                form.alarms() == null || form.alarms().isEmpty() ? base.alarms() : form.alarms(),
                first(form.maxP50Millis(), base.maxP50Millis()),
                base.maxP50IncreasePercent(),
                base.maxP95IncreasePercent(),
                first(form.maxCpuPercent(), base.maxCpuPercent()),
                base.maxCpuIncrease(),
                first(form.maxMemoryPercent(), base.maxMemoryPercent()),
                base.maxMemoryIncrease(),
                base.warn(),
                base.dryRun(),
                base.customMetrics());
    }

    private static <T> T first(@CheckForNull T a, @CheckForNull T b) {
        return a != null ? a : b;
    }
}
