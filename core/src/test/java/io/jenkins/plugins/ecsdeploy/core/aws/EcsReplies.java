package io.jenkins.plugins.ecsdeploy.core.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Canned ECS JSON replies, shaped like AWS's. */
final class EcsReplies {

    static final String CLUSTER_ARN = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EcsReplies() {
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
