package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The project's lifecycle-hook function, examples/ecs-native/approval-hook/approval_hook.py, run with python3: the
 * fake ECS asks it, as ECS asks the Lambda function, so the approval round trip tests the file users deploy. Only its
 * {@code decide} is run (the service's tags are passed in), because its own AWS call would come back into the fake
 * while the fake holds its lock.
 */
public final class ApprovalHookScript {

    /** The folder of the hook, found from the working directory (core/ under Maven, or the repository root). */
    public static final Path DIRECTORY = locate();
    /** Answers one JSON line per JSON line: python3 starts slowly on a busy machine, so one process serves all. */
    private static final String SERVE = "import json, sys\n"
            + "import approval_hook\n"
            + "for line in sys.stdin:\n"
            + "    d = json.loads(line)\n"
            + "    print(json.dumps(approval_hook.decide(d['event'], d['tags'], d['now'])), flush=True)\n";
    private static Process python;
    private static BufferedWriter toPython;
    private static BufferedReader fromPython;

    private ApprovalHookScript() {}

    /** The hook's answer to {@code event} for a service with {@code tags}, at {@code now} (epoch seconds). */
    static synchronized ObjectNode decide(ObjectNode event, Map<String, String> tags, long now) {
        ObjectNode input = JSON.createObjectNode();
        input.set("event", event);
        input.set("tags", JSON.valueToTree(tags));
        input.put("now", now);
        try {
            if (python == null || !python.isAlive()) {
                start();
            }
            toPython.write(input.toString());
            toPython.newLine();
            toPython.flush();
            String answer = fromPython.readLine();
            if (answer == null) {
                throw new IllegalStateException("The approval hook stopped: "
                        + new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            return (ObjectNode) JSON.readTree(answer);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run python3 for the approval hook: " + e, e);
        }
    }

    private static void start() throws IOException {
        python = new ProcessBuilder("python3", "-B", "-u", "-c", SERVE).directory(DIRECTORY.toFile()).start();
        toPython = new BufferedWriter(new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8));
        fromPython = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        Process started = python;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path hook = dir.resolve("examples/ecs-native/approval-hook");
            if (Files.exists(hook.resolve("approval_hook.py"))) {
                return hook;
            }
        }
        throw new IllegalStateException("examples/ecs-native/approval-hook/approval_hook.py was not found above "
                + Path.of("").toAbsolutePath());
    }
}
