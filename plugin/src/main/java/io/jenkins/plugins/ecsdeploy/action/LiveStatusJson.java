package io.jenkins.plugins.ecsdeploy.action;

import io.jenkins.plugins.ecsdeploy.core.engine.EnvironmentStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.SlotStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The live status as the page's script reads it: the split and each slot's version, tasks and health. */
final class LiveStatusJson {

    private LiveStatusJson() {
    }

    static Map<String, Object> of(LiveStatus live) {
        Map<String, Object> json = new LinkedHashMap<>();
        EnvironmentStatus status = live.getStatus();
        if (status == null) {
            json.put("error", String.valueOf(live.getError()));
            return json;
        }
        json.put("environment", status.environment());
        json.put("readAt", status.readAt().toString());
        json.put("blue", status.split().blue());
        json.put("green", status.split().green());
        List<Map<String, Object>> slots = new ArrayList<>();
        for (SlotStatus s : status.slots()) {
            Map<String, Object> slot = new LinkedHashMap<>();
            slot.put("slot", s.slot().id());
            slot.put("service", s.service());
            slot.put("imageTag", s.imageTag());
            slot.put("revision", s.taskDefinitionRevision());
            slot.put("running", s.running());
            slot.put("desired", s.desired());
            slot.put("healthy", s.health() == null ? 0 : s.health().healthy());
            slot.put("targets", s.health() == null ? 0 : s.health().total());
            slot.put("percent", s.percent());
            slot.put("live", s.live());
            slot.put("status", s.status());
            slot.put("image", s.image());
            slot.put("url", s.url());
            slots.add(slot);
        }
        json.put("slots", slots);
        return json;
    }
}
