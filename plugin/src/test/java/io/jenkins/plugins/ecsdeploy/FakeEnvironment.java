package io.jenkins.plugins.ecsdeploy;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.environment.DeploymentEnvironment;
import io.jenkins.plugins.ecsdeploy.environment.EcsDeploymentGlobalConfiguration;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A deployment environment in Jenkins pointing at a {@link FakeAws}, with AWS credentials in the system store.
 * Timings are short so a whole deployment takes seconds; the secret is a recognisable string that tests look
 * for in logs and build.xml.
 */
public final class FakeEnvironment {

    public static final String CREDENTIALS_ID = "aws-fake";
    public static final String ACCESS_KEY = "AKIAFAKEFAKEFAKE0001";
    public static final String SECRET_KEY = "s3cr3t-never-in-logs-7f3a9c";

    private FakeEnvironment() {
    }

    /** Registers credentials and one global environment named "production" for {@code aws}. */
    public static DeploymentEnvironment install(FakeAws aws, String bakeTime) throws IOException {
        SystemCredentialsProvider.getInstance().getCredentials().add(new AWSCredentialsImpl(
                CredentialsScope.GLOBAL, CREDENTIALS_ID, ACCESS_KEY, SECRET_KEY, "fake AWS"));
        SystemCredentialsProvider.getInstance().save();
        DeploymentEnvironment env = environment(aws, bakeTime);
        EcsDeploymentGlobalConfiguration.get().setEnvironments(List.of(env));
        return env;
    }

    public static DeploymentEnvironment environment(FakeAws aws, String bakeTime) {
        DeploymentEnvironment env = new DeploymentEnvironment("production");
        env.setCredentialsId(CREDENTIALS_ID);
        env.setRegion(FakeAws.REGION);
        env.setEndpointUrl(aws.endpoint());
        env.setCluster(FakeAws.CLUSTER);
        env.setContainer(FakeAws.CONTAINER);
        env.setBlueService(FakeAws.BLUE_SERVICE);
        env.setBlueTargetGroup(FakeAws.BLUE_TARGET_GROUP);
        env.setGreenService(FakeAws.GREEN_SERVICE);
        env.setGreenTargetGroup(FakeAws.GREEN_TARGET_GROUP);
        env.setListenerArn(FakeAws.LISTENER_ARN);
        env.setTestListenerArn(FakeAws.TEST_LISTENER_ARN);
        env.setReadinessTimeout("30s");
        // The shortest poll users may set (core refuses less): the 200ms this once had stopped every test run.
        env.setPollInterval("1s");
        env.setBakeTime(bakeTime);
        return env;
    }

    /**
     * The deployment-lock tags among {@code tags}: each run's own key ({@code ecs-deploy:lock/<id>}) and the single key
     * of the release before it; not the notes of a break or a pre-emption.
     */
    public static List<String> lockKeys(Map<String, String> tags) {
        return tags.keySet().stream().filter(k -> k.equals("ecs-deploy:lock") || k.startsWith("ecs-deploy:lock/"))
                .toList();
    }
}
