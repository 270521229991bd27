package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the environment YAML shared by the CLI and the Jenkins plugin. Reading is strict: unknown
 * fields, wrong types, duplicate keys and YAML aliases are errors that name the field, because a silently ignored
 * typo in a deployment config shows up only in production. Values are not range-checked here; that is
 * {@link ConfigValidator}'s job.
 */
public final class ConfigLoader {

    /** A real config is a few kilobytes; anything near this is not one. */
    static final int MAX_DOCUMENT_CHARS = 256 * 1024;
    private static final int MAX_NESTING = 32;
    static final String DOCUMENT = "(document)";

    private static final ObjectMapper MAPPER = createMapper();

    private ConfigLoader() {
    }

    /**
     * Reads a YAML file (UTF-8).
     *
     * @throws InvalidConfigException when the file cannot be read or does not hold a well-formed configuration
     */
    public static EnvironmentConfig load(Path file) {
        String source = file.toString();
        try {
            if (Files.size(file) > MAX_DOCUMENT_CHARS) {
                throw tooLarge(source);
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), source);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(source, List.of(new ConfigProblem(DOCUMENT, "no such file")));
        } catch (CharacterCodingException e) {
            throw new InvalidConfigException(source,
                    List.of(new ConfigProblem(DOCUMENT, "the file is not UTF-8 text; save it as UTF-8")));
        } catch (IOException e) {
            throw new InvalidConfigException(source,
                    List.of(new ConfigProblem(DOCUMENT, "cannot read the file: " + e.getMessage())));
        }
    }

    /**
     * Reads a YAML document.
     *
     * @param sourceName where the text came from, for the error message (a file name, "job configuration")
     * @throws InvalidConfigException listing the problems found: syntax errors with line and column, unknown
     *     fields with the valid ones, and values of the wrong type with their field path
     */
    public static EnvironmentConfig parse(String yaml, String sourceName) {
        if (yaml == null || yaml.length() > MAX_DOCUMENT_CHARS) {
            throw yaml == null ? new InvalidConfigException(sourceName,
                    List.of(new ConfigProblem(DOCUMENT, "no configuration text"))) : tooLarge(sourceName);
        }
        YamlShapeCheck shape = YamlShapeCheck.run(MAPPER, yaml);
        List<ConfigProblem> problems = new ArrayList<>(shape.problems());
        if (!shape.malformed()) {
            // Unknown fields are all reported already; binding the rest adds the first type error, if any.
            ObjectReader reader = MAPPER.readerFor(EnvironmentConfig.class);
            try {
                EnvironmentConfig config = (problems.isEmpty() ? reader
                        : reader.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).readValue(yaml);
                if (problems.isEmpty()) {
                    return config;
                }
            } catch (JsonProcessingException e) {
                problems.add(JacksonProblems.describe(e));
            }
        }
        throw new InvalidConfigException(sourceName, problems);
    }

    private static InvalidConfigException tooLarge(String source) {
        return new InvalidConfigException(source, List.of(new ConfigProblem(DOCUMENT,
                "larger than " + MAX_DOCUMENT_CHARS / 1024 + " KiB; this is not an environment configuration")));
    }

    private static ObjectMapper createMapper() {
        // Limits for the SnakeYAML reader underneath and for Jackson's parser. Jackson reads YAML as a stream of
        // events and never expands aliases, and YamlShapeCheck refuses aliases outright, so an alias bomb has
        // nothing to grow into; these bound what is left: size, nesting and single values.
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(10);
        loader.setAllowRecursiveKeys(false);
        loader.setNestingDepthLimit(MAX_NESTING);
        loader.setCodePointLimit(MAX_DOCUMENT_CHARS);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxDocumentLength(MAX_DOCUMENT_CHARS)
                        .maxStringLength(MAX_DOCUMENT_CHARS)
                        .maxNumberLength(100)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return YAMLMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                // "health:" with nothing after it means "the defaults", as null would.
                .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull))
                .build();
    }
}
