package io.jenkins.plugins.ecsdeploy.core.aws;

import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.ecs;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.ecsRequests;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.elb;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.elbRequests;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.form;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.json;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.xml;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.BLUE_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.GREEN_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.LB_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.LISTENER_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.MetricsSource;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.engine.port.PreflightException;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AwsEnvironmentTest {

    @RegisterExtension
    static WireMockExtension wire = AwsWire.server();

    private static final ResolvedEnvironment ENV = new ResolvedEnvironment(EcsReplies.CLUSTER_ARN, "shop-blue",
            "shop-green", BLUE_TG, GREEN_TG, LB_ARN, LISTENER_ARN, null, null, null);

    /** Stands in for the CloudWatch source, which has its own tests; here only its binding matters. */
    private record NoMetrics(ResolvedEnvironment env) implements MetricsSource {
        @Override
        public Map<Slot, IntervalMetrics> fetch(Instant start, Instant end) {
            return Map.of();
        }

        @Override
        public List<String> alarmsInAlarm(List<String> alarmNames) {
            return List.of();
        }
    }

    @Test
    void portsAreBoundToTheResolvedEnvironmentAndTheConfiguredContainer() {
        wire.stubFor(elb("ModifyListener").willReturn(xml(ElbReplies.modifyListener())));
        wire.stubFor(elb("DescribeListeners").willReturn(xml(ElbReplies.describeListeners(ElbReplies.listener(
                LISTENER_ARN, 443, ElbReplies.singleForward(BLUE_TG))))));
        wire.stubFor(ecs("DescribeTaskDefinition").willReturn(json(EcsReplies.describeTaskDefinition(
                EcsReplies.taskDefinition(EcsReplies.TD_ARN, "sidecar", "api"), "[]"))));
        List<ResolvedEnvironment> metricsBoundTo = new ArrayList<>();

        try (AwsClients clients = AwsClients.create(AwsWire.connection(wire))) {
            Ports ports = AwsEnvironment.connect(clients, "api").portsFactory(env -> {
                metricsBoundTo.add(env);
                return new NoMetrics(env);
            }).bind(ENV);

            ports.router().applySplit(TrafficSplit.allTo(Slot.GREEN));
            assertThat(ports.services().taskDefinition(EcsReplies.TD_ARN).image()).isEqualTo("api:1");
            assertThat(ports.metrics()).isEqualTo(new NoMetrics(ENV));
        }

        assertThat(metricsBoundTo).containsExactly(ENV);
        assertThat(form(elbRequests(wire, "ModifyListener").get(0))).containsEntry("ListenerArn", LISTENER_ARN);
        assertThat(ecsRequests(wire, "DescribeTaskDefinition")).hasSize(1);
    }

    @Test
    void theResolverUsesTheSameClients() {
        wire.stubFor(ecs("DescribeClusters").willReturn(json(EcsReplies.clusterMissing("shop"))));

        try (AwsClients clients = AwsClients.create(AwsWire.connection(wire))) {
            EnvironmentResolver resolver = AwsEnvironment.connect(clients, "api").resolver();
            assertThatThrownBy(() -> resolver.resolve(new EnvironmentConfig(
                    "shop", "eu-west-1", null, "shop", "api", null, null, null, null, null, null)))
                    .isInstanceOf(PreflightException.class)
                    .hasMessageContaining("ECS cluster 'shop' (cluster) was not found")
                    .hasMessageContaining("slots is incomplete")
                    .hasMessageContaining("listener is not set");
        }
        assertThat(ecsRequests(wire, "DescribeClusters")).hasSize(1);
    }

    @Test
    void aMissingContainerNameIsRefusedUpFront() {
        try (AwsClients clients = AwsClients.create(AwsWire.connection(wire))) {
            assertThatThrownBy(() -> AwsEnvironment.connect(clients, " "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("container is not set");
        }
    }
}
