package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.config.SmokeCheckConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeChecker;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeResult;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.util.List;

/**
 * Runs the smoke checks against the new slot, one attempt per step; retries wait between steps instead of
 * sleeping. Then stops (not promoted), starts the canary stages, or switches.
 */
final class SmokePhase {

    private final SmokeChecker checker;

    SmokePhase(SmokeChecker checker) {
        this.checker = checker;
    }

    Next run(StepContext ctx) {
        DeploymentState s = ctx.state;
        List<SmokeCheckConfig> checks = ctx.config.smokeChecks();
        if (s.rollout.smokeIndex < checks.size()) {
            SmokeCheckConfig check = slotUrl(ctx, checks.get(s.rollout.smokeIndex));
            int attempt = s.wait.attempts + 1;
            SmokeResult result = checker.attempt(check, s.deployRequest().imageTag(), attempt);
            s.record.smokeResults.add(result);
            ctx.progress("Smoke check " + check.url() + " attempt " + attempt + ": " + result.detail());
            if (result.passed()) {
                s.rollout.smokeIndex++;
                s.wait.attempts = 0;
                return Next.pollAt(ctx.now);
            }
            if (attempt > check.retries()) {
                throw new DeploymentFailure("Smoke check " + check.url() + " failed after " + attempt
                        + " attempts: " + result.detail() + ".");
            }
            s.wait.attempts = attempt;
            return Next.pollAt(ctx.now.plus(check.retryDelay()));
        }
        String passed = checks.isEmpty() ? "no smoke checks configured" : checks.size() + " smoke checks passed";
        if (!s.deployRequest().promote()) {
            return Next.finish(Outcome.READY_NOT_PROMOTED, s.plan.targetSlot + " runs " + s.record.toImage + " and "
                    + passed + "; production traffic untouched (" + s.plan.splitBefore + ").");
        }
        if (s.canaryStages() != null) {
            s.canary.stageIndex = 0;
            return Next.goTo(Phase.SHIFT_CANARY, passed + "; starting canary stages " + s.canaryStages().percents());
        }
        return Next.goTo(Phase.SWITCH_TRAFFIC, passed);
    }

    /** The check with {@code ${slotUrl}} replaced by the new slot's own URL, read from AWS at each attempt. */
    private static SmokeCheckConfig slotUrl(StepContext ctx, SmokeCheckConfig check) {
        if (!check.usesSlotUrl()) {
            return check;
        }
        Slot slot = ctx.state.plan.targetSlot;
        String url = ctx.aws().services().url(slot).orElseThrow(() -> new DeploymentFailure("Smoke check "
                + check.url() + " names " + SmokeCheckConfig.SLOT_URL + ", but " + slot + " has no URL of its own:"
                + " write the URL that reaches it."));
        return check.withSlotUrl(url);
    }
}
