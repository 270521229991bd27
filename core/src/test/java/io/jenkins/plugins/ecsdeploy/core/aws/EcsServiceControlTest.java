package io.jenkins.plugins.ecsdeploy.core.aws;

import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.ecs;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.ecsRequests;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.json;
import static io.jenkins.plugins.ecsdeploy.core.aws.EcsReplies.CLUSTER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.EcsReplies.FULL_TASK_DEFINITION;
import static io.jenkins.plugins.ecsdeploy.core.aws.EcsReplies.NEW_TD_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.EcsReplies.TAGS;
import static io.jenkins.plugins.ecsdeploy.core.aws.EcsReplies.TD_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.EcsReplies.deployment;
import static io.jenkins.plugins.ecsdeploy.core.aws.EcsReplies.describeServices;
import static io.jenkins.plugins.ecsdeploy.core.aws.EcsReplies.describeTaskDefinition;
import static io.jenkins.plugins.ecsdeploy.core.aws.EcsReplies.service;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.BLUE_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.GREEN_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.LB_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.LISTENER_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.ServiceSnapshot;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TaskDefinitionSummary;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

class EcsServiceControlTest {

    @RegisterExtension
    static WireMockExtension wire = AwsWire.server();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResolvedEnvironment ENV = new ResolvedEnvironment(CLUSTER_ARN, "shop-blue",
            "shop-green", BLUE_TG, GREEN_TG, LB_ARN, LISTENER_ARN, null, null, null);

    private AwsClients clients;
    private EcsServiceControl services;

    @BeforeEach
    void connect() {
        clients = AwsClients.create(AwsWire.connection(wire));
        services = new EcsServiceControl(clients.ecs(), ENV, "web");
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void describesTheSlotServiceWithThePrimaryRollout() throws Exception {
        wire.stubFor(ecs("DescribeServices").willReturn(json(describeServices(List.of(service("shop-green",
                "ACTIVE", "ECS", NEW_TD_ARN, 3, 2, 1, List.of(
                        deployment("ACTIVE", "COMPLETED", "done"),
                        deployment("PRIMARY", "IN_PROGRESS", "ECS deployment in progress.")))), List.of()))));

        ServiceSnapshot snapshot = services.describe(Slot.GREEN);

        assertThat(snapshot).isEqualTo(new ServiceSnapshot("shop-green",
                "arn:aws:ecs:eu-west-1:123456789012:service/shop/shop-green", "ACTIVE", "ECS", NEW_TD_ARN, 3, 2, 1,
                "IN_PROGRESS", "ECS deployment in progress.", 2));
        assertThat(snapshot.isSteady()).isFalse();
        JsonNode asked = body(ecsRequests(wire, "DescribeServices").get(0).getBodyAsString());
        assertThat(asked.get("cluster").asText()).isEqualTo(CLUSTER_ARN);
        assertThat(asked.get("services")).containsExactly(JSON.getNodeFactory().textNode("shop-green"));
    }

    @Test
    void aServiceWithoutAControllerUsesEcsAndAFinishedRolloutIsSteady() {
        wire.stubFor(ecs("DescribeServices").willReturn(json(describeServices(List.of(
                EcsReplies.steadyService("shop-blue", null, TD_ARN)), List.of()))));

        ServiceSnapshot snapshot = services.describe(Slot.BLUE);

        assertThat(snapshot.deploymentController()).isEqualTo("ECS");
        assertThat(snapshot.rolloutState()).isEqualTo("COMPLETED");
        assertThat(snapshot.isSteady()).isTrue();
    }

    @Test
    void aServiceEcsCannotFindIsAFailureNamingTheConfigField() {
        wire.stubFor(ecs("DescribeServices").willReturn(json(describeServices(List.of(), List.of(
                EcsReplies.missing("arn:aws:ecs:eu-west-1:123456789012:service/shop/shop-blue"))))));

        assertThatThrownBy(() -> services.describe(Slot.BLUE))
                .isInstanceOf(AwsFailure.class)
                .hasMessageContaining("service shop-blue in cluster " + CLUSTER_ARN)
                .hasMessageContaining("MISSING")
                .hasMessageContaining("slots.blue.service");
    }

    @Test
    void bothSlotsAreReadInOneCallAndAMissingOneNamesItsField() throws Exception {
        wire.stubFor(ecs("DescribeServices").willReturn(json(describeServices(List.of(
                EcsReplies.steadyService("shop-green", null, NEW_TD_ARN),
                EcsReplies.steadyService("shop-blue", null, TD_ARN)), List.of()))));

        var both = services.describeBoth();

        assertThat(both.get(Slot.BLUE).taskDefinitionArn()).isEqualTo(TD_ARN);
        assertThat(both.get(Slot.GREEN).taskDefinitionArn()).isEqualTo(NEW_TD_ARN);
        assertThat(ecsRequests(wire, "DescribeServices")).hasSize(1);
        assertThat(body(ecsRequests(wire, "DescribeServices").get(0).getBodyAsString()).get("services"))
                .containsExactly(JSON.getNodeFactory().textNode("shop-blue"),
                        JSON.getNodeFactory().textNode("shop-green"));

        wire.resetAll();
        wire.stubFor(ecs("DescribeServices").willReturn(json(describeServices(List.of(
                EcsReplies.steadyService("shop-blue", null, TD_ARN)), List.of(
                EcsReplies.missing("arn:aws:ecs:eu-west-1:123456789012:service/shop/shop-green"))))));
        assertThatThrownBy(() -> services.describeBoth()).isInstanceOf(AwsFailure.class)
                .hasMessageContaining("service shop-green in cluster").hasMessageContaining("MISSING")
                .hasMessageContaining("slots.green.service");
    }

    @Test
    void summarisesTheDeployedContainersImage() {
        wire.stubFor(ecs("DescribeTaskDefinition").willReturn(json(describeTaskDefinition(FULL_TASK_DEFINITION,
                TAGS))));

        TaskDefinitionSummary summary = services.taskDefinition(TD_ARN);

        assertThat(summary).isEqualTo(new TaskDefinitionSummary(TD_ARN, "shop", 41,
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.4.0"));
        assertThat(summary.imageTag()).isEqualTo("1.4.0");
    }

    @Test
    void aContainerNotInTheTaskDefinitionIsNamedWithTheOnesThatAre() {
        wire.stubFor(ecs("DescribeTaskDefinition").willReturn(json(describeTaskDefinition(
                EcsReplies.taskDefinition(TD_ARN, "app", "log-router"), "[]"))));
        EcsServiceControl wrongContainer = new EcsServiceControl(clients.ecs(), ENV, "web");

        assertThatThrownBy(() -> wrongContainer.taskDefinition(TD_ARN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(TD_ARN)
                .hasMessageContaining("no container named 'web'")
                .hasMessageContaining("['app', 'log-router']")
                .hasMessageContaining("Set container");
    }

    @Test
    void registersARevisionThatCopiesEveryFieldAndChangesOnlyTheImageTag() throws Exception {
        wire.stubFor(ecs("DescribeTaskDefinition").willReturn(json(describeTaskDefinition(FULL_TASK_DEFINITION,
                TAGS))));
        wire.stubFor(ecs("RegisterTaskDefinition").willReturn(json(EcsReplies.registerTaskDefinition(NEW_TD_ARN))));

        String arn = services.registerWithImageTag(TD_ARN, "1.5.0-rc.1");

        assertThat(arn).isEqualTo(NEW_TD_ARN);
        JsonNode described = body(ecsRequests(wire, "DescribeTaskDefinition").get(0).getBodyAsString());
        assertThat(described.get("taskDefinition").asText()).isEqualTo(TD_ARN);
        assertThat(described.get("include")).containsExactly(JSON.getNodeFactory().textNode("TAGS"));

        JsonNode source = body(FULL_TASK_DEFINITION);
        ObjectNode expected = JSON.createObjectNode();
        for (String field : registerFields()) {
            expected.set(field, field.equals("tags") ? body(TAGS) : source.get(field));
        }
        ((ObjectNode) expected.get("containerDefinitions").get(0))
                .put("image", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.5.0-rc.1");
        // Every field RegisterTaskDefinition accepts is in the canned source, so any field left uncopied fails here.
        assertThat(expected.properties()).allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isNotNull());
        JsonNode registered = body(ecsRequests(wire, "RegisterTaskDefinition").get(0).getBodyAsString());
        assertThat(registered).isEqualTo(expected);
    }

    @Test
    void aRevisionThePreflightReadWithItsTagsIsSummarisedAndCopiedWithoutAnotherRead() throws Exception {
        wire.stubFor(ecs("DescribeTaskDefinition").willReturn(json(describeTaskDefinition(FULL_TASK_DEFINITION,
                TAGS))));
        wire.stubFor(ecs("RegisterTaskDefinition").willReturn(json(EcsReplies.registerTaskDefinition(NEW_TD_ARN))));
        TaskDefinitionReads reads = new TaskDefinitionReads(clients.ecs());
        reads.withTags(TD_ARN);
        EcsServiceControl sharing = new EcsServiceControl(clients.ecs(), ENV, "web", reads);

        assertThat(sharing.taskDefinition(TD_ARN).image()).endsWith("shop/web:1.4.0");
        sharing.registerWithImageTag(TD_ARN, "1.5.0");

        assertThat(ecsRequests(wire, "DescribeTaskDefinition")).hasSize(1);
        assertThat(body(ecsRequests(wire, "RegisterTaskDefinition").get(0).getBodyAsString()).get("tags"))
                .isEqualTo(body(TAGS));
    }

    @Test
    void aRevisionReadWithoutItsTagsIsReadAgainWithThemForTheCopy() {
        wire.stubFor(ecs("DescribeTaskDefinition").willReturn(json(describeTaskDefinition(FULL_TASK_DEFINITION,
                TAGS))));
        wire.stubFor(ecs("RegisterTaskDefinition").willReturn(json(EcsReplies.registerTaskDefinition(NEW_TD_ARN))));

        services.taskDefinition(TD_ARN);
        services.registerWithImageTag(TD_ARN, "1.5.0");

        var described = ecsRequests(wire, "DescribeTaskDefinition");
        assertThat(described).hasSize(2);
        assertThat(described.get(1).getBodyAsString()).contains("TAGS");
    }

    @Test
    void aNewPreflightReadsTheRevisionAgainSoThatItsTagsAreFresh() {
        wire.stubFor(ecs("DescribeTaskDefinition").willReturn(json(describeTaskDefinition(FULL_TASK_DEFINITION,
                TAGS))));
        TaskDefinitionReads reads = new TaskDefinitionReads(clients.ecs());
        reads.withTags(TD_ARN);
        reads.withTags(TD_ARN);

        reads.forget();
        reads.withTags(TD_ARN);

        assertThat(ecsRequests(wire, "DescribeTaskDefinition")).hasSize(2);
    }

    @Test
    void fieldsTheSourceLacksAreLeftOutRatherThanSentEmpty() throws Exception {
        wire.stubFor(ecs("DescribeTaskDefinition").willReturn(json("{\"taskDefinition\": "
                + EcsReplies.taskDefinition(TD_ARN, "web") + "}")));
        wire.stubFor(ecs("RegisterTaskDefinition").willReturn(json(EcsReplies.registerTaskDefinition(NEW_TD_ARN))));

        services.registerWithImageTag(TD_ARN, "2");

        assertThat(body(ecsRequests(wire, "RegisterTaskDefinition").get(0).getBodyAsString())).isEqualTo(body(
                "{\"family\":\"shop\",\"containerDefinitions\":[{\"name\":\"web\",\"image\":\"web:2\"}]}"));
    }

    @Test
    void anInvalidTagIsRefusedBeforeAnythingIsAsked() {
        assertThatThrownBy(() -> services.registerWithImageTag(TD_ARN, "-bad tag"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'-bad tag'");
        assertThat(wire.getAllServeEvents()).isEmpty();
    }

    @Test
    void updatePointsTheServiceAtTheRevisionWithTheCount() throws Exception {
        wire.stubFor(ecs("UpdateService").willReturn(json(EcsReplies.updateService("shop-green"))));

        services.update(Slot.GREEN, NEW_TD_ARN, 3);

        assertThat(body(ecsRequests(wire, "UpdateService").get(0).getBodyAsString())).isEqualTo(body(
                "{\"cluster\":\"" + CLUSTER_ARN + "\",\"service\":\"shop-green\",\"desiredCount\":3,"
                        + "\"taskDefinition\":\"" + NEW_TD_ARN + "\"}"));
    }

    @Test
    void scaleChangesOnlyTheCount() throws Exception {
        wire.stubFor(ecs("UpdateService").willReturn(json(EcsReplies.updateService("shop-blue"))));

        services.scale(Slot.BLUE, 0);

        assertThat(body(ecsRequests(wire, "UpdateService").get(0).getBodyAsString())).isEqualTo(body(
                "{\"cluster\":\"" + CLUSTER_ARN + "\",\"service\":\"shop-blue\",\"desiredCount\":0}"));
    }

    @Test
    void aNegativeCountIsRefusedBeforeAnythingIsAsked() {
        assertThatThrownBy(() -> services.scale(Slot.BLUE, -1)).hasMessageContaining("-1");
        assertThat(wire.getAllServeEvents()).isEmpty();
    }

    private static Set<String> registerFields() {
        Set<String> names = new HashSet<>();
        for (SdkField<?> field : RegisterTaskDefinitionRequest.builder().build().sdkFields()) {
            names.add(field.locationName());
        }
        return names;
    }

    private static JsonNode body(String json) throws Exception {
        return JSON.readTree(json);
    }
}
