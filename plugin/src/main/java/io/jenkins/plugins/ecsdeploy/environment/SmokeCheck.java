package io.jenkins.plugins.ecsdeploy.environment;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.config.SmokeCheckConfig;
import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** One HTTP check made against the new slot before production traffic moves, as configured in Jenkins. */
public final class SmokeCheck implements Describable<SmokeCheck>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String url;
    private String expectedStatus;
    private String bodyContains;
    private String versionHeader;
    private boolean versionInBody;
    private String maxLatency;
    private String retries;
    private String retryDelay;

    @DataBoundConstructor
    public SmokeCheck(String url) {
        this.url = FieldText.trimmed(url);
    }

    public String getUrl() {
        return url;
    }

    public String getExpectedStatus() {
        return expectedStatus;
    }

    @DataBoundSetter
    public void setExpectedStatus(String expectedStatus) {
        this.expectedStatus = FieldText.trimmed(expectedStatus);
    }

    public String getBodyContains() {
        return bodyContains;
    }

    @DataBoundSetter
    public void setBodyContains(String bodyContains) {
        this.bodyContains = FieldText.trimmed(bodyContains);
    }

    public String getVersionHeader() {
        return versionHeader;
    }

    @DataBoundSetter
    public void setVersionHeader(String versionHeader) {
        this.versionHeader = FieldText.trimmed(versionHeader);
    }

    public boolean isVersionInBody() {
        return versionInBody;
    }

    @DataBoundSetter
    public void setVersionInBody(boolean versionInBody) {
        this.versionInBody = versionInBody;
    }

    public String getMaxLatency() {
        return maxLatency;
    }

    @DataBoundSetter
    public void setMaxLatency(String maxLatency) {
        this.maxLatency = FieldText.trimmed(maxLatency);
    }

    public String getRetries() {
        return retries;
    }

    @DataBoundSetter
    public void setRetries(String retries) {
        this.retries = FieldText.trimmed(retries);
    }

    public String getRetryDelay() {
        return retryDelay;
    }

    @DataBoundSetter
    public void setRetryDelay(String retryDelay) {
        this.retryDelay = FieldText.trimmed(retryDelay);
    }

    /** @throws IllegalArgumentException naming the field that cannot be read */
    public SmokeCheckConfig toConfig() {
        return new SmokeCheckConfig(url,
                FieldText.integer("expectedStatus", expectedStatus),
                bodyContains,
                versionHeader,
                versionInBody,
                FieldText.duration("maxLatency", maxLatency),
                FieldText.integer("retries", retries),
                FieldText.duration("retryDelay", retryDelay));
    }

    /** Form checks for a smoke check. */
    @Extension
    @Symbol("smokeCheck")
    public static final class DescriptorImpl extends Descriptor<SmokeCheck> {

        @Override
        public String getDisplayName() {
            return Messages.SmokeCheck_displayName();
        }

        public FormValidation doCheckUrl(@QueryParameter String value) {
            String v = FieldText.trimmed(value);
            if (v == null) {
                return FormValidation.error(Messages.SmokeCheck_urlRequired());
            }
            try {
                URI uri = URI.create(v);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    return FormValidation.error(Messages.SmokeCheck_urlScheme());
                }
            } catch (IllegalArgumentException e) {
                return FormValidation.error(Messages.SmokeCheck_urlScheme());
            }
            return FormValidation.ok();
        }

        public FormValidation doCheckExpectedStatus(@QueryParameter String value) {
            return FormChecks.wholeNumber("expectedStatus", value);
        }

        public FormValidation doCheckMaxLatency(@QueryParameter String value) {
            return FormChecks.duration("maxLatency", value);
        }

        public FormValidation doCheckRetries(@QueryParameter String value) {
            return FormChecks.wholeNumber("retries", value);
        }

        public FormValidation doCheckRetryDelay(@QueryParameter String value) {
            return FormChecks.duration("retryDelay", value);
        }
    }
}
