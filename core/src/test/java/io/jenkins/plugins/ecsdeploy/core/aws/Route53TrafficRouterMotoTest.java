package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.config.Route53Config;
import io.jenkins.plugins.ecsdeploy.core.config.SlotNames;
import io.jenkins.plugins.ecsdeploy.core.engine.port.PreflightException;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.core.model.WeightedRecords;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The Route 53 router and its preflight at the wire, against moto's model of weighted records and change batches. */
class Route53TrafficRouterMotoTest {

    private static MotoRoute53 moto;
    private static Route53Seed seed;
    private static AwsClients clients;
    private String zone;

    @BeforeAll
    static void startMoto() {
        moto = new MotoRoute53();
        seed = moto.seed;
        clients = moto.clients;
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @BeforeEach
    void freshZone() {
        zone = moto.freshZone();
    }

    @Test
    void readsWeightsAsPercentWithRoute53sMeaningOfTwoZeros() {
        seed.weightedCnames(zone, 100, 0, 60);
        assertThat(router().currentSplit()).isEqualTo(new TrafficSplit(100, 0));
        seed.weightedCnames(zone, 3, 1, 60);
        assertThat(router().currentSplit()).isEqualTo(new TrafficSplit(75, 25));
        seed.weightedCnames(zone, 0, 255, 60);
        assertThat(router().currentSplit()).isEqualTo(new TrafficSplit(0, 100));
        // Route 53 answers with every record equally when all weights are zero.
        seed.weightedCnames(zone, 0, 0, 60);
        assertThat(router().currentSplit()).isEqualTo(new TrafficSplit(50, 50));
    }

    @Test
    void writesBothWeightsAsPercentInOneChangeAndKeepsEverythingElse() {
        seed.weightedCnames(zone, 100, 0, 30);
        Route53TrafficRouter router = router();

        String change = router.applySplitTracked(new TrafficSplit(90, 10));

        ResourceRecordSet blue = seed.record(zone, "api-blue");
        ResourceRecordSet green = seed.record(zone, "api-green");
        assertThat(blue.weight()).isEqualTo(90L);
        assertThat(green.weight()).isEqualTo(10L);
        assertThat(blue.ttl()).isEqualTo(30L);
        assertThat(blue.resourceRecords().get(0).value()).isEqualTo("blue.example.net");
        assertThat(green.resourceRecords().get(0).value()).isEqualTo("green.example.net");
        assertThat(change).isNotBlank();
        assertThat(router.inSync(change)).isTrue();
        assertThat(router.currentSplit()).isEqualTo(new TrafficSplit(90, 10));
        assertThat(router.clientCache()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aliasRecordsKeepTheirTargetAndCountSixtySecondsOfCache() {
        seed.upsert(zone, alias("api-blue", 100L, "blue-alb-1.us-east-1.elb.amazonaws.com."),
                alias("api-green", 0L, "green-alb-1.us-east-1.elb.amazonaws.com."));
        Route53TrafficRouter router = new Route53TrafficRouter(clients.route53(), resolve(config("A")));

        router.applySplit(TrafficSplit.allTo(io.jenkins.plugins.ecsdeploy.core.model.Slot.GREEN));

        assertThat(seed.record(zone, "api-green").weight()).isEqualTo(100L);
        assertThat(seed.record(zone, "api-green").aliasTarget().dnsName())
                .isEqualTo("green-alb-1.us-east-1.elb.amazonaws.com.");
        assertThat(seed.record(zone, "api-blue").weight()).isZero();
        assertThat(router.clientCache()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void preflightNamesAMissingSetIdentifierAndTheOnesThatExist() {
        seed.weightedCnames(zone, 100, 0, 60);
        Route53Config config = new Route53Config(zone, "api.example.com", "CNAME", new SlotNames("api-blue",
                "api-grene"));
        assertThatThrownBy(() -> resolve(config)).isInstanceOf(PreflightException.class)
                .hasMessageContaining("route53.setIdentifiers.green: no CNAME record api.example.com. has set"
                        + " identifier 'api-grene'; those there are: 'api-blue', 'api-green'.");
    }

    @Test
    void preflightRefusesARecordThatIsNotWeighted() {
        seed.upsert(zone, ResourceRecordSet.builder().name("api.example.com").type("CNAME").ttl(60L)
                .resourceRecords(r -> r.value("blue.example.net")).build());
        assertThatThrownBy(() -> resolve(config("CNAME"))).isInstanceOf(PreflightException.class)
                .hasMessageContaining("no CNAME record api.example.com. has set identifier 'api-blue'; those there"
                        + " are: none (the record is not weighted)");
    }

    @Test
    void preflightSaysWhichTypeTheNameHasWhenTheTypeIsWrong() {
        seed.weightedCnames(zone, 100, 0, 60);
        assertThatThrownBy(() -> resolve(config("A"))).isInstanceOf(PreflightException.class)
                .hasMessageContaining("has no A record named api.example.com. (it has CNAME records of that name:"
                        + " is recordType right?)");
    }

    @Test
    void preflightRefusesAThirdWeightedRecordThatTakesTraffic() {
        seed.weightedCnames(zone, 100, 0, 60);
        seed.upsert(zone, Route53Seed.cname("api-old", 5L, "old.example.net", 60));
        assertThatThrownBy(() -> resolve(config("CNAME"))).isInstanceOf(PreflightException.class)
                .hasMessageContaining("a third weighted record api.example.com. 'api-old' has weight 5");
    }

    @Test
    void preflightRefusesAMissingZoneAndANameOutsideTheZone() {
        assertThatThrownBy(() -> resolve(new Route53Config("Z0000000000000000000", "api.example.com", "CNAME",
                new SlotNames("a", "b")))).isInstanceOf(PreflightException.class)
                .hasMessageContaining("was not found").hasMessageContaining("route53.hostedZoneId");
        assertThatThrownBy(() -> resolve(new Route53Config(zone, "api.example.org", "CNAME",
                new SlotNames("a", "b")))).isInstanceOf(PreflightException.class)
                .hasMessageContaining("route53.recordName api.example.org. is not in hosted zone");
    }

    @Test
    void preflightReadsTheLongestTtlOfThePair() {
        seed.upsert(zone, Route53Seed.cname("api-blue", 100L, "blue.example.net", 30),
                Route53Seed.cname("api-green", 0L, "green.example.net", 120));
        WeightedRecords records = resolve(config("CNAME"));
        assertThat(records).isEqualTo(new WeightedRecords(zone, "api.example.com.", "CNAME", "api-blue",
                "api-green", 120));
    }

    private Route53TrafficRouter router() {
        return new Route53TrafficRouter(clients.route53(), resolve(config("CNAME")));
    }

    private Route53Config config(String type) {
        return new Route53Config(zone, "api.example.com", type, new SlotNames("api-blue", "api-green"));
    }

    private WeightedRecords resolve(Route53Config config) {
        Problems problems = new Problems();
        WeightedRecords records = new Route53Preflight(clients.route53(), problems).resolve(config);
        if (!problems.isEmpty()) {
            throw new PreflightException(problems.list());
        }
        return records;
    }

    private static ResourceRecordSet alias(String setId, Long weight, String dnsName) {
        return ResourceRecordSet.builder().name("api.example.com").type("A").setIdentifier(setId).weight(weight)
                .aliasTarget(AliasTarget.builder().hostedZoneId("Z35SXDOTRQ7X7K").dnsName(dnsName)
                        .evaluateTargetHealth(true).build()).build();
    }
}
