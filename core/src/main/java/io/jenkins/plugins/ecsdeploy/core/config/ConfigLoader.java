package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads and writes the environment YAML shared by the CLI and the Jenkins plugin. Reading is strict: unknown
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
        List<ConfigProblem> problems = new ArrayList<>();
        checkShape(yaml, problems);
        if (problems.isEmpty()) {
            UnknownFieldCollector unknown = new UnknownFieldCollector();
            try {
                EnvironmentConfig config = MAPPER.readerFor(EnvironmentConfig.class).withHandler(unknown)
                        .readValue(yaml);
                if (unknown.problems().isEmpty()) {
                    return config;
                }
            } catch (JsonProcessingException e) {
                problems.add(JacksonProblems.describe(e));
            }
            problems.addAll(0, unknown.problems());
        }
        throw new InvalidConfigException(sourceName, problems);
    }

    /** Writes a configuration in the form {@link #parse} reads back to an equal configuration. */
    public static String toYaml(EnvironmentConfig config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write configuration as YAML", e);
        }
    }

    /**
     * A first pass over the tokens, before data binding, for what binding would report badly or not at all:
     * syntax errors (with their position), aliases (which Jackson would read as the anchor's name), a top
     * level that is not a mapping, and a second document.
     */
    private static void checkShape(String yaml, List<ConfigProblem> problems) {
        try (JsonParser p = MAPPER.createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(new ConfigProblem(DOCUMENT, "the document is empty; see examples/environment.yaml"));
                return;
            }
            if (first != JsonToken.START_OBJECT) {
                problems.add(new ConfigProblem(DOCUMENT, "expected a mapping of fields ("
                        + String.join(", ", UnknownFieldCollector.fieldsOf(EnvironmentConfig.class)) + ")"));
                return;
            }
            int depth = 1;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (depth == 0) {
                    problems.add(new ConfigProblem(DOCUMENT, "more than one YAML document: put the whole "
                            + "configuration in one" + JacksonProblems.where(p.currentLocation())));
                    return;
                }
                depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
                if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
                    problems.add(new ConfigProblem(ConfigPaths.pathTo(p.getParsingContext()),
                            "YAML aliases (*" + p.getText() + ") are not supported: write the value out"
                                    + JacksonProblems.where(p.currentLocation())));
                }
            }
        } catch (JsonProcessingException e) {
            problems.add(JacksonProblems.describe(e));
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string failed", e);
        }
    }

    private static InvalidConfigException tooLarge(String source) {
        return new InvalidConfigException(source, List.of(new ConfigProblem(DOCUMENT,
                "larger than " + MAX_DOCUMENT_CHARS / 1024 + " KiB; this is not an environment configuration")));
    }

    private static ObjectMapper createMapper() {
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
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        ObjectMapper mapper = YAMLMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .serializationInclusion(JsonInclude.Include.NON_EMPTY)
                .build();
        mapper.registerModule(new SimpleModule("durations").addSerializer(Duration.class, new DurationSerializer()));
        return mapper;
    }
}
