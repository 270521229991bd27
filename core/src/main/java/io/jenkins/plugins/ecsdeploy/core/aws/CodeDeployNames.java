package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.CodeDeployConfig;

/** How messages name a CodeDeploy environment's things. */
final class CodeDeployNames {

    private CodeDeployNames() {
    }

    static String group(CodeDeployConfig cd) {
        return "CodeDeploy deployment group '" + cd.deploymentGroup() + "' of application '" + cd.application()
                + "'";
    }

    /** The name in a target group ARN ({@code ...:targetgroup/NAME/id}), which CodeDeploy reports by name. */
    static String targetGroupName(String arn) {
        String[] parts = arn.substring(arn.indexOf("targetgroup/")).split("/");
        return parts[1];
    }
}
