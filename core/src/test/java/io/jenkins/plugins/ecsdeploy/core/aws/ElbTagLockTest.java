package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHeldException;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The lock at the wire: which tag calls go to ELB, with which parameters, and what they leave on the listener. */
class ElbTagLockTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Duration TTL = Duration.ofMinutes(30);
    static final ResolvedEnvironment ENV = new ResolvedEnvironment(FakeAws.CLUSTER_ARN, FakeAws.BLUE_SERVICE,
            FakeAws.GREEN_SERVICE, FakeAws.BLUE_TARGET_GROUP_ARN, FakeAws.GREEN_TARGET_GROUP_ARN,
            FakeAws.LOAD_BALANCER_ARN, FakeAws.LISTENER_ARN, null, null, null);

    private final FakeAws aws = FakeAws.startStandard();
    private final ElasticLoadBalancingV2Client elb = SdkClients.elb(aws);
    private final ElbTagLock lock = new ElbTagLock(elb, ENV);

    @AfterEach
    void stop() {
        elb.close();
        aws.close();
    }

    static LockHolder holder(String id, String owner, Instant since) {
        return LockHolder.forRun(id, owner, "cli@host-" + owner, since, TTL);
    }

    private void tagListener(String value) {
        aws.edit(s -> s.tags.computeIfAbsent(FakeAws.LISTENER_ARN, k -> new LinkedHashMap<>())
                .put(LockTag.KEY, value));
    }

    private List<String> tagActions() {
        return aws.calls().stream().map(Call::action).filter(a -> a.endsWith("Tags")).toList();
    }

    @Test
    void acquireWritesItsOwnTagOnTheListenerWithoutReadingFirst() {
        LockHolder taken = lock.acquire(holder("d-1", "alice", T0), T0);

        assertThat(tagActions()).containsExactly("AddTags");
        Call add = aws.calls("AddTags").get(0);
        assertThat(add.params()).containsEntry("ResourceArns.member.1", FakeAws.LISTENER_ARN)
                .containsEntry("Tags.member.1.Key", "ecs-deploy:lock/d-1")
                .containsEntry("Tags.member.1.Value",
                        "d-1 alice 2026-11-23T10:00:00Z 2026-11-23T10:30:00Z cli@host-alice")
                .doesNotContainKey("Tags.member.2.Key");
        assertThat(aws.tags(FakeAws.LISTENER_ARN)).containsOnlyKeys("ecs-deploy:lock/d-1").containsEntry(
                "ecs-deploy:lock/d-1", "d-1 alice 2026-11-23T10:00:00Z 2026-11-23T10:30:00Z cli@host-alice");
        assertThat(taken).isEqualTo(holder("d-1", "alice", T0));
        assertThat(lock.current()).contains(taken);
        Call describe = aws.calls("DescribeTags").get(0);
        assertThat(describe.params()).containsEntry("ResourceArns.member.1", FakeAws.LISTENER_ARN)
                .doesNotContainKey("ResourceArns.member.2");
    }

    @Test
    void theSteeredRuleCarriesTheLockWhenOneIsConfigured() {
        ResolvedEnvironment withRule = new ResolvedEnvironment(ENV.clusterArn(), ENV.blueService(),
                ENV.greenService(), ENV.blueTargetGroupArn(), ENV.greenTargetGroupArn(), ENV.loadBalancerArn(),
                ENV.listenerArn(), FakeAws.RULE_ARN, null, null);
        ElbTagLock ruleLock = new ElbTagLock(elb, withRule);

        ruleLock.acquire(holder("d-1", "alice", T0), T0);

        assertThat(ruleLock.resource()).isEqualTo(FakeAws.RULE_ARN);
        assertThat(aws.calls("AddTags").get(0).param("ResourceArns.member.1")).isEqualTo(FakeAws.RULE_ARN);
        assertThat(aws.tags(FakeAws.RULE_ARN)).containsKey("ecs-deploy:lock/d-1");
        assertThat(aws.tags(FakeAws.LISTENER_ARN)).isEmpty();
    }

    @Test
    void aLiveLockOfAnotherRunFailsTheConfirmationWhichWithdrawsTheClaimAndNamesTheHolderAndTheFix() {
        lock.confirm(lock.acquire(holder("d-1", "alice", T0), T0));
        ElbTagLock bobs = new ElbTagLock(elb, ENV);
        LockHolder claim = bobs.acquire(holder("d-2", "bob", T0.plusSeconds(60)), T0.plusSeconds(60));

        assertThatThrownBy(() -> bobs.confirm(claim))
                .isInstanceOf(LockHeldException.class).hasMessageContaining("Another deployment holds the lock")
                .hasMessageContaining("deployment d-1").hasMessageContaining("started by alice")
                .hasMessageContaining("on cli@host-alice").hasMessageContaining("since 2026-11-23T10:00:00Z")
                .hasMessageContaining("expires 2026-11-23T10:30:00Z").hasMessageContaining(FakeAws.LISTENER_ARN)
                .hasMessageContaining("ecs-deploy unlock").hasMessageContaining("--force")
                .hasMessageContaining("run again")
                .satisfies(e -> assertThat(((LockHeldException) e).holder().deploymentId()).isEqualTo("d-1"));
        assertThat(aws.calls("RemoveTags")).singleElement().satisfies(c -> assertThat(c.params())
                .containsEntry("TagKeys.member.1", "ecs-deploy:lock/d-2").doesNotContainKey("TagKeys.member.2"));
        assertThat(aws.tags(FakeAws.LISTENER_ARN)).containsOnlyKeys("ecs-deploy:lock/d-1");
        // The run's release at its end finds nothing of its own left, and calls nothing.
        int before = aws.calls().size();
        assertThat(bobs.release(claim)).isFalse();
        assertThat(aws.calls()).hasSize(before);
    }

    @Test
    void anExpiredLockIsTakenOverAndTheSameRunMayTakeItsOwnAgain() {
        lock.acquire(holder("d-1", "alice", T0), T0);
        Instant late = T0.plus(TTL);

        LockHolder taken = lock.acquire(holder("d-2", "bob", late), late);
        assertThat(lock.current()).contains(taken);
        assertThat(taken.deploymentId()).isEqualTo("d-2");

        LockHolder again = lock.acquire(holder("d-2", "bob", late.plusSeconds(5)), late.plusSeconds(5));
        assertThat(again.expires()).isEqualTo(late.plusSeconds(5).plus(TTL));
    }

    @Test
    void aLockOneSecondBeforeItsExpiryIsStillHeld() {
        lock.acquire(holder("d-1", "alice", T0), T0);
        Instant almost = T0.plus(TTL).minusSeconds(1);
        ElbTagLock bobs = new ElbTagLock(elb, ENV);
        LockHolder claim = bobs.acquire(holder("d-2", "bob", almost), almost);

        assertThatThrownBy(() -> bobs.confirm(claim)).isInstanceOf(LockHeldException.class);
    }

    @Test
    void confirmPassesWhileNoOtherRunHasATagAndFailsNamingTheOtherOneOnceThereIs() {
        LockHolder ours = lock.acquire(holder("d-1", "alice", T0), T0);
        lock.confirm(ours);

        LockHolder other = holder("d-2", "bob", T0.plusSeconds(1));
        aws.edit(s -> s.tags.get(FakeAws.LISTENER_ARN).put("ecs-deploy:lock/d-2", LockTag.encode(other)));

        assertThatThrownBy(() -> lock.confirm(ours)).isInstanceOf(LockHeldException.class)
                .hasMessageContaining("Another deployment holds the lock").hasMessageContaining("deployment d-2")
                .hasMessageContaining("started by bob").hasMessageContaining("cli@host-bob")
                .satisfies(e -> assertThat(((LockHeldException) e).holder()).isEqualTo(other));
        assertThat(aws.calls("AddTags")).hasSize(1);
    }

    @Test
    void confirmFailsWhenTheLockVanished() {
        LockHolder ours = lock.acquire(holder("d-1", "alice", T0), T0);
        aws.edit(s -> s.tags.get(FakeAws.LISTENER_ARN).remove("ecs-deploy:lock/d-1"));

        assertThatThrownBy(() -> lock.confirm(ours)).isInstanceOf(LockHeldException.class)
                .hasMessageContaining("nobody holds it now");
    }

    @Test
    void renewCallsNothingUntilHalfTheTtlIsGoneThenPushesTheExpiry() {
        LockHolder ours = lock.acquire(holder("d-1", "alice", T0), T0);
        int before = aws.calls().size();

        assertThat(lock.renew(ours, T0.plus(Duration.ofMinutes(14)), TTL)).isSameAs(ours);
        assertThat(aws.calls()).hasSize(before);

        Instant due = T0.plus(Duration.ofMinutes(15));
        LockHolder renewed = lock.renew(ours, due, TTL);

        assertThat(renewed.expires()).isEqualTo(due.plus(TTL));
        assertThat(renewed.since()).isEqualTo(T0);
        assertThat(aws.calls().subList(before, aws.calls().size())).extracting(Call::action)
                .containsExactly("DescribeTags", "AddTags");
        assertThat(aws.calls("AddTags").get(1).param("Tags.member.1.Value"))
                .isEqualTo("d-1 alice 2026-11-23T10:00:00Z 2026-11-23T10:45:00Z cli@host-alice");
    }

    @Test
    void renewRefusesWhenTheLockWasBrokenAndTakenByAnotherRun() {
        LockHolder ours = lock.acquire(holder("d-1", "alice", T0), T0);
        tagListener(LockTag.encode(holder("d-9", "carol", T0.plusSeconds(600))));

        assertThatThrownBy(() -> lock.renew(ours, T0.plus(Duration.ofMinutes(20)), TTL))
                .isInstanceOf(LockHeldException.class).hasMessageContaining("no longer holds")
                .hasMessageContaining("deployment d-9");
        assertThat(aws.calls("AddTags")).hasSize(1);
    }

    @Test
    void aRunThatWroteAfterTheHolderConfirmedStopsAndTheHolderRenewsPastItsClaim() {
        LockHolder first = lock.acquire(holder("d-1", "alice", T0), T0);
        lock.confirm(first);
        // bob's clock runs behind: his claim says it is older than alice's hold. No clock decides, so it still loses.
        LockHolder second = holder("d-2", "bob", T0.minusSeconds(120));
        aws.edit(s -> s.tags.get(FakeAws.LISTENER_ARN).put("ecs-deploy:lock/d-2", LockTag.encode(second)));

        // alice renews while bob's claim is still there: it is about to be withdrawn, as bob sees her key.
        LockHolder renewed = lock.renew(first, T0.plus(Duration.ofMinutes(20)), TTL);
        assertThat(renewed.expires()).isEqualTo(T0.plus(Duration.ofMinutes(50)));
        ElbTagLock bobs = new ElbTagLock(elb, ENV);
        assertThatThrownBy(() -> bobs.confirm(second)).isInstanceOf(LockHeldException.class)
                .hasMessageContaining("deployment d-1");

        assertThat(aws.tags(FakeAws.LISTENER_ARN)).containsOnlyKeys("ecs-deploy:lock/d-1");
    }

    @Test
    void aHolderOfThePreviousReleaseThatWroteBeforeThisRunConfirmedKeepsTheLock() {
        // The previous release read the tags (empty), then this run wrote its claim, then the previous release
        // wrote its own: this run's confirmation sees it and withdraws, so the earliest-taker rule of that release
        // then finds its own key alone and holds.
        LockHolder ours = lock.acquire(holder("d-new", "alice", T0), T0);
        LockHolder previous = holder("d-old", "bob", T0.plusSeconds(2));
        aws.edit(s -> s.tags.get(FakeAws.LISTENER_ARN).put("ecs-deploy:lock/d-old", LockTag.encode(previous)));

        assertThatThrownBy(() -> lock.confirm(ours)).isInstanceOf(LockHeldException.class)
                .hasMessageContaining("deployment d-old");

        assertThat(aws.tags(FakeAws.LISTENER_ARN)).containsOnlyKeys("ecs-deploy:lock/d-old");
        assertThat(new ElbTagLock(elb, ENV).current()).contains(previous);
    }

    @Test
    void releaseRemovesItsOwnTagWithoutReadingFirst() {
        LockHolder ours = lock.acquire(holder("d-1", "alice", T0), T0);
        int before = aws.calls().size();

        // A later step: a new lock instance, as each step binds its ports anew.
        assertThat(new ElbTagLock(elb, ENV).release(ours)).isTrue();

        assertThat(aws.calls().subList(before, aws.calls().size())).extracting(Call::action)
                .containsExactly("RemoveTags");
        // With its own tag go the previous release's single tag (which only a run resumed from that release can
        // hold while this one does) and a pre-emption note for it.
        assertThat(aws.calls("RemoveTags").get(0).params()).containsEntry("TagKeys.member.1", "ecs-deploy:lock/d-1")
                .containsEntry("TagKeys.member.2", LockTag.KEY)
                .containsEntry("TagKeys.member.3", LockTag.PREEMPTED_KEY);
        assertThat(aws.tags(FakeAws.LISTENER_ARN)).isEmpty();
    }

    @Test
    void aLockWrittenByAnEarlierReleaseIsHeldAndItsResumedRunConfirmsRenewsAndReleasesIt() {
        LockHolder old = holder("d-1", "alice", T0);
        tagListener(LockTag.encode(old));
        LockHolder claim = lock.acquire(holder("d-2", "bob", T0.plusSeconds(60)), T0.plusSeconds(60));

        assertThatThrownBy(() -> lock.confirm(claim)).isInstanceOf(LockHeldException.class)
                .hasMessageContaining("deployment d-1");
        assertThat(lock.current()).contains(old);
        new ElbTagLock(elb, ENV).confirm(old);
        assertThat(lock.renew(old, T0.plus(Duration.ofMinutes(20)), TTL).expires())
                .isEqualTo(T0.plus(Duration.ofMinutes(50)));

        new ElbTagLock(elb, ENV).release(old);

        assertThat(aws.tags(FakeAws.LISTENER_ARN)).isEmpty();
    }

    @Test
    void aLockTakenAwayIsLeftToItsNewHolderOnRelease() {
        LockHolder ours = lock.acquire(holder("d-1", "alice", T0), T0);
        String theirs = LockTag.encode(holder("d-2", "bob", T0));
        tagListener(theirs);

        assertThatThrownBy(() -> lock.renew(ours, T0.plus(Duration.ofMinutes(20)), TTL))
                .isInstanceOf(LockHeldException.class);
        lock.release(ours);

        assertThat(aws.tags(FakeAws.LISTENER_ARN)).containsOnlyKeys(LockTag.KEY).containsEntry(LockTag.KEY, theirs);
    }

    @Test
    void breakRemovesAnyLockAndRecordsWhoBrokeItAndWhy() {
        lock.acquire(holder("d-1", "alice", T0), T0);

        Optional<LockHolder> broken = lock.breakLock("bob", "d-1's controller died", T0.plusSeconds(90));

        assertThat(broken.orElseThrow().deploymentId()).isEqualTo("d-1");
        assertThat(aws.tags(FakeAws.LISTENER_ARN)).containsOnlyKeys(LockTag.BROKEN_KEY)
                .containsEntry(LockTag.BROKEN_KEY, "bob 2026-11-23T10:01:30Z d-1 d-1+27s+20controller+20died");
        assertThat(aws.calls("RemoveTags").get(0).param("TagKeys.member.1")).isEqualTo("ecs-deploy:lock/d-1");
    }

    @Test
    void breakWithoutALockChangesNothingAndNeedsAReason() {
        assertThat(lock.breakLock("bob", "clean up", T0)).isEmpty();
        assertThat(tagActions()).containsExactly("DescribeTags");

        assertThatThrownBy(() -> lock.breakLock("bob", " ", T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
    }

    @Test
    void anUnreadableTagIsNeverTakenOverSilently() {
        tagListener("someone else's lock");
        Instant late = T0.plus(Duration.ofDays(7));
        LockHolder claim = lock.acquire(holder("d-2", "bob", late), late);

        assertThatThrownBy(() -> lock.confirm(claim)).isInstanceOf(LockHeldException.class)
                .hasMessageContaining("unreadable lock value 'someone else's lock'")
                .hasMessageContaining("ecs-deploy unlock");
        assertThat(lock.breakLock("bob", "old tool", T0).orElseThrow().expires()).isNull();
        assertThat(aws.tags(FakeAws.LISTENER_ARN)).doesNotContainKey(LockTag.KEY);
    }

    @Test
    void namesOutsideTheTagAlphabetAreEscapedAndReadBack() {
        LockHolder odd = LockHolder.forRun("build #12|x", "Jöhn Smith+ops", "jenkins https://ci/ (main)", T0, TTL);

        LockHolder taken = lock.acquire(odd, T0);

        assertThat(aws.calls("AddTags").get(0).param("Tags.member.1.Value")).startsWith("build+20+2312+7Cx J+C3+B6hn");
        assertThat(taken).isEqualTo(odd);
        assertThat(lock.current()).contains(odd);
    }

    @Test
    void accessDeniedOnAddTagsNamesTheActionToGrant() {
        aws.injectAlways("AddTags", Fault.ACCESS_DENIED);

        assertThatThrownBy(() -> lock.acquire(holder("d-1", "alice", T0), T0)).isInstanceOf(AwsFailure.class)
                .hasMessageContaining("elasticloadbalancing:AddTags").hasMessageContaining(FakeAws.LISTENER_ARN)
                .satisfies(e -> assertThat(((AwsFailure) e).isAccessDenied()).isTrue());
        assertThat(aws.tags(FakeAws.LISTENER_ARN)).isEqualTo(Map.of());
    }
}
