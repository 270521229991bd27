package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;

/**
 * App Runner in its JSON 1.0 protocol, the calls an App Runner slot makes: DescribeService, UpdateService (image
 * only), PauseService, ResumeService, ListOperations. Operations progress on the fake's clock: each ends
 * {@link FakeAwsState#appRunnerOperationSeconds} after it started; an update to one of
 * {@link FakeAwsState#failingImages} ends ROLLBACK_SUCCEEDED with the previous image, as App Runner rolls back a
 * failed deployment; a resume of one of {@link FakeAwsState#appRunnerStuckResumes} ends FAILED, the service still
 * PAUSED. A service accepts no operation while one is in progress (InvalidStateException).
 */
final class FakeAppRunner {

    static final String TARGET_PREFIX = "AppRunner.";

    private final Clock clock;

    FakeAppRunner(Clock clock) {
        this.clock = clock;
    }

    String handle(String action, JsonNode request, FakeAwsState s) {
        if (action.equals("ListServices")) {
            ObjectNode reply = JSON.createObjectNode();
            ArrayNode list = reply.putArray("ServiceSummaryList");
            s.appRunnerServices.values().forEach(v -> list.addObject().put("ServiceName", v.name)
                    .put("ServiceId", v.id).put("ServiceArn", v.arn).put("ServiceUrl", v.url).put("Status", v.status));
            return reply.toString();
        }
        FakeAwsState.AppRunnerService service = service(s, request.path("ServiceArn").asText());
        settle(service, s);
        ObjectNode reply = JSON.createObjectNode();
        switch (action) {
            case "DescribeService" -> describe(service, reply.putObject("Service"));
            case "ListOperations" -> {
                ArrayNode list = reply.putArray("OperationSummaryList");
                int max = request.path("MaxResults").asInt(20);
                for (FakeAwsState.AppRunnerOperation op : service.operations.subList(0,
                        Math.min(max, service.operations.size()))) {
                    list.addObject().put("Id", op.id).put("Type", op.type).put("Status", op.status)
                            .put("TargetArn", service.arn).put("StartedAt", op.startedAt);
                }
            }
            case "UpdateService" -> {
                requireIdle(service, "RUNNING");
                String image = request.path("SourceConfiguration").path("ImageRepository").path("ImageIdentifier")
                        .asText(null);
                if (image == null) {
                    throw AwsError.client("InvalidRequestException", "The fake App Runner updates images only.");
                }
                start(service, "UPDATE_SERVICE", image, s, reply);
            }
            case "PauseService" -> {
                requireIdle(service, "RUNNING");
                start(service, "PAUSE_SERVICE", null, s, reply);
            }
            case "ResumeService" -> {
                requireIdle(service, "PAUSED");
                start(service, "RESUME_SERVICE", null, s, reply);
            }
            default -> throw AwsError.client("UnknownOperationException",
                    "The fake App Runner does not implement " + action + ".");
        }
        return reply.toString();
    }

    /** Ends the operations whose time has come. */
    private void settle(FakeAwsState.AppRunnerService service, FakeAwsState s) {
        long now = clock.instant().getEpochSecond();
        for (FakeAwsState.AppRunnerOperation op : service.operations) {
            if (!op.status.equals("IN_PROGRESS") || op.endsAt > now) {
                continue;
            }
            switch (op.type) {
                case "UPDATE_SERVICE" -> {
                    boolean fails = s.failingImages.contains(op.targetImage);
                    op.status = fails ? "ROLLBACK_SUCCEEDED" : "SUCCEEDED";
                    service.image = fails ? service.image : op.targetImage;
                    service.status = "RUNNING";
                }
                case "PAUSE_SERVICE" -> {
                    op.status = "SUCCEEDED";
                    service.status = "PAUSED";
                }
                case "RESUME_SERVICE" -> {
                    boolean stuck = s.appRunnerStuckResumes.contains(service.arn);
                    op.status = stuck ? "FAILED" : "SUCCEEDED";
                    service.status = stuck ? "PAUSED" : "RUNNING";
                }
                default -> {
                    op.status = "SUCCEEDED";
                    service.status = "RUNNING";
                }
            }
        }
    }

    private void start(FakeAwsState.AppRunnerService service, String type, String image, FakeAwsState s,
            ObjectNode reply) {
        FakeAwsState.AppRunnerOperation op = new FakeAwsState.AppRunnerOperation();
        op.id = "op-" + s.nextId();
        op.type = type;
        op.targetImage = image;
        op.startedAt = clock.instant().getEpochSecond();
        op.endsAt = op.startedAt + s.appRunnerOperationSeconds;
        service.operations.add(0, op);
        service.status = "OPERATION_IN_PROGRESS";
        reply.put("OperationId", op.id);
        describe(service, reply.putObject("Service"));
    }

    private static void requireIdle(FakeAwsState.AppRunnerService service, String needed) {
        if (!service.status.equals(needed)) {
            throw AwsError.client("InvalidStateException", "Service " + service.arn + " is in " + service.status
                    + " state; this action needs " + needed + ".");
        }
    }

    private static void describe(FakeAwsState.AppRunnerService service, ObjectNode out) {
        out.put("ServiceName", service.name).put("ServiceId", service.id).put("ServiceArn", service.arn)
                .put("ServiceUrl", service.url).put("Status", service.status).put("CreatedAt", 1_700_000_000)
                .put("UpdatedAt", 1_700_000_000);
        ObjectNode source = out.putObject("SourceConfiguration");
        source.put("AutoDeploymentsEnabled", false);
        ObjectNode repo = source.putObject("ImageRepository");
        repo.put("ImageIdentifier", service.image).put("ImageRepositoryType", "ECR");
        repo.putObject("ImageConfiguration").put("Port", "8080");
        source.putObject("AuthenticationConfiguration").put("AccessRoleArn",
                "arn:aws:iam::" + FakeAws.ACCOUNT + ":role/apprunner-ecr-access");
        out.putObject("InstanceConfiguration").put("Cpu", "1024").put("Memory", "2048");
    }

    private static FakeAwsState.AppRunnerService service(FakeAwsState s, String arn) {
        FakeAwsState.AppRunnerService service = s.appRunnerServices.get(arn);
        if (service == null) {
            throw AwsError.client("ResourceNotFoundException", "Service " + arn + " does not exist.");
        }
        return service;
    }
}
