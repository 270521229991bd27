package io.jenkins.plugins.ecsdeploy.core.config;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids a CloudWatch metric math expression uses. CloudWatch writes functions in capitals followed by a
 * parenthesis ({@code FILL(m1, 0)}) and ids start with a lowercase letter, so an id is a word that starts lowercase
 * and is not followed by {@code (}; text in quotes (the query of a SEARCH) is not read.
 */
public final class MetricExpressions {

    /** Quoted text, numbers (with exponents), ids (group 1), other words such as function names. */
    private static final Pattern TOKEN = Pattern.compile("'[^']*'|\"[^\"]*\"|\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?"
            + "|([a-z][A-Za-z0-9_]*+)(?!\\s*\\()|[A-Za-z_][A-Za-z0-9_]*");

    private MetricExpressions() {
    }

    /** The ids the expression uses, in order of first use. */
    public static Set<String> references(String expression) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = TOKEN.matcher(expression);
        while (m.find()) {
            if (m.group(1) != null) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** The expression with each id it uses replaced by {@code rename}'s answer; everything else as written. */
    public static String renameReferences(String expression, UnaryOperator<String> rename) {
        Matcher m = TOKEN.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) != null ? rename.apply(m.group(1)) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }
}
