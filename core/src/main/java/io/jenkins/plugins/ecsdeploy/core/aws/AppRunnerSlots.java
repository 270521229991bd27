package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.ServiceControl;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SlotHealth;
import io.jenkins.plugins.ecsdeploy.core.model.ImageReference;
import io.jenkins.plugins.ecsdeploy.core.model.ServiceSnapshot;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import io.jenkins.plugins.ecsdeploy.core.model.TaskDefinitionSummary;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.apprunner.model.OperationStatus;
import software.amazon.awssdk.services.apprunner.model.OperationSummary;
import software.amazon.awssdk.services.apprunner.model.Service;
import software.amazon.awssdk.services.apprunner.model.ServiceStatus;
import software.amazon.awssdk.services.apprunner.model.SourceConfiguration;

/**
 * The App Runner side of a slot, in the engine's terms: the service's image is its "task definition" (a deploy
 * registers nothing: the new image is the old one with another tag), an update is UpdateService with only the image
 * changed, readiness is App Runner's own operation status and the service RUNNING, and a slot scaled to zero is a
 * paused service (PauseService), scaled up a resumed one (ResumeService).
 *
 * <p>Operation status maps to the rollout state readiness reads: PENDING and IN_PROGRESS are IN_PROGRESS;
 * SUCCEEDED is COMPLETED; FAILED and every ROLLBACK_* are FAILED (App Runner rolled the update back), so a failed
 * update fails the deploy before traffic moves.
 */
public final class AppRunnerSlots implements ServiceControl, SlotHealth {

    private final AppRunnerClient appRunner;
    private final Map<Slot, String> serviceArns;

    /** @param serviceArns each slot's App Runner service ARN */
    public AppRunnerSlots(AppRunnerClient appRunner, Map<Slot, String> serviceArns) {
        this.appRunner = appRunner;
        this.serviceArns = Map.copyOf(serviceArns);
    }

    @Override
    public ServiceSnapshot describe(Slot slot) {
        Service service = service(slot);
        OperationSummary latest = latestOperation(slot);
        ServiceStatus status = service.status();
        String rollout = latest == null ? null : switch (latest.status()) {
            case SUCCEEDED -> "COMPLETED";
            case PENDING, IN_PROGRESS -> "IN_PROGRESS";
            default -> "FAILED";
        };
        String reason = latest == null ? null : "App Runner operation " + latest.typeAsString() + " " + latest.id()
                + " ended " + latest.statusAsString() + "; see the service's event log in the App Runner console";
        boolean paused = status == ServiceStatus.PAUSED;
        return new ServiceSnapshot(service.serviceName(), service.serviceArn(), service.statusAsString(),
                "APP_RUNNER", image(service), paused ? 0 : 1, status == ServiceStatus.RUNNING ? 1 : 0,
                status == ServiceStatus.OPERATION_IN_PROGRESS ? 1 : 0, rollout, reason, 1);
    }

    /** The image is the service's identity here: summarised as itself. */
    @Override
    public TaskDefinitionSummary taskDefinition(String image) {
        return new TaskDefinitionSummary(image, ImageReference.repositoryOf(image), 0, image);
    }

    @Override
    public String registerWithImageTag(String sourceImage, String imageTag) {
        return ImageReference.withTag(sourceImage, imageTag);
    }

    /** The service's default domain, {@code https://ID.REGION.awsapprunner.com}, as DescribeService gives it. */
    @Override
    public Optional<String> url(Slot slot) {
        String host = service(slot).serviceUrl();
        return host == null || host.isBlank() ? Optional.empty() : Optional.of("https://" + host);
    }

    /**
     * App Runner refuses to update a paused service, or one with an operation under way: a paused service is resumed
     * (ResumeService), and the update waits until App Runner reports it RUNNING. An update already under way is this
     * run's (it holds the lock), left to {@link #update}. A resume that App Runner could not finish fails the deploy.
     */
    @Override
    public Optional<String> prepareUpdate(Slot slot) {
        Service service = service(slot);
        if (service.status() == ServiceStatus.RUNNING) {
            return Optional.empty();
        }
        OperationSummary latest = latestOperation(slot);
        String type = latest == null ? null : latest.typeAsString();
        if (service.status() == ServiceStatus.PAUSED) {
            if ("RESUME_SERVICE".equals(type) && latest.status() == OperationStatus.FAILED) {
                throw new IllegalStateException("App Runner could not resume " + service.serviceName()
                        + " (operation " + latest.id() + " FAILED): see the service's event log in the App Runner"
                        + " console, then deploy again.");
            }
            call("ResumeService", slot, () -> appRunner.resumeService(b -> b.serviceArn(arn(slot))));
            return Optional.of(service.serviceName() + " was paused: resuming it (ResumeService), then it is updated");
        }
        if (service.status() == ServiceStatus.OPERATION_IN_PROGRESS && !"UPDATE_SERVICE".equals(type)) {
            return Optional.of("waiting for App Runner to finish " + type + " on " + service.serviceName());
        }
        return Optional.empty();
    }

    /**
     * Pauses the service traffic was rolled back from (PauseService): it stops costing compute, and is kept, with
     * its logs, for inspection; the next deploy to it resumes it. Idempotent: a service already paused, or with an
     * operation under way (a pause asked before a crash), is left alone. A failure is reported, not thrown: traffic
     * is safe by now.
     */
    @Override
    public Optional<String> rolledBackFrom(Slot slot) {
        String name = arn(slot);
        try {
            Service service = service(slot);
            name = service.serviceName();
            if (service.status() != ServiceStatus.RUNNING) {
                return Optional.of(name + " is " + service.statusAsString() + ", not paused again.");
            }
            call("PauseService", slot, () -> appRunner.pauseService(b -> b.serviceArn(arn(slot))));
            return Optional.of(name + " is being paused (PauseService), not deleted: its logs stay for inspection,"
                    + " and the next deploy to " + slot + " resumes it.");
        } catch (RuntimeException e) {
            return Optional.of("Could not pause " + name + " (" + e.getMessage() + "): pause it by hand once its"
                    + " logs are read (aws apprunner pause-service).");
        }
    }

    /**
     * Updates the service's image, keeping the rest of its source configuration. Idempotent, as a step may run again
     * after a crash: a service that already runs the image, or whose update is under way (this run holds the
     * lock, so the update is this run's), is left alone. {@link #prepareUpdate} has made the service RUNNING.
     */
    @Override
    public void update(Slot slot, String image, int desiredCount) {
        Service service = service(slot);
        OperationSummary latest = latestOperation(slot);
        boolean updating = service.status() == ServiceStatus.OPERATION_IN_PROGRESS && latest != null
                && "UPDATE_SERVICE".equals(latest.typeAsString());
        if (updating || service.status() == ServiceStatus.RUNNING && image.equals(image(service))) {
            return;
        }
        SourceConfiguration source = service.sourceConfiguration();
        SourceConfiguration updated = source.toBuilder()
                .imageRepository(source.imageRepository().toBuilder().imageIdentifier(image).build()).build();
        call("UpdateService", slot, () -> appRunner.updateService(b -> b.serviceArn(arn(slot))
                .sourceConfiguration(updated)));
    }

    /** Zero pauses the service; more resumes it. App Runner scales a running service by itself. */
    @Override
    public void scale(Slot slot, int desiredCount) {
        ServiceStatus status = service(slot).status();
        if (desiredCount == 0 && status == ServiceStatus.RUNNING) {
            call("PauseService", slot, () -> appRunner.pauseService(b -> b.serviceArn(arn(slot))));
        } else if (desiredCount > 0 && status == ServiceStatus.PAUSED) {
            call("ResumeService", slot, () -> appRunner.resumeService(b -> b.serviceArn(arn(slot))));
        }
    }

    /** One target: healthy while the service runs (also during an update, when the previous image serves). */
    @Override
    public TargetHealthSummary targetHealth(Slot slot) {
        ServiceStatus status = service(slot).status();
        boolean serving = status == ServiceStatus.RUNNING || status == ServiceStatus.OPERATION_IN_PROGRESS;
        return serving ? new TargetHealthSummary(1, 0, 1) : new TargetHealthSummary(0, 1, 1);
    }

    private Service service(Slot slot) {
        return call("DescribeService", slot, () -> appRunner.describeService(b -> b.serviceArn(arn(slot))))
                .service();
    }

    private OperationSummary latestOperation(Slot slot) {
        return call("ListOperations", slot, () -> appRunner.listOperations(b -> b.serviceArn(arn(slot))
                .maxResults(1))).operationSummaryList().stream().findFirst().orElse(null);
    }

    private static String image(Service service) {
        SourceConfiguration source = service.sourceConfiguration();
        return source == null || source.imageRepository() == null ? null : source.imageRepository()
                .imageIdentifier();
    }

    private String arn(Slot slot) {
        return serviceArns.get(slot);
    }

    private <T> T call(String operation, Slot slot, java.util.function.Supplier<T> body) {
        return AwsErrors.call("apprunner:" + operation, arn(slot), "slots." + slot.id() + ".service", body);
    }
}
