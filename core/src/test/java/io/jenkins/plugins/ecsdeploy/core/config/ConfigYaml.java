package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes a configuration in the form {@link ConfigLoader#parse} reads back to an equal configuration, so that tests
 * can check the loader against every configuration they can build. Nothing in the product writes configurations.
 */
final class ConfigYaml {

    private static final ObjectMapper MAPPER = createMapper();

    private ConfigYaml() {
    }

    static String write(EnvironmentConfig config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write configuration as YAML", e);
        }
    }

    private static ObjectMapper createMapper() {
        YAMLFactory factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        ObjectMapper mapper = YAMLMapper.builder(factory)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        // Empty lists and maps read back as empty, so they are left out; an empty text stays, as it is not the
        // same as a missing one.
        JsonInclude.Value nonEmpty = JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, null);
        mapper.configOverride(List.class).setInclude(nonEmpty);
        mapper.configOverride(Map.class).setInclude(nonEmpty);
        mapper.registerModule(new SimpleModule("durations").addSerializer(Duration.class, new DurationSerializer()));
        return mapper;
    }
}
