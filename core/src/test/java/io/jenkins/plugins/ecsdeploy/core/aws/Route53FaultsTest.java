package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.core.model.WeightedRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Route 53 router and lock at the wire against the project's fake, for what moto does not model: changes that
 * stay PENDING, injected faults, and the exact calls made.
 */
class Route53FaultsTest {

    private static final WeightedRecords RECORDS = new WeightedRecords(FakeAws.HOSTED_ZONE_ID, "api.example.com.",
            "CNAME", FakeAws.BLUE_SET_IDENTIFIER, FakeAws.GREEN_SET_IDENTIFIER, 60);

    private FakeAws aws;
    private AwsClients clients;
    private Route53TrafficRouter router;

    @BeforeEach
    void start() {
        aws = FakeAws.startStandard();
        clients = AwsClients.create(new AwsConnection(FakeAws.REGION, aws.endpoint(), SdkClients.credentials(),
                RetrySettings.fast()));
        router = new Route53TrafficRouter(clients.route53(), RECORDS);
    }

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    @Test
    void aSplitIsOneReadAndOneBatchOfTwoUpsertsCarryingBothWeights() {
        int before = aws.calls().size();
        router.applySplitTracked(new TrafficSplit(90, 10));

        List<Call> calls = aws.calls().subList(before, aws.calls().size());
        assertThat(calls).extracting(Call::action).containsExactly("ListResourceRecordSets",
                "ChangeResourceRecordSets");
        String batch = calls.get(1).body();
        assertThat(batch.split("<Action>UPSERT</Action>", -1)).hasSize(3);
        assertThat(batch).contains("<SetIdentifier>api-blue</SetIdentifier><Weight>90</Weight>")
                .contains("<SetIdentifier>api-green</SetIdentifier><Weight>10</Weight>");
        assertThat(aws.recordSplit()).isEqualTo(new TrafficSplit(90, 10));
    }

    @Test
    void aChangeIsInSyncOnlyOnceRoute53SaysSo() {
        aws.edit(s -> s.changePendingPolls = 2);
        String change = router.applySplitTracked(TrafficSplit.allTo(io.jenkins.plugins.ecsdeploy.core.model.Slot.GREEN));

        assertThat(router.inSync(change)).isFalse();
        assertThat(router.inSync(change)).isFalse();
        assertThat(router.inSync(change)).isTrue();
        assertThat(aws.calls("GetChange")).hasSize(3);
    }

    @Test
    void theWeightsAreReadAcrossPages() {
        aws.edit(s -> s.recordPageSize = 1);
        assertThat(router.currentSplit()).isEqualTo(new TrafficSplit(100, 0));
        assertThat(aws.calls("ListResourceRecordSets")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aServerErrorIsRetriedAndADenialNamesTheActionToGrant() {
        aws.inject("ChangeResourceRecordSets", Fault.HTTP_500, 1);
        router.applySplit(new TrafficSplit(50, 50));
        assertThat(aws.recordSplit()).isEqualTo(new TrafficSplit(50, 50));

        aws.inject("ChangeResourceRecordSets", Fault.ACCESS_DENIED, 1);
        assertThatThrownBy(() -> router.applySplit(TrafficSplit.allTo(
                io.jenkins.plugins.ecsdeploy.core.model.Slot.BLUE))).isInstanceOf(AwsFailure.class)
                .satisfies(e -> assertThat(((AwsFailure) e).isAccessDenied()).isTrue())
                .hasMessageContaining("AWS denied route53:ChangeResourceRecordSets on api.example.com.");
        assertThat(aws.recordSplit()).isEqualTo(new TrafficSplit(50, 50));
    }

    @Test
    void aWeightedRecordDeletedUnderTheRunIsNamedWithTheFix() {
        aws.edit(s -> s.hostedZones.get(FakeAws.HOSTED_ZONE_ID).records.removeIf(r -> "api-green".equals(
                r.setIdentifier)));
        assertThatThrownBy(router::currentSplit).isInstanceOf(AwsFailure.class).hasMessageContaining(
                "Route 53 has no weighted CNAME record api.example.com. with set identifier 'api-green' (the green"
                        + " slot)");
    }

    @Test
    void theLockIsATagOnTheZoneNamedForTheRecord() {
        Route53TagLock lock = new Route53TagLock(clients.route53(), RECORDS);
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        LockHolder ours = lock.acquire(LockHolder.forRun("d-1", "alice", "cli@host", now, Duration.ofMinutes(30)),
                now);

        assertThat(aws.zoneTags()).containsOnlyKeys("ecs-deploy:lock:api.example.com/d-1");
        lock.confirm(ours);
        assertThat(lock.release(ours)).isTrue();
        assertThat(aws.zoneTags()).isEmpty();
        assertThat(Route53TagLock.key("ecs-deploy:lock", "a".repeat(200) + ".example.com.")).hasSize(128);
        // A long name and a long id still make a key within Route 53's limit, and two long ids two keys.
        Route53TagLock longName = new Route53TagLock(clients.route53(), new WeightedRecords(RECORDS.hostedZoneId(),
                "a".repeat(200) + ".example.com.", RECORDS.recordType(), RECORDS.blueSetIdentifier(),
                RECORDS.greenSetIdentifier(), RECORDS.ttlSeconds()));
        assertThat(longName.holderKey("d-" + "x".repeat(100))).hasSize(128)
                .isNotEqualTo(longName.holderKey("d-" + "x".repeat(99) + "y"));
    }

    @Test
    void aPreemptionNoteIsATagNamedForTheRecordAndGoesWithTheLockInOneWrite() {
        Route53TagLock lock = new Route53TagLock(clients.route53(), RECORDS);
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        LockHolder ours = lock.acquire(LockHolder.forRun("d-1", "alice", "cli@host", now, Duration.ofMinutes(30)),
                now);
        LockHolder other = LockHolder.forRun("d-2", "bob", "cli@host", now, Duration.ofMinutes(30));

        lock.markPreempted(ours, "r-9", "carol", "bad release", now.plusSeconds(5));

        assertThat(aws.zoneTags()).containsKey("ecs-deploy:preempted:api.example.com");
        assertThat(lock.preemption(ours)).hasValueSatisfying(note -> assertThat(note).contains("r-9")
                .contains("carol").contains("bad release"));
        assertThat(lock.preemption(other)).isEmpty();
        int before = aws.calls().size();
        assertThat(lock.release(ours)).isTrue();
        assertThat(aws.calls().subList(before, aws.calls().size())).extracting(Call::action)
                .containsExactly("ChangeTagsForResource");
        assertThat(aws.zoneTags()).isEmpty();
    }
}
