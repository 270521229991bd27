package io.jenkins.plugins.ecsdeploy.environment;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.config.HealthConfig;
import io.jenkins.plugins.ecsdeploy.core.config.ListenerConfig;
import io.jenkins.plugins.ecsdeploy.core.config.NoDataPolicy;
import io.jenkins.plugins.ecsdeploy.core.config.SlotConfig;
import io.jenkins.plugins.ecsdeploy.core.config.SlotsConfig;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A named deployment environment as configured in Manage Jenkins or on a folder: the same fields as the core YAML
 * format, kept as the text the user typed (so a bad value is reported, not silently dropped) and converted to an
 * {@link EnvironmentConfig} when a deployment starts. Holds a credentials id, never a secret.
 */
public final class DeploymentEnvironment implements Describable<DeploymentEnvironment>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;
    private boolean defaultEnvironment;
    private String credentialsId;
    private String region;
    private String roleArn;
    private String externalId;
    private String endpointUrl;
    private String cluster;
    private String container;
    private String blueService;
    private String blueTargetGroup;
    private String greenService;
    private String greenTargetGroup;
    private String listenerArn;
    private String listenerLoadBalancer;
    private String listenerPort;
    private String listenerRuleArn;
    private String listenerRulePriority;
    private String testListenerArn;
    private String testListenerLoadBalancer;
    private String testListenerPort;
    private String testListenerRuleArn;
    private String testListenerRulePriority;
    private String readinessTimeout;
    private String pollInterval;
    private String bakeTime;
    private String scaleDownOldAfter;
    private String alarms;
    private String analysisInterval;
    private String maxErrorRatePercent;
    private String maxP99Millis;
    private String minRequests;
    private String failureLimit;
    private String inconclusiveLimit;
    private String maxP50Millis;
    private String maxP95Millis;
    private String maxErrorRateIncrease;
    private String maxLatencyIncreasePercent;
    private String maxCpuPercent;
    private String maxMemoryPercent;
    private String noData;
    private String analysisYaml;
    /** The kind's sections of the YAML format (see {@link KindSettings}) when it is not the form's own kind. */
    private String kindYaml;
    /** Create or update the environment's CloudWatch dashboard when a deployment starts. */
    private boolean publishDashboard;
    private List<SmokeCheck> smokeChecks = new ArrayList<>();
    /** Folders whose jobs may use this environment, one full name per line; empty: every job. Global only. */
    private String allowedFolders;
    /** Without a credentials id, use the controller's own AWS identity. Only an administrator's choice counts. */
    private boolean useControllerIdentity;

    @DataBoundConstructor
    public DeploymentEnvironment(String name) {
        this.name = FieldText.trimmed(name);
    }

    public String getName() {
        return name;
    }

    public boolean isDefaultEnvironment() {
        return defaultEnvironment;
    }

    @DataBoundSetter
    public void setDefaultEnvironment(boolean defaultEnvironment) {
        this.defaultEnvironment = defaultEnvironment;
    }

    public String getAllowedFolders() {
        return allowedFolders;
    }

    @DataBoundSetter
    public void setAllowedFolders(String allowedFolders) {
        this.allowedFolders = FieldText.trimmed(allowedFolders);
    }

    /** The folders of {@link #getAllowedFolders}, without slashes around them; empty when every job may use it. */
    public List<String> allowedFolderNames() {
        return FieldText.list(allowedFolders).stream()
                .map(f -> f.replaceAll("^/+|/+$", ""))
                .filter(f -> !f.isEmpty())
                .toList();
    }

    /** Whether a job of this full name may use the environment (restrictions apply to global environments). */
    public boolean allows(String jobFullName) {
        List<String> folders = allowedFolderNames();
        return folders.isEmpty() || folders.stream().anyMatch(f -> jobFullName.startsWith(f + "/"));
    }

    public boolean isUseControllerIdentity() {
        return useControllerIdentity;
    }

    @DataBoundSetter
    public void setUseControllerIdentity(boolean useControllerIdentity) {
        this.useControllerIdentity = useControllerIdentity;
    }

    public List<SmokeCheck> getSmokeChecks() {
        return smokeChecks == null ? List.of() : List.copyOf(smokeChecks);
    }

    @DataBoundSetter
    public void setSmokeChecks(@CheckForNull List<SmokeCheck> smokeChecks) {
        this.smokeChecks = smokeChecks == null ? new ArrayList<>() : new ArrayList<>(smokeChecks);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = FieldText.trimmed(credentialsId);
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = FieldText.trimmed(region);
    }

    public String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = FieldText.trimmed(roleArn);
    }

    public String getExternalId() {
        return externalId;
    }

    @DataBoundSetter
    public void setExternalId(String externalId) {
        this.externalId = FieldText.trimmed(externalId);
    }

    public String getEndpointUrl() {
        return endpointUrl;
    }

    @DataBoundSetter
    public void setEndpointUrl(String endpointUrl) {
        this.endpointUrl = FieldText.trimmed(endpointUrl);
    }

    public String getCluster() {
        return cluster;
    }

    @DataBoundSetter
    public void setCluster(String cluster) {
        this.cluster = FieldText.trimmed(cluster);
    }

    public String getContainer() {
        return container;
    }

    @DataBoundSetter
    public void setContainer(String container) {
        this.container = FieldText.trimmed(container);
    }

    public String getBlueService() {
        return blueService;
    }

    @DataBoundSetter
    public void setBlueService(String blueService) {
        this.blueService = FieldText.trimmed(blueService);
    }

    public String getBlueTargetGroup() {
        return blueTargetGroup;
    }

    @DataBoundSetter
    public void setBlueTargetGroup(String blueTargetGroup) {
        this.blueTargetGroup = FieldText.trimmed(blueTargetGroup);
    }

    public String getGreenService() {
        return greenService;
    }

    @DataBoundSetter
    public void setGreenService(String greenService) {
        this.greenService = FieldText.trimmed(greenService);
    }

    public String getGreenTargetGroup() {
        return greenTargetGroup;
    }

    @DataBoundSetter
    public void setGreenTargetGroup(String greenTargetGroup) {
        this.greenTargetGroup = FieldText.trimmed(greenTargetGroup);
    }

    public String getListenerArn() {
        return listenerArn;
    }

    @DataBoundSetter
    public void setListenerArn(String listenerArn) {
        this.listenerArn = FieldText.trimmed(listenerArn);
    }

    public String getListenerLoadBalancer() {
        return listenerLoadBalancer;
    }

    @DataBoundSetter
    public void setListenerLoadBalancer(String listenerLoadBalancer) {
        this.listenerLoadBalancer = FieldText.trimmed(listenerLoadBalancer);
    }

    public String getListenerPort() {
        return listenerPort;
    }

    @DataBoundSetter
    public void setListenerPort(String listenerPort) {
        this.listenerPort = FieldText.trimmed(listenerPort);
    }

    public String getListenerRuleArn() {
        return listenerRuleArn;
    }

    @DataBoundSetter
    public void setListenerRuleArn(String listenerRuleArn) {
        this.listenerRuleArn = FieldText.trimmed(listenerRuleArn);
    }

    public String getListenerRulePriority() {
        return listenerRulePriority;
    }

    @DataBoundSetter
    public void setListenerRulePriority(String listenerRulePriority) {
        this.listenerRulePriority = FieldText.trimmed(listenerRulePriority);
    }

    public String getTestListenerArn() {
        return testListenerArn;
    }

    @DataBoundSetter
    public void setTestListenerArn(String testListenerArn) {
        this.testListenerArn = FieldText.trimmed(testListenerArn);
    }

    public String getTestListenerLoadBalancer() {
        return testListenerLoadBalancer;
    }

    @DataBoundSetter
    public void setTestListenerLoadBalancer(String testListenerLoadBalancer) {
        this.testListenerLoadBalancer = FieldText.trimmed(testListenerLoadBalancer);
    }

    public String getTestListenerPort() {
        return testListenerPort;
    }

    @DataBoundSetter
    public void setTestListenerPort(String testListenerPort) {
        this.testListenerPort = FieldText.trimmed(testListenerPort);
    }

    public String getTestListenerRuleArn() {
        return testListenerRuleArn;
    }

    @DataBoundSetter
    public void setTestListenerRuleArn(String testListenerRuleArn) {
        this.testListenerRuleArn = FieldText.trimmed(testListenerRuleArn);
    }

    public String getTestListenerRulePriority() {
        return testListenerRulePriority;
    }

    @DataBoundSetter
    public void setTestListenerRulePriority(String testListenerRulePriority) {
        this.testListenerRulePriority = FieldText.trimmed(testListenerRulePriority);
    }

    public String getReadinessTimeout() {
        return readinessTimeout;
    }

    @DataBoundSetter
    public void setReadinessTimeout(String readinessTimeout) {
        this.readinessTimeout = FieldText.trimmed(readinessTimeout);
    }

    public String getPollInterval() {
        return pollInterval;
    }

    @DataBoundSetter
    public void setPollInterval(String pollInterval) {
        this.pollInterval = FieldText.trimmed(pollInterval);
    }

    public String getBakeTime() {
        return bakeTime;
    }

    @DataBoundSetter
    public void setBakeTime(String bakeTime) {
        this.bakeTime = FieldText.trimmed(bakeTime);
    }

    public String getScaleDownOldAfter() {
        return scaleDownOldAfter;
    }

    @DataBoundSetter
    public void setScaleDownOldAfter(String scaleDownOldAfter) {
        this.scaleDownOldAfter = FieldText.trimmed(scaleDownOldAfter);
    }

    public String getAlarms() {
        return alarms;
    }

    @DataBoundSetter
    public void setAlarms(String alarms) {
        this.alarms = FieldText.trimmed(alarms);
    }

    public String getAnalysisInterval() {
        return analysisInterval;
    }

    @DataBoundSetter
    public void setAnalysisInterval(String analysisInterval) {
        this.analysisInterval = FieldText.trimmed(analysisInterval);
    }

    public String getMaxErrorRatePercent() {
        return maxErrorRatePercent;
    }

    @DataBoundSetter
    public void setMaxErrorRatePercent(String maxErrorRatePercent) {
        this.maxErrorRatePercent = FieldText.trimmed(maxErrorRatePercent);
    }

    public String getMaxP99Millis() {
        return maxP99Millis;
    }

    @DataBoundSetter
    public void setMaxP99Millis(String maxP99Millis) {
        this.maxP99Millis = FieldText.trimmed(maxP99Millis);
    }

    public String getMinRequests() {
        return minRequests;
    }

    @DataBoundSetter
    public void setMinRequests(String minRequests) {
        this.minRequests = FieldText.trimmed(minRequests);
    }

    public String getFailureLimit() {
        return failureLimit;
    }

    @DataBoundSetter
    public void setFailureLimit(String failureLimit) {
        this.failureLimit = FieldText.trimmed(failureLimit);
    }

    public String getInconclusiveLimit() {
        return inconclusiveLimit;
    }

    @DataBoundSetter
    public void setInconclusiveLimit(String inconclusiveLimit) {
        this.inconclusiveLimit = FieldText.trimmed(inconclusiveLimit);
    }

    /**
     * The core configuration of this environment. Does not validate it: callers run core's
     * {@code ConfigValidator}, which names every problem at once.
     *
     * @throws IllegalArgumentException naming a field whose text is not a number or duration
     */
    public String getMaxP50Millis() {
        return maxP50Millis;
    }

    @DataBoundSetter
    public void setMaxP50Millis(String maxP50Millis) {
        this.maxP50Millis = FieldText.trimmed(maxP50Millis);
    }

    public String getMaxP95Millis() {
        return maxP95Millis;
    }

    @DataBoundSetter
    public void setMaxP95Millis(String maxP95Millis) {
        this.maxP95Millis = FieldText.trimmed(maxP95Millis);
    }

    public String getMaxErrorRateIncrease() {
        return maxErrorRateIncrease;
    }

    @DataBoundSetter
    public void setMaxErrorRateIncrease(String maxErrorRateIncrease) {
        this.maxErrorRateIncrease = FieldText.trimmed(maxErrorRateIncrease);
    }

    public String getMaxLatencyIncreasePercent() {
        return maxLatencyIncreasePercent;
    }

    @DataBoundSetter
    public void setMaxLatencyIncreasePercent(String maxLatencyIncreasePercent) {
        this.maxLatencyIncreasePercent = FieldText.trimmed(maxLatencyIncreasePercent);
    }

    public String getMaxCpuPercent() {
        return maxCpuPercent;
    }

    @DataBoundSetter
    public void setMaxCpuPercent(String maxCpuPercent) {
        this.maxCpuPercent = FieldText.trimmed(maxCpuPercent);
    }

    public String getMaxMemoryPercent() {
        return maxMemoryPercent;
    }

    @DataBoundSetter
    public void setMaxMemoryPercent(String maxMemoryPercent) {
        this.maxMemoryPercent = FieldText.trimmed(maxMemoryPercent);
    }

    public String getNoData() {
        return noData;
    }

    @DataBoundSetter
    public void setNoData(String noData) {
        this.noData = FieldText.trimmed(noData);
    }

    public String getAnalysisYaml() {
        return analysisYaml;
    }

    @DataBoundSetter
    public void setAnalysisYaml(String analysisYaml) {
        this.analysisYaml = FieldText.trimmed(analysisYaml);
    }

    public String getKindYaml() {
        return kindYaml;
    }

    @DataBoundSetter
    public void setKindYaml(String kindYaml) {
        this.kindYaml = FieldText.trimmed(kindYaml);
    }

    public boolean isPublishDashboard() {
        return publishDashboard;
    }

    @DataBoundSetter
    public void setPublishDashboard(boolean publishDashboard) {
        this.publishDashboard = publishDashboard;
    }

    public EnvironmentConfig toConfig() {
        SlotsConfig slots = new SlotsConfig(new SlotConfig(blueService, blueTargetGroup),
                new SlotConfig(greenService, greenTargetGroup));
        ListenerConfig listener = new ListenerConfig(listenerArn, listenerLoadBalancer,
                FieldText.integer("listenerPort", listenerPort), listenerRuleArn,
                FieldText.integer("listenerRulePriority", listenerRulePriority));
        ListenerConfig testListener = hasTestListener()
                ? new ListenerConfig(testListenerArn, testListenerLoadBalancer,
                        FieldText.integer("testListenerPort", testListenerPort), testListenerRuleArn,
                        FieldText.integer("testListenerRulePriority", testListenerRulePriority))
                : null;
        HealthConfig health = new HealthConfig(
                FieldText.duration("readinessTimeout", readinessTimeout),
                FieldText.duration("pollInterval", pollInterval),
                FieldText.duration("bakeTime", bakeTime),
                FieldText.list(alarms),
                FieldText.duration("scaleDownOldAfter", scaleDownOldAfter));
        AnalysisConfig analysis = AnalysisSettings.merge(new AnalysisSettings.Form(
                FieldText.duration("analysisInterval", analysisInterval),
                FieldText.decimal("maxErrorRatePercent", maxErrorRatePercent),
                FieldText.decimal("maxP50Millis", maxP50Millis),
                FieldText.decimal("maxP95Millis", maxP95Millis),
                FieldText.decimal("maxP99Millis", maxP99Millis),
                FieldText.longValue("minRequests", minRequests),
                FieldText.integer("failureLimit", failureLimit),
                FieldText.integer("inconclusiveLimit", inconclusiveLimit),
                AnalysisSettings.noData(noData),
                FieldText.decimal("maxErrorRateIncrease", maxErrorRateIncrease),
                FieldText.decimal("maxLatencyIncreasePercent", maxLatencyIncreasePercent),
                FieldText.decimal("maxCpuPercent", maxCpuPercent),
                FieldText.decimal("maxMemoryPercent", maxMemoryPercent),
                FieldText.list(alarms)), AnalysisSettings.parse(analysisYaml));
        EnvironmentConfig form = new EnvironmentConfig(name, region, endpointUrl, cluster, container, slots, listener,
                testListener, health, getSmokeChecks().stream().map(SmokeCheck::toConfig).toList(), analysis);
        return KindSettings.apply(form, KindSettings.parse(kindYaml), hasListener(), hasSlots());
    }

    private boolean hasSlots() {
        return blueService != null || blueTargetGroup != null || greenService != null || greenTargetGroup != null;
    }

    private boolean hasListener() {
        return listenerArn != null || listenerLoadBalancer != null || listenerPort != null || listenerRuleArn != null
                || listenerRulePriority != null;
    }

    private boolean hasTestListener() {
        return testListenerArn != null || testListenerLoadBalancer != null || testListenerPort != null
                || testListenerRuleArn != null || testListenerRulePriority != null;
    }

    /** Form checks and drop-downs of an environment. */
    @Extension
    @Symbol("ecsEnvironment")
    public static final class DescriptorImpl extends Descriptor<DeploymentEnvironment> {

        @Override
        public String getDisplayName() {
            return Messages.DeploymentEnvironment_displayName();
        }

        public FormValidation doCheckName(@QueryParameter String value) {
            return FormChecks.required(value, Messages.DeploymentEnvironment_nameRequired());
        }

        public FormValidation doCheckRegion(@QueryParameter String value) {
            return FormChecks.required(value, Messages.DeploymentEnvironment_regionRequired());
        }

        public FormValidation doCheckCluster(@QueryParameter String value) {
            return FormChecks.required(value, Messages.DeploymentEnvironment_clusterRequired());
        }

        public FormValidation doCheckListenerPort(@QueryParameter String value) {
            return FormChecks.wholeNumber("listenerPort", value);
        }

        public FormValidation doCheckListenerRulePriority(@QueryParameter String value) {
            return FormChecks.wholeNumber("listenerRulePriority", value);
        }

        public FormValidation doCheckTestListenerPort(@QueryParameter String value) {
            return FormChecks.wholeNumber("testListenerPort", value);
        }

        public FormValidation doCheckTestListenerRulePriority(@QueryParameter String value) {
            return FormChecks.wholeNumber("testListenerRulePriority", value);
        }

        public FormValidation doCheckReadinessTimeout(@QueryParameter String value) {
            return FormChecks.duration("readinessTimeout", value);
        }

        public FormValidation doCheckPollInterval(@QueryParameter String value) {
            return FormChecks.duration("pollInterval", value);
        }

        public FormValidation doCheckBakeTime(@QueryParameter String value) {
            return FormChecks.duration("bakeTime", value);
        }

        public FormValidation doCheckScaleDownOldAfter(@QueryParameter String value) {
            return FormChecks.duration("scaleDownOldAfter", value);
        }

        public FormValidation doCheckAnalysisInterval(@QueryParameter String value) {
            return FormChecks.duration("analysisInterval", value);
        }

        public FormValidation doCheckMaxErrorRatePercent(@QueryParameter String value) {
            return FormChecks.number("maxErrorRatePercent", value);
        }

        public FormValidation doCheckMaxP99Millis(@QueryParameter String value) {
            return FormChecks.number("maxP99Millis", value);
        }

        public FormValidation doCheckMinRequests(@QueryParameter String value) {
            return FormChecks.wholeNumber("minRequests", value);
        }

        public FormValidation doCheckFailureLimit(@QueryParameter String value) {
            return FormChecks.wholeNumber("failureLimit", value);
        }

        public FormValidation doCheckInconclusiveLimit(@QueryParameter String value) {
            return FormChecks.wholeNumber("inconclusiveLimit", value);
        }

        public FormValidation doCheckMaxP50Millis(@QueryParameter String value) {
            return FormChecks.number("maxP50Millis", value);
        }

        public FormValidation doCheckMaxP95Millis(@QueryParameter String value) {
            return FormChecks.number("maxP95Millis", value);
        }

        public FormValidation doCheckMaxErrorRateIncrease(@QueryParameter String value) {
            return FormChecks.number("maxErrorRateIncrease", value);
        }

        public FormValidation doCheckMaxLatencyIncreasePercent(@QueryParameter String value) {
            return FormChecks.number("maxLatencyIncreasePercent", value);
        }

        public FormValidation doCheckMaxCpuPercent(@QueryParameter String value) {
            return FormChecks.number("maxCpuPercent", value);
        }

        public FormValidation doCheckMaxMemoryPercent(@QueryParameter String value) {
            return FormChecks.number("maxMemoryPercent", value);
        }

        public ListBoxModel doFillNoDataItems() {
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.DeploymentEnvironment_noDataDefault(), "");
            for (NoDataPolicy p : NoDataPolicy.values()) {
                model.add(p.name());
            }
            return model;
        }

        /** Checks the advanced analysis YAML as a deployment would read it, naming the field that is wrong. */
        @POST
        public FormValidation doCheckAnalysisYaml(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.READ);
            return FormChecks.yaml(() -> AnalysisSettings.parse(value));
        }

        /** Checks the kind's YAML sections as a deployment would read them, naming the section or field. */
        @POST
        public FormValidation doCheckKindYaml(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.READ);
            return FormChecks.yaml(() -> KindSettings.parse(value));
        }

        /** The AWS credentials the current user may pick, in the context of the folder being configured. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String credentialsId) {
            return CredentialsItems.fill(item, credentialsId);
        }
    }
}
