package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;

/**
 * CloudWatch metric math, as much of it as canary analysis uses: numbers, the ids of other queries, {@code + - * /},
 * unary minus, parentheses and {@code FILL(series, value)}. As in CloudWatch, an operation on two series is
 * computed at the timestamps both have, an operation with a number at every point, and a point whose result is not
 * a finite number (a division by zero) is left out. Anything else is refused with the ValidationError CloudWatch
 * gives for an expression it cannot read, naming what the fake does not implement.
 */
final class MetricMath {

    /** The value of a sub-expression: a number, or a series of points by timestamp. */
    private record Value(Double scalar, TreeMap<Instant, Double> series) {
        static Value of(double v) {
            return new Value(v, null);
        }

        static Value of(TreeMap<Instant, Double> s) {
            return new Value(null, s);
        }
    }

    private final String id;
    private final String text;
    private final Function<String, TreeMap<Instant, Double>> series;
    private final List<Instant> periods;
    private int pos;

    private MetricMath(String id, String text, Function<String, TreeMap<Instant, Double>> series,
            List<Instant> periods) {
        this.id = id;
        this.text = text;
        this.series = series;
        this.periods = periods;
    }

    /**
     * Evaluates the expression of query {@code id}.
     *
     * @param series the points of another query by its id; throws for an id that does not exist
     * @param periods the start of every period in the requested range, for numbers and FILL
     */
    static TreeMap<Instant, Double> evaluate(String id, String expression,
            Function<String, TreeMap<Instant, Double>> series, List<Instant> periods) {
        MetricMath math = new MetricMath(id, expression, series, periods);
        Value v = math.sum();
        math.skipSpaces();
        if (math.pos < expression.length()) {
            throw math.error("unexpected '" + expression.charAt(math.pos) + "' at position " + (math.pos + 1));
        }
        return math.points(v);
    }

    private Value sum() {
        Value left = product();
        for (char op = peek(); op == '+' || op == '-'; op = peek()) {
            pos++;
            Value right = product();
            left = combine(left, right, op == '+' ? Double::sum : (a, b) -> a - b);
        }
        return left;
    }

    private Value product() {
        Value left = unary();
        for (char op = peek(); op == '*' || op == '/'; op = peek()) {
            pos++;
            Value right = unary();
            left = combine(left, right, op == '*' ? (a, b) -> a * b : (a, b) -> a / b);
        }
        return left;
    }

    private Value unary() {
        if (peek() == '-') {
            pos++;
            return combine(Value.of(-1), unary(), (a, b) -> a * b);
        }
        return primary();
    }

    private Value primary() {
        char c = peek();
        if (c == '(') {
            pos++;
            Value inner = sum();
            expect(')');
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            return Value.of(Double.parseDouble(text.substring(start, pos)));
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            return peek() == '(' ? function(name) : Value.of(new TreeMap<>(series.apply(name)));
        }
        throw error(c == 0 ? "the expression ends too early" : "unexpected '" + c + "' at position " + (pos + 1));
    }

    private Value function(String name) {
        if (!name.equals("FILL")) {
            throw error("function " + name + " is not implemented by the fake CloudWatch (it evaluates + - * /, "
                    + "parentheses and FILL)");
        }
        expect('(');
        Value filled = sum();
        expect(',');
        Value with = sum();
        expect(')');
        if (with.scalar() == null) {
            throw error("FILL takes a number as its second argument in the fake CloudWatch");
        }
        TreeMap<Instant, Double> out = points(filled);
        periods.forEach(t -> out.putIfAbsent(t, with.scalar()));
        return Value.of(out);
    }

    private Value combine(Value a, Value b, DoubleBinaryOperator op) {
        if (a.scalar() != null && b.scalar() != null) {
            return Value.of(op.applyAsDouble(a.scalar(), b.scalar()));
        }
        TreeMap<Instant, Double> out = new TreeMap<>();
        TreeMap<Instant, Double> keys = a.series() != null ? a.series() : b.series();
        for (Map.Entry<Instant, Double> point : keys.entrySet()) {
            Double x = a.series() == null ? a.scalar() : a.series().get(point.getKey());
            Double y = b.series() == null ? b.scalar() : b.series().get(point.getKey());
            if (x != null && y != null) {
                double r = op.applyAsDouble(x, y);
                if (Double.isFinite(r)) {
                    out.put(point.getKey(), r);
                }
            }
        }
        return Value.of(out);
    }

    /** A series as it is, a number as one point per period. */
    private TreeMap<Instant, Double> points(Value v) {
        if (v.series() != null) {
            return new TreeMap<>(v.series());
        }
        TreeMap<Instant, Double> out = new TreeMap<>();
        if (Double.isFinite(v.scalar())) {
            periods.forEach(t -> out.put(t, v.scalar()));
        }
        return out;
    }

    private char peek() {
        skipSpaces();
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "' at position " + (pos + 1));
        }
        pos++;
    }

    private AwsError error(String what) {
        return AwsError.client("ValidationError", "Error in expression '" + id + "' (" + text + "): " + what);
    }
}
