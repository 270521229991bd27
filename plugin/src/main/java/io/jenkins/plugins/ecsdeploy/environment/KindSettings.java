package io.jenkins.plugins.ecsdeploy.environment;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.config.ListenerConfig;
import io.jenkins.plugins.ecsdeploy.core.config.SlotsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of environment a Jenkins-configured environment is, when it is not the form's own kind (ECS services
 * behind the ALB listener given in the form): the sections of the core YAML format that describe the other kinds,
 * typed in one text area, so every kind the command line runs can be configured here too, with the same names and
 * the same error messages, without a form per kind. Everything else (region, credentials, health, analysis, smoke
 * checks) stays in the form.
 */
final class KindSettings {

    /** The top-level sections that say what kind an environment is; anything else belongs in the form. */
    static final Set<String> SECTIONS = Set.of("route53", "slots", "codeDeploy", "ecsNative");

    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^([A-Za-z0-9_]+)\\s*:", Pattern.MULTILINE);

    private KindSettings() {
    }

    /**
     * @param yaml top-level sections of the environment YAML, or null/blank for the form's own kind
     * @return the sections read, in an otherwise empty configuration; null for none
     * @throws IllegalArgumentException naming the section or field that is wrong
     */
    @CheckForNull
    static EnvironmentConfig parse(@CheckForNull String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return null;
        }
        List<String> misplaced = new ArrayList<>();
        Matcher m = TOP_LEVEL_KEY.matcher(yaml);
        while (m.find()) {
            if (!SECTIONS.contains(m.group(1))) {
                misplaced.add(m.group(1));
            }
        }
        if (!misplaced.isEmpty()) {
            throw new IllegalArgumentException("kindYaml: " + String.join(", ", misplaced)
                    + (misplaced.size() == 1 ? " does" : " do") + " not belong here; only the sections "
                    + String.join(", ", SECTIONS.stream().sorted().toList())
                    + " do. Set everything else in the form's own fields.");
        }
        return ConfigLoader.parse(yaml, "kind of environment");
    }

    /**
     * The form's configuration with the kind's sections put in. Route 53 records replace the listener, and where
     * AWS runs the deployments itself (CodeDeploy, an ECS-native strategy) listeners and slots are read from AWS: the
     * form's listener and slots are left out unless the form names them, in which case the engine's validation says
     * to remove one of them. The YAML's slots replace the form's.
     */
    static EnvironmentConfig apply(EnvironmentConfig form, @CheckForNull EnvironmentConfig kind, boolean formListener,
            boolean formSlots) {
        if (kind == null) {
            return form;
        }
        boolean elsewhere = kind.route53() != null || kind.managedByAws();
        ListenerConfig listener = elsewhere && !formListener ? null : form.listener();
        SlotsConfig slots = kind.slots() != null ? kind.slots()
                : kind.managedByAws() && !formSlots ? null : form.slots();
        return new EnvironmentConfig(form.name(), form.region(), form.endpointUrl(), form.cluster(), form.container(),
                slots, listener, form.testListener(), form.health(), form.smokeChecks(), form.analysis(),
                kind.route53(), kind.codeDeploy(), kind.ecsNative());
    }
}
