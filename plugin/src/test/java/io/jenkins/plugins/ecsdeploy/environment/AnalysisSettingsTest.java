package io.jenkins.plugins.ecsdeploy.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.NoDataPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An environment's analysis settings: form fields and the YAML text area together give the engine the same
 * AnalysisConfig the command line would read, the form winning where both set something.
 */
class AnalysisSettingsTest {

    private static DeploymentEnvironment environment() {
        DeploymentEnvironment env = new DeploymentEnvironment("production");
        env.setRegion("eu-west-1");
        env.setCluster("web");
        return env;
    }

    @Test
    void formFieldsReachTheEngineAndWinOverTheYaml() {
        DeploymentEnvironment env = environment();
        env.setMaxP50Millis("250");
        env.setMaxCpuPercent("80");
        env.setNoData("fail");
        env.setAnalysisYaml("""
                maxP50Millis: 999
                maxMemoryPercent: 70
                warn:
                  p99: 600
                dryRun: [cpu]
                """);

        AnalysisConfig analysis = env.toConfig().analysis();

        assertThat(analysis.maxP50Millis()).isEqualTo(250.0);
        assertThat(analysis.maxCpuPercent()).isEqualTo(80.0);
        assertThat(analysis.noData()).isEqualTo(NoDataPolicy.FAIL);
        assertThat(analysis.maxMemoryPercent()).isEqualTo(70.0);
        assertThat(analysis.warn()).containsEntry("p99", 600.0);
        assertThat(analysis.dryRun()).containsExactly("cpu");
    }

    @Test
    void withNeitherTheEngineDefaultsApply() {
        AnalysisConfig analysis = environment().toConfig().analysis();

        assertThat(analysis).isEqualTo(AnalysisConfig.defaults());
        assertThat(analysis.interval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void badYamlNamesTheFieldAsTheCommandLineWould() {
        DeploymentEnvironment env = environment();
        env.setAnalysisYaml("warn:\n  p99: fast\n");

        assertThatThrownBy(env::toConfig).hasMessageContaining("analysis.warn");
        assertThatThrownBy(() -> AnalysisSettings.parse("maxCpuPercnt: 5")).hasMessageContaining("maxCpuPercnt");
    }

    @Test
    void anUnknownNoDataPolicyNamesTheValuesItTakes() {
        DeploymentEnvironment env = environment();
        env.setNoData("maybe");

        assertThatThrownBy(env::toConfig).hasMessageContaining("noData").hasMessageContaining("INCONCLUSIVE");
    }
}
