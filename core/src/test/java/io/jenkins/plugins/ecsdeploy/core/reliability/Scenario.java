package io.jenkins.plugins.ecsdeploy.core.reliability;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.StandardConfig.APP_RUNNER;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.StandardConfig.BASE;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.StandardConfig.HEALTH;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.StandardConfig.ROUTE53;

import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.CodeDeploySeed;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.EcsNativeSeed;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.List;

/**
 * The representative runs the reliability suite drives: between them they reach every phase of the state machine.
 * Each names the environment it runs in, what is asked, the run that must have happened before it (its starting
 * state), and what it ends with when nothing goes wrong.
 */
enum Scenario {
    /** Deploy to green, test listener, smoke check, switch, one-minute bake with an alarm, then scale blue down. */
    BLUE_GREEN("blue/green deploy with bake and scale-down", BASE + HEALTH + "  scaleDownOldAfter: 1m\n",
            DeploymentRequest.deploy("v1.2.3", "reliability"), Before.NOTHING, Outcome.SUCCEEDED),
    /** Deploy with canary stages 10% then 100%, analysed on healthy metrics, then the bake. */
    CANARY("deploy with canary stages 10,100", BASE + HEALTH,
            DeploymentRequest.deploy("v1.2.3", "reliability").withCanaryStages(List.of(10, 100),
                    Duration.ofMinutes(2)), Before.NOTHING, Outcome.SUCCEEDED),
    /** Deploy whose bake sees an alarm go off: traffic is rolled back to blue. */
    BAKE_ALARM("deploy rolled back by an alarm during the bake", BASE + HEALTH,
            DeploymentRequest.deploy("v1.2.3", "reliability"), Before.NOTHING, Outcome.ROLLED_BACK),
    /** Not-promoted deploy first; then all traffic switched to green. */
    SWITCH("switch to a slot deployed without promotion", BASE + HEALTH,
            DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "reliability"), Before.NOT_PROMOTED_DEPLOY,
            Outcome.SUCCEEDED),
    /** Full deploy with scale-down first; then a rollback that must scale blue back up before moving traffic. */
    ROLLBACK("rollback to a scaled-down slot", BASE + HEALTH,
            DeploymentRequest.rollback(null, "reliability", "customer complaints"), Before.FULL_DEPLOY,
            Outcome.SUCCEEDED),
    /** Route 53 weighted records, slots of kind none: all traffic to green by weights. */
    DNS_SWITCH("switch by Route 53 weights", ROUTE53 + HEALTH,
            DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "reliability"), Before.NOTHING,
            Outcome.SUCCEEDED),
    /** Route 53: canary green at 10% (analysis after the TTL), then promoted to 100% and baked. */
    DNS_CANARY("canary 10,100 by Route 53 weights", ROUTE53 + HEALTH,
            DeploymentRequest.canary(List.of(10, 100), Duration.ofMinutes(2), Slot.GREEN, "reliability"),
            Before.NOTHING, Outcome.SUCCEEDED),
    /** Route 53: green live after a switch; a rollback puts the weights back on blue. */
    DNS_ROLLBACK("rollback by Route 53 weights", ROUTE53 + HEALTH,
            DeploymentRequest.rollback(null, "reliability", "customer complaints"), Before.DNS_SWITCHED,
            Outcome.SUCCEEDED),
    /** App Runner behind Route 53: deploy to api-green (a simulated minute of App Runner operation), switch, bake. */
    APP_RUNNER_DEPLOY("App Runner deploy by Route 53 weights", APP_RUNNER + HEALTH,
            DeploymentRequest.deploy("v1.2.3", "reliability"), Before.NOTHING, Outcome.SUCCEEDED),
    /** App Runner: api-green paused; the deploy resumes it, updates it, switches, bakes, then pauses api-blue. */
    APP_RUNNER_PAUSED_DEPLOY("App Runner deploy to a paused service, old one paused after the bake",
            APP_RUNNER + HEALTH + "  scaleDownOldAfter: 1m\n", DeploymentRequest.deploy("v1.2.3", "reliability"),
            Before.NOTHING, Outcome.SUCCEEDED),
    /** App Runner: a 10% canary of api-green answers 5xx; the weights go back to blue and api-green is paused. */
    APP_RUNNER_CANARY_ROLLBACK("App Runner canary rolled back on its 5xx rate, failed service paused",
            APP_RUNNER.replace("analysis: {noData: PASS, minRequests: 0}", "analysis: {interval: 60s, minRequests: 10}")
                    + HEALTH, DeploymentRequest.deploy("v1.2.3", "reliability").withCanaryStages(List.of(10, 100),
                            Duration.ofMinutes(2)), Before.NOTHING, Outcome.ROLLED_BACK),
    /** CodeDeploy deployment group, all at once: the deployment followed to all traffic on green, then the bake. */
    CODEDEPLOY_DEPLOY("CodeDeploy deploy, all at once", CodeDeploySeed.CONFIG,
            DeploymentRequest.deploy("v1.2.3", "reliability"), Before.CODEDEPLOY, Outcome.SUCCEEDED),
    /** CodeDeploy holds 10 % on green, whose 5xx rate fails the analysis: stopped with rollback, back on blue. */
    CODEDEPLOY_CANARY_FAILS("CodeDeploy canary stopped by the analysis", CodeDeploySeed.CONFIG,
            DeploymentRequest.deploy("v1.2.3", "reliability"), Before.CODEDEPLOY, Outcome.ROLLED_BACK),
    /** ECS-native BLUE_GREEN: ECS walks its stages and moves the production rule to green, then the bake. */
    ECS_NATIVE_DEPLOY("ECS-native blue/green deploy", EcsNativeSeed.CONFIG,
            DeploymentRequest.deploy("v1.2.3", "reliability"), Before.ECS_NATIVE, Outcome.SUCCEEDED),
    /** ECS-native CANARY holds 10 % on green, whose 5xx rate fails the analysis: StopServiceDeployment ROLLBACK. */
    ECS_NATIVE_CANARY_FAILS("ECS-native canary stopped by the analysis", EcsNativeSeed.CONFIG,
            DeploymentRequest.deploy("v1.2.3", "reliability"), Before.ECS_NATIVE, Outcome.ROLLED_BACK);

    final String title;
    final String yaml;
    final DeploymentRequest request;
    final Before before;
    final Outcome cleanOutcome;

    Scenario(String title, String yaml, DeploymentRequest request, Before before, Outcome cleanOutcome) {
        this.title = title;
        this.yaml = yaml;
        this.request = request;
        this.before = before;
        this.cleanOutcome = cleanOutcome;
    }

    /** Whether a CodeDeploy deployment group deploys the environment. */
    boolean codeDeploy() {
        return yaml.contains("codeDeploy:");
    }

    /** Whether the service's own ECS-native strategy deploys the environment. */
    boolean ecsNative() {
        return yaml.contains("ecsNative:");
    }

    /** Whether the slots are App Runner services. */
    boolean appRunner() {
        return yaml.contains("kind: appRunner");
    }

    /** Whether Route 53 weighted records steer the scenario's traffic (else the ALB listener does). */
    boolean dns() {
        return yaml.contains("route53:");
    }

    /** The production split as the fake holds it now. */
    TrafficSplit traffic(Rig rig) {
        if (ecsNative()) {
            return rig.aws.ruleSplit(EcsNativeSeed.PRODUCTION_RULE_ARN, EcsNativeSeed.BLUE_TARGET_GROUP_ARN,
                    EcsNativeSeed.GREEN_TARGET_GROUP_ARN);
        }
        return dns() ? rig.aws.recordSplit() : rig.aws.listenerSplit();
    }

    /** Metrics and alarms as a healthy application shows them; after the restore of the starting state. */
    void setUp(Rig rig) {
        rig.aws.alarm("web-5xx", "OK");
        if (this == CODEDEPLOY_CANARY_FAILS) {
            rig.aws.edit(s -> CodeDeploySeed.group(s).deploymentConfig =
                    "CodeDeployDefault.ECSCanary10Percent15Minutes");
        }
        if (this == ECS_NATIVE_CANARY_FAILS) {
            rig.aws.edit(s -> s.service(EcsNativeSeed.SERVICE).deploymentConfiguration =
                    EcsNativeSeed.configuration("CANARY"));
        }
        if (this == CANARY || this == CODEDEPLOY_CANARY_FAILS || this == ECS_NATIVE_CANARY_FAILS) {
            String prefix = ecsNative() ? "native-" : "";
            for (String slot : new String[] {prefix + "blue", prefix + "green"}) {
                rig.aws.metrics().set(slot, "RequestCount", "Sum", 500)
                        .set(slot, "HTTPCode_Target_5XX_Count", "Sum", 0)
                        .set(slot, "TargetResponseTime", "p95", 0.1)
                        .set(slot, "TargetResponseTime", "p99", 0.2)
                        .set(slot, "HealthyHostCount", "Minimum", 2)
                        .set(slot, "UnHealthyHostCount", "Maximum", 0);
            }
            if (this == CODEDEPLOY_CANARY_FAILS || this == ECS_NATIVE_CANARY_FAILS) {
                rig.aws.metrics().set(prefix + "green", "HTTPCode_Target_5XX_Count", "Sum", 150);
            }
        } else if (this == APP_RUNNER_PAUSED_DEPLOY) {
            rig.aws.edit(s -> s.appRunnerServices.get(FakeAws.APP_RUNNER_GREEN_ARN).status = "PAUSED");
            rig.aws.metrics().appRunner("api-green", "Requests", "Sum", 500).appRunner("api-blue", "Requests", "Sum",
                    0);
        } else if (this == APP_RUNNER_CANARY_ROLLBACK) {
            rig.aws.metrics().appRunner("api-blue", "Requests", "Sum", 9000)
                    .appRunner("api-blue", "5xxStatusResponses", "Sum", 0)
                    .appRunner("api-green", "Requests", "Sum", 1000)
                    .appRunner("api-green", "5xxStatusResponses", "Sum", 200);
        } else {
            rig.aws.metrics().set("green", "RequestCount", "Sum", 500).set("blue", "RequestCount", "Sum", 0);
        }
    }

    /** Called before every step: the alarm of {@link #BAKE_ALARM} goes off once the bake has begun. */
    void beforeStep(Rig rig, Phase phase) {
        if (this == BAKE_ALARM && phase == Phase.BAKE) {
            rig.aws.alarm("web-5xx", "ALARM");
        }
    }

    /** What happened before the run: its starting state. */
    enum Before {
        /** The standard environment: blue live with two tasks, green idle at zero. */
        NOTHING(null),
        /** v1.2.3 deployed to green and checked, traffic still on blue. */
        NOT_PROMOTED_DEPLOY(DeploymentRequest.deploy("v1.2.3", "reliability").withPromote(false)),
        /** {@link #BLUE_GREEN} done: green live, blue scaled to zero. */
        FULL_DEPLOY(DeploymentRequest.deploy("v1.2.3", "reliability")),
        /** {@link #DNS_SWITCH} done: the weighted records send everything to green. */
        DNS_SWITCHED(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "reliability"), ROUTE53 + HEALTH),
        /** The standard environment made a CodeDeploy deployment group's ({@link CodeDeploySeed}). */
        CODEDEPLOY(null),
        /** The standard environment with the ECS-native service web-native ({@link EcsNativeSeed}, BLUE_GREEN). */
        ECS_NATIVE(null);

        final DeploymentRequest request;
        /** The environment the preparation runs in. */
        final String yaml;

        Before(DeploymentRequest request) {
            this(request, BASE + HEALTH + "  scaleDownOldAfter: 1m\n");
        }

        Before(DeploymentRequest request, String yaml) {
            this.request = request;
            this.yaml = yaml;
        }
    }
}
