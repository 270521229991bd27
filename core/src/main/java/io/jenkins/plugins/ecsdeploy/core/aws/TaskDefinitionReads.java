package io.jenkins.plugins.ecsdeploy.core.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * DescribeTaskDefinition replies, by ARN, shared by one engine's resolver and service control. A registered revision
 * never changes, so the read the preflight makes to check the container serves the plan and the copy too, in later
 * steps of the run, without asking again. Only its tags can change: the preflight reads them along (the copy carries
 * them over), and each preflight forgets what came before, so a copy carries tags read no earlier than its own run's
 * preflight. Kept in memory only: after a restart the copy reads its source again.
 */
final class TaskDefinitionReads {

    /** Both slots' revisions and a few more; the oldest go first. */
    private static final int MAX = 16;

    private record Read(DescribeTaskDefinitionResponse reply, boolean withTags) {
    }

    /** Asked at the first read, so that an environment used only for its lock builds no ECS client. */
    private final Supplier<EcsClient> ecs;
    private final Map<String, Read> reads = new LinkedHashMap<>(MAX, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Read> eldest) {
            return size() > MAX;
        }
    };

    TaskDefinitionReads(EcsClient ecs) {
        this(() -> ecs);
    }

    TaskDefinitionReads(Supplier<EcsClient> ecs) {
        this.ecs = ecs;
    }

    /** A run's preflight starts: what earlier runs read is not reused, so tags are as fresh as this run. */
    synchronized void forget() {
        reads.clear();
    }

    /** The revision with its tags, as read earlier in this run or now. */
    DescribeTaskDefinitionResponse withTags(String arn) {
        Read known = known(arn);
        if (known != null && known.withTags()) {
            return known.reply();
        }
        DescribeTaskDefinitionResponse reply = AwsErrors.call("ecs:DescribeTaskDefinition", arn, null,
                () -> ecs.get().describeTaskDefinition(b -> b.taskDefinition(arn)
                        .include(TaskDefinitionField.TAGS)));
        keep(arn, new Read(reply, true));
        return reply;
    }

    /** The revision, tags or not, as read earlier in this run or now (without tags). */
    DescribeTaskDefinitionResponse any(String arn) {
        Read known = known(arn);
        if (known != null) {
            return known.reply();
        }
        DescribeTaskDefinitionResponse reply = AwsErrors.call("ecs:DescribeTaskDefinition", arn, null,
                () -> ecs.get().describeTaskDefinition(b -> b.taskDefinition(arn)));
        keep(arn, new Read(reply, false));
        return reply;
    }

    private synchronized Read known(String arn) {
        return reads.get(arn);
    }

    private synchronized void keep(String arn, Read read) {
        reads.put(arn, read);
    }
}
