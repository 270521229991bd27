package io.jenkins.plugins.ecsdeploy.core.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.ACCESS_KEY;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.SECRET_KEY;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.ecs;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.elb;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.json;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

class AwsClientsTest {

    @RegisterExtension
    static WireMockExtension wire = AwsWire.server();

    @Test
    void everyClientGoesToTheEndpointSignedForItsServiceAndRegion() {
        wire.stubFor(elb("DescribeTargetHealth").willReturn(xml(ElbReplies.describeTargetHealth())));
        wire.stubFor(ecs("DescribeClusters").willReturn(json("{\"clusters\":[],\"failures\":[]}")));
        wire.stubFor(AwsWire.cloudWatch("DescribeAlarms").willReturn(xml(
                "<DescribeAlarmsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                        + "<DescribeAlarmsResult><MetricAlarms/></DescribeAlarmsResult>"
                        + "</DescribeAlarmsResponse>")));

        try (AwsClients clients = AwsClients.create(AwsWire.connection(wire))) {
            clients.elb().describeTargetHealth(b -> b.targetGroupArn(ElbReplies.BLUE_TG));
            clients.ecs().describeClusters(b -> b.clusters("shop"));
            clients.cloudWatch().describeAlarms(b -> b.alarmNames("shop-5xx"));
        }

        assertThat(wire.findAll(anyRequestedFor(anyUrl())))
                .extracting(r -> r.getHeader("Authorization"))
                .satisfiesExactly(
                        auth -> assertThat(auth).contains("Credential=" + ACCESS_KEY + "/")
                                .contains("/eu-west-1/elasticloadbalancing/aws4_request"),
                        auth -> assertThat(auth).contains("/eu-west-1/ecs/aws4_request"),
                        auth -> assertThat(auth).contains("/eu-west-1/monitoring/aws4_request"));
        assertThat(wire.findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getBodyAsString)
                .noneMatch(body -> body.contains(SECRET_KEY));
    }

    @Test
    void buildsEachClientOnceAndRefusesUseAfterClose() {
        AwsClients clients = AwsClients.create(AwsWire.connection(wire));
        assertThat(clients.elb()).isSameAs(clients.elb());
        assertThat(clients.ecs()).isSameAs(clients.ecs());

        clients.close();

        assertThatThrownBy(clients::ecs).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void clientsGivenSharedResourcesStartNoThreadsAndLeaveThemOpen() throws Exception {
        wire.stubFor(ecs("DescribeClusters").willReturn(json("{\"clusters\":[],\"failures\":[]}")));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (SdkHttpClient http = ApacheHttpClient.builder().build()) {
            SharedAwsResources shared = new SharedAwsResources(http, scheduler);
            // One set of clients first, so threads the SDK starts once per process are not counted below.
            try (AwsClients warm = AwsClients.create(AwsWire.connection(wire), shared)) {
                warm.ecs().describeClusters(b -> b.clusters("shop"));
            }
            long before = sdkThreads();
            for (int i = 0; i < 20; i++) {
                try (AwsClients clients = AwsClients.create(AwsWire.connection(wire), shared)) {
                    clients.ecs().describeClusters(b -> b.clusters("shop"));
                    clients.elb();
                    clients.cloudWatch();
                }
            }

            assertThat(sdkThreads()).isEqualTo(before);
            assertThat(scheduler.isShutdown()).isFalse();
            // The shared HTTP client still sends after twenty sets of clients were closed over it.
            try (AwsClients again = AwsClients.create(AwsWire.connection(wire), shared)) {
                again.ecs().describeClusters(b -> b.clusters("shop"));
            }
            assertThat(wire.findAll(anyRequestedFor(anyUrl()))).hasSize(22);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void clientsOfTheirOwnStartTheSdkSchedulerThatSharingAvoids() {
        wire.stubFor(ecs("DescribeClusters").willReturn(json("{\"clusters\":[],\"failures\":[]}")));
        long before = sdkThreads();
        try (AwsClients clients = AwsClients.create(AwsWire.connection(wire))) {
            clients.ecs().describeClusters(b -> b.clusters("shop"));
            // The baseline that makes the test above able to fail: an unshared client has a scheduler thread.
            assertThat(sdkThreads()).isGreaterThan(before);
        }
    }

    private static long sdkThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("sdk-ScheduledExecutor"))
                .count();
    }

    @Test
    void connectionTextNeverShowsTheCredentials() {
        AwsConnection connection = AwsWire.connection(wire);

        assertThat(connection.toString())
                .contains("eu-west-1", wire.baseUrl(), "StaticCredentialsProvider")
                .doesNotContain(ACCESS_KEY)
                .doesNotContain(SECRET_KEY);
    }

    @Test
    void aMissingRegionOrABadEndpointIsRefusedWithTheFix() {
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));

        assertThatThrownBy(() -> new AwsConnection(" ", null, creds, null))
                .hasMessageContaining("region").hasMessageContaining("eu-west-1");
        assertThatThrownBy(() -> new AwsConnection("eu-west-1", "localhost:5000", creds, null))
                .hasMessageContaining("localhost:5000").hasMessageContaining("http://");
        assertThatThrownBy(() -> new AwsConnection("eu-west-1", "http://user:pw@localhost:5000", creds, null))
                .hasMessageContaining("must not carry a user name or password")
                .hasMessageNotContaining("pw");
        assertThat(new AwsConnection("eu-west-1", " ", creds, null).endpointUrl()).isNull();
        assertThat(new AwsConnection("eu-west-1", null, creds, null).retry()).isEqualTo(RetrySettings.defaults());
    }

    @Test
    void retrySettingsRejectNonsense() {
        assertThatThrownBy(() -> new RetrySettings(0, Duration.ofMillis(1), Duration.ofMillis(2),
                Duration.ofSeconds(1), Duration.ofSeconds(2))).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetrySettings(3, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(2))).hasMessageContaining("baseDelay");
        assertThatThrownBy(() -> new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(2),
                Duration.ZERO, Duration.ofSeconds(2))).hasMessageContaining("apiCallAttemptTimeout");
    }

    @Test
    void aMissingRegionNamesTheKey() {
        assertThatThrownBy(() -> new AwsConnection(" ", null, null, RetrySettings.fast()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("region:")
                .hasMessageContaining("'region' key");
    }
}
