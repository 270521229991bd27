package io.jenkins.plugins.ecsdeploy.core.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The moto AWS emulator ({@code python3 -m moto.server}) on a free loopback port, for tests at the wire against an
 * emulator the project did not write (Route 53 weighted records, change batches, tags). Started once per test class
 * and stopped by {@link #close}. Needs python3 with moto 5 installed, as the workplace has (docs/emulator.md).
 */
public final class MotoServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String endpoint;

    private MotoServer(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * @throws IllegalStateException when moto does not answer within a minute, with the end of its log
     */
    public static MotoServer start() {
        int port = freePort();
        try {
            Path log = Files.createTempFile("moto-", ".log");
            Process p = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p",
                    Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            MotoServer moto = new MotoServer(p, "http://127.0.0.1:" + port);
            moto.awaitUp(log);
            return moto;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start moto (python3 -m moto.server): " + e.getMessage(), e);
        }
    }

    public String endpoint() {
        return endpoint;
    }

    private void awaitUp(Path log) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited at start (is moto installed for python3?): "
                        + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/moto-api/").toURL()
                        .openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("moto did not answer on " + endpoint + " within " + START_TIMEOUT.toSeconds()
                + " s: " + Files.readString(log));
    }

    /** Forgets every resource, as a fresh server would. */
    public void reset() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/moto-api/reset").toURL()
                    .openConnection();
            c.setRequestMethod("POST");
            if (c.getResponseCode() != 200) {
                throw new IllegalStateException("moto reset answered " + c.getResponseCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed: " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
