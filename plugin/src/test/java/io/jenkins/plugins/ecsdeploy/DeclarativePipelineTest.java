package io.jenkins.plugins.ecsdeploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The steps in a Declarative Pipeline, as docs/jenkins.md shows them: prepare, then promote the prepared slot. */
@WithJenkins
@ExtendWith(ShortLockSettle.class)
class DeclarativePipelineTest {

    private FakeAws aws;

    @BeforeEach
    void startAws() {
        aws = FakeAws.startStandard();
    }

    @AfterEach
    void stopAws() {
        aws.close();
    }

    @Test
    void prepareThenPromoteTheSlotThePreparationReturned(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        WorkflowJob job = r.createProject(WorkflowJob.class, "declarative");
        job.setDefinition(new CpsFlowDefinition("""
                def prepared
                pipeline {
                    agent none
                    options { disableConcurrentBuilds() }
                    stages {
                        stage('Prepare') {
                            steps {
                                script { prepared = blueGreenDeploy imageTag: 'v2.0.0', promote: false }
                            }
                        }
                        stage('Promote') {
                            steps {
                                trafficSwitch to: prepared.targetSlot
                                echo "promoted ${prepared.toImage} on ${prepared.targetSlot}"
                            }
                        }
                    }
                }
                """, true));

        WorkflowRun run = r.buildAndAssertSuccess(job);

        r.assertLogContains("promoted " + FakeAws.IMAGE.replace(":v1.0.0", ":v2.0.0") + " on green", run);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
    }
}
