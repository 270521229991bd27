package io.jenkins.plugins.ecsdeploy;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.TaskListener;
import io.jenkins.plugins.ecsdeploy.action.DeploymentAction;
import io.jenkins.plugins.ecsdeploy.action.DeploymentEntry;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.runtime.AwsClientCache;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentRun;
import io.jenkins.plugins.ecsdeploy.runtime.SharedRuntime;
import io.jenkins.plugins.ecsdeploy.runtime.Ticker;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Not a test (its name does not end in Test, so builds do not run it): drives 10, 100 and 1,000 deployments in
 * flight through the plugin's runtime (DeploymentRun advanced by Tickers on the shared step pool, clients from the
 * cache) against the fake AWS, and reports the threads and heap they add and the engine steps per second they get.
 * Each deployment is a copy of a real one parked in its bake, polling every second, as a long bake would.
 * Run it with the plugin's tests by name; it writes target/benchmarks/plugin-runtime.md.
 */
@WithJenkins
@ExtendWith(ShortLockSettle.class)
class RuntimeBenchmark {

    private static final Duration WINDOW = Duration.ofSeconds(15);

    @Test
    void inFlightDeploymentsHoldNoThreads(JenkinsRule r) throws Exception {
        try (FakeAws aws = FakeAws.startStandard()) {
            FakeEnvironment.install(aws, "1h");
            WorkflowJob job = r.createProject(WorkflowJob.class, "bake");
            job.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v2.0.0'", true));
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("\u2192 BAKE", run);
            DeploymentEntry baking = run.getAction(DeploymentAction.class).getLatest();
            assertThat(baking.getState().getPhase()).isEqualTo(Phase.BAKE);

            StringBuilder report = new StringBuilder("# Plugin runtime: deployments in flight\n\n"
                    + "Copies of one deployment in its bake (polling every second) driven by the plugin's runtime "
                    + "against the fake AWS on loopback; " + SharedRuntime.STEP_THREADS_PROPERTY + " at its "
                    + "default. Threads and heap are measured before and with the deployments in flight.\n\n"
                    + "| in flight | threads added | per deployment | heap added (KiB) | per deployment (KiB) "
                    + "| engine steps/s | client sets open |\n|---|---|---|---|---|---|---|\n");
            for (int n : new int[] {10, 100, 1000}) {
                report.append(measure(n, baking, run, aws)).append('\n');
            }
            Path out = Path.of("target", "benchmarks", "plugin-runtime.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report.toString());
            System.out.println(report);
            run.doStop();
            r.waitForCompletion(run);
        }
    }

    private static String measure(int n, DeploymentEntry template, WorkflowRun run, FakeAws aws) throws Exception {
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        // The fake's record of calls lives in this JVM too: forgotten before each heap reading.
        aws.forgetCalls();
        long heapBefore = usedHeap();
        AtomicLong steps = new AtomicLong();
        List<Ticker> tickers = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        for (int i = 0; i < n; i++) {
            DeploymentRun d = DeploymentRun.resume(new DeploymentEntry("bench-" + n + "-" + i,
                    template.getEnvironment(), template.getTarget(), template.getStateJson(), "benchmark"));
            Ticker t = new Ticker(() -> {
                if (stop.get()) {
                    return -1;
                }
                try {
                    Instant next = d.advance(run, TaskListener.NULL);
                    steps.incrementAndGet();
                    return next == null ? -1 : Math.max(0, Duration.between(Instant.now(), next).toMillis());
                } catch (Exception e) {
                    return -1;
                }
            });
            tickers.add(t);
            t.wake();
        }
        Thread.sleep(2000);
        long counted = steps.get();
        Instant from = Instant.now();
        Thread.sleep(WINDOW.toMillis());
        double perSecond = (steps.get() - counted) / (Duration.between(from, Instant.now()).toMillis() / 1000.0);
        int threadsDuring = ManagementFactory.getThreadMXBean().getThreadCount();
        aws.forgetCalls();
        long heapDuring = usedHeap();
        int clients = AwsClientCache.openCount();
        stop.set(true);
        tickers.forEach(Ticker::wake);
        Thread.sleep(3000);
        int added = threadsDuring - threadsBefore;
        double heapKiB = Math.max(0, heapDuring - heapBefore) / 1024.0;
        return String.format(Locale.ROOT, "| %d | %d | %.3f | %.0f | %.1f | %.1f | %d |", n, added,
                (double) added / n, heapKiB, heapKiB / n, perSecond, clients);
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
