package io.jenkins.plugins.ecsdeploy.core.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigValidator;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.dashboard.DashboardBody;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DashboardValidationMessage;

/**
 * Keeps an environment's CloudWatch dashboard as its configuration describes it. Publishing reads the dashboard
 * first and writes it only when it is missing or differs, so running it again changes nothing and makes no write.
 */
public final class CloudWatchDashboards {

    /** What publishing did. */
    public enum Action {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /**
     * @param name the dashboard's name
     * @param action what was done
     * @param warnings what CloudWatch said about a body it accepted, such as a metric it does not know
     */
    public record Result(String name, Action action, List<String> warnings) {
    }

    /** GetDashboard's answer for a dashboard that does not exist, as the Query and the CBOR protocols name it. */
    private static final Set<String> NOT_FOUND = Set.of("ResourceNotFound", "DashboardNotFoundError");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudWatchClient cw;

    public CloudWatchDashboards(CloudWatchClient cw) {
        this.cw = cw;
    }

    /**
     * Validates the configuration, resolves the environment with read-only calls, and publishes its dashboard.
     *
     * @throws io.jenkins.plugins.ecsdeploy.core.config.InvalidConfigException before any AWS call
     * @throws PreflightException when the environment's resources cannot be found
     * @throws AwsFailure when CloudWatch refuses, naming the permission to grant
     */
    public static Result publish(EnvironmentConfig config, AwsClients clients) {
        ConfigValidator.requireValid(config);
        ResolvedEnvironment env = AwsEnvironment.connect(clients, config.container()).resolver().resolve(config);
        Map<Slot, Map<String, String>> slots = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            slots.put(slot, CloudWatchDimensions.placeholders(env, slot));
        }
        String body = DashboardBody.json(config, slots, env.listenerArn());
        return new CloudWatchDashboards(clients.cloudWatch()).publish(DashboardBody.name(config), body);
    }

    /** Writes {@code body} as dashboard {@code name}, unless the dashboard already holds it. */
    public Result publish(String name, String body) {
        String current = current(name);
        if (current != null && sameJson(current, body)) {
            return new Result(name, Action.UNCHANGED, List.of());
        }
        List<DashboardValidationMessage> messages = AwsErrors.call("cloudwatch:PutDashboard", "dashboard " + name,
                null, () -> cw.putDashboard(r -> r.dashboardName(name).dashboardBody(body)))
                .dashboardValidationMessages();
        return new Result(name, current == null ? Action.CREATED : Action.UPDATED,
                messages.stream().map(m -> (m.dataPath() == null ? "" : m.dataPath() + ": ") + m.message()).toList());
    }

    /** The dashboard's body, or null when there is no dashboard of that name. */
    private String current(String name) {
        try {
            return cw.getDashboard(r -> r.dashboardName(name)).dashboardBody();
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && NOT_FOUND.contains(e.awsErrorDetails().errorCode())) {
                return null;
            }
            throw AwsErrors.translate(e, "cloudwatch:GetDashboard", "dashboard " + name, null);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "cloudwatch:GetDashboard", "dashboard " + name, null);
        }
    }

    /** Equal as JSON, so that a body CloudWatch gives back reformatted still counts as the same. */
    private static boolean sameJson(String a, String b) {
        try {
            JsonNode left = JSON.readTree(a);
            return left != null && left.equals(JSON.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
