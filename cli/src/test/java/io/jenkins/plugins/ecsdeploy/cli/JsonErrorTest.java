package io.jenkins.plugins.ecsdeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --json, a bad argument (exit 2) or a failed AWS read (exit 5) is a JSON line on standard output too. */
class JsonErrorTest {

    @TempDir
    Path dir;
    private CliHarness h;

    @BeforeEach
    void start() {
        h = new CliHarness(dir);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aBadArgumentIsAJsonLine() throws IOException {
        int code = h.run("switch", "-c", h.config.toString(), "--to", "purple", "--json");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        JsonNode line = lastLine();
        assertThat(line.get("type").asText()).isEqualTo("error");
        assertThat(line.get("exitCode").intValue()).isEqualTo(ExitCodes.USAGE);
        assertThat(line.get("message").asText()).contains("purple");
        assertThat(h.aws.calls()).isEmpty();
    }

    @Test
    void aFailedStatusReadIsAJsonLine() throws IOException {
        h.aws.edit(s -> s.listeners.clear());
        int code = h.run("status", "-c", h.config.toString(), "--json");

        assertThat(code).as(h.out() + h.err()).isEqualTo(ExitCodes.AWS_ERROR);
        JsonNode line = lastLine();
        assertThat(line.get("type").asText()).isEqualTo("error");
        assertThat(line.get("exitCode").intValue()).isEqualTo(ExitCodes.AWS_ERROR);
        assertThat(line.get("message").asText()).isNotBlank();
    }

    private JsonNode lastLine() throws IOException {
        String[] lines = h.out().strip().split("\n");
        return StateJson.mapper().readTree(lines[lines.length - 1]);
    }
}
