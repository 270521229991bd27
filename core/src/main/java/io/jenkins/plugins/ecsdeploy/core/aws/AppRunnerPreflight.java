package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.SlotsConfig;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.apprunner.model.Service;
import software.amazon.awssdk.services.apprunner.model.ServiceSummary;

/**
 * Finds each slot's App Runner service (by ARN, or by name among the account's services in the region) and checks
 * it can be deployed to: it exists, is not being deleted, and runs an image (not source code).
 */
final class AppRunnerPreflight {

    private final AppRunnerClient appRunner;
    private final Problems problems;

    AppRunnerPreflight(AppRunnerClient appRunner, Problems problems) {
        this.appRunner = appRunner;
        this.problems = problems;
    }

    /** Each found slot's service ARN; a slot with a problem is left out. */
    Map<Slot, String> resolve(SlotsConfig slots) {
        Map<Slot, String> arns = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            String field = "slots." + slot.id() + ".service";
            String given = slots.get(slot).service();
            String arn = given.startsWith("arn:") ? given : byName(given);
            if (arn == null) {
                problems.add(field + ": no App Runner service named '" + given + "' in this account and region: check"
                        + " the name (aws apprunner list-services), or give the service's ARN.");
                continue;
            }
            Service service = problems.read(() -> AwsErrors.call("apprunner:DescribeService", arn, field,
                    () -> appRunner.describeService(b -> b.serviceArn(arn))).service());
            if (service == null) {
                continue;
            }
            if (service.sourceConfiguration() == null || service.sourceConfiguration().imageRepository() == null) {
                problems.add(field + ": " + service.serviceName() + " is built from source code, not from an image:"
                        + " a deploy changes an image tag, so give services that run images.");
            } else if (service.statusAsString().startsWith("DELETE") || service.statusAsString().startsWith(
                    "CREATE_FAILED")) {
                problems.add(field + ": " + service.serviceName() + " is " + service.statusAsString() + ": give a"
                        + " service that exists and runs.");
            } else {
                arns.put(slot, arn);
            }
        }
        if (arns.size() == 2 && arns.get(Slot.BLUE).equals(arns.get(Slot.GREEN))) {
            problems.add("slots.green.service: the same App Runner service as slots.blue.service: blue and green need"
                    + " separate services.");
        }
        return arns;
    }

    private String byName(String name) {
        return AwsErrors.call("apprunner:ListServices", name, null, () -> {
            for (var page : appRunner.listServicesPaginator(b -> b.maxResults(20))) {
                for (ServiceSummary s : page.serviceSummaryList()) {
                    if (name.equals(s.serviceName())) {
                        return s.serviceArn();
                    }
                }
            }
            return null;
        });
    }
}
