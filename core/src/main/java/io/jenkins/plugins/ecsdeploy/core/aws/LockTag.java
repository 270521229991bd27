package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The tag a lock is stored in, and its value: five space-separated fields, {@code <deploymentId> <owner> <since>
 * <expires> <where>}, e.g. {@code d-20261123-100000-a1b2c3 alice 2026-11-23T10:00:00Z 2026-11-23T10:30:00Z
 * cli@build-3}.
 *
 * <p>ELB tag values allow at most 256 characters of letters, digits, spaces and {@code _ . : / = + - @}. So each
 * field keeps ASCII letters, digits and {@code _ . : / = - @} as they are, writes every other character as
 * {@code +XX} per UTF-8 byte (a space is {@code +20}), and is cut to a fixed budget (ending in {@code ..}) so that
 * the whole value always fits. The engine compares whole decoded values, so a cut never makes two runs look alike
 * unless their ids share the first 80 characters.
 */
public final class LockTag {

    /** The tag key holding the lock. */
    public static final String KEY = "ecs-deploy:lock";
    /** The tag key recording the last explicit break: who, when, whose lock, and why. */
    public static final String BROKEN_KEY = "ecs-deploy:lock-broken";
    /** ELB's and Route 53's limit on a tag key. */
    public static final int MAX_KEY = 128;
    /** ELB's limit on a tag value. */
    public static final int MAX_VALUE_LENGTH = 256;
    /**
     * Left by a rollback that moved traffic under a run holding the lock, for that run to read at its next step:
     * {@code <victim deployment id> <at> <rollback id> <by> <reason>}.
     */
    public static final String PREEMPTED_KEY = "ecs-deploy:preempted";

    static final int MAX_ID = 80;
    static final int MAX_OWNER = 64;
    static final int MAX_WHERE = 64;
    /** For the broken-lock record: who broke it and why. */
    static final int MAX_REASON = 120;

    private static final char ESCAPE = '+';

    private LockTag() {
    }

    public static String encode(LockHolder h) {
        return field(h.deploymentId(), MAX_ID) + " " + field(h.owner(), MAX_OWNER) + " " + h.since() + " "
                + h.expires() + " " + field(h.where(), MAX_WHERE);
    }

    /**
     * Reads a tag value. A value this version cannot read becomes a holder with no expiry, so that it is never
     * taken over silently.
     */
    public static LockHolder decode(String value) {
        String[] f = value.split(" ", -1);
        if (f.length == 5) {
            try {
                return new LockHolder(unescape(f[0]), unescape(f[1]), Instant.parse(f[2]), Instant.parse(f[3]),
                        unescape(f[4]));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                // Falls through to the unreadable holder below.
            }
        }
        return new LockHolder(value, null, null, null, null);
    }

    /** The value of {@link #BROKEN_KEY}: {@code <by> <at> <deploymentId> <reason>}, within ELB's limits. */
    static String brokenRecord(String by, Instant at, LockHolder broken, String reason) {
        return field(by, MAX_OWNER) + " " + at + " " + field(broken.deploymentId(), MAX_ID) + " "
                + field(reason, MAX_REASON - 30);
    }

    /** The value of {@link #PREEMPTED_KEY}, within ELB's limits (80 + 20 + 40 + 64 + 47 and four spaces). */
    static String preemptionRecord(LockHolder victim, Instant at, String rollbackId, String by, String reason) {
        return field(victim.deploymentId(), MAX_ID) + " " + at + " " + field(rollbackId, 40) + " "
                + field(by == null ? "unknown" : by, MAX_OWNER) + " " + field(reason == null ? "" : reason, 47);
    }

    /**
     * The sentence a pre-empted run records, when {@code record} names {@code ours} as its victim; else empty.
     */
    static java.util.Optional<String> preemptionOf(String record, LockHolder ours) {
        String[] f = record.split(" ", 5);
        if (f.length < 4 || !f[0].equals(field(ours.deploymentId(), MAX_ID))) {
            return java.util.Optional.empty();
        }
        try {
            String reason = f.length == 5 && !f[4].isEmpty() ? ": " + unescape(f[4]) : "";
            return java.util.Optional.of("rollback " + unescape(f[2]) + " started by " + unescape(f[3]) + " at "
                    + f[1] + reason);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of("a rollback (" + record + ")");
        }
    }

    /**
     * The tag key naming one run's hold on the lock: {@code prefix} and the deployment id in the tag alphabet; an id
     * too long for {@code maxKey} is cut and ends in a hash of the whole id, so that two long ids never share a key.
     */
    static String holderKey(String prefix, String deploymentId, int maxKey) {
        String id = field(deploymentId, Integer.MAX_VALUE);
        if (prefix.length() + id.length() <= maxKey) {
            return prefix + id;
        }
        String hash = hash16(deploymentId);
        return prefix + id.substring(0, Math.max(0, maxKey - prefix.length() - hash.length() - 1)) + "~" + hash;
    }

    /** The first 16 hex digits of the SHA-256 of {@code text}: a short, stable stand-in for a long name. */
    static String hash16(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A field in the tag alphabet, cut to {@code budget} characters between two whole characters. */
    static String field(String text, int budget) {
        String[] pieces = text.codePoints().mapToObj(LockTag::escape).toArray(String[]::new);
        String whole = String.join("", pieces);
        if (whole.length() <= budget) {
            return whole;
        }
        StringBuilder out = new StringBuilder();
        for (String piece : pieces) {
            if (out.length() + piece.length() > budget - 2) {
                break;
            }
            out.append(piece);
        }
        return out.append("..").toString();
    }

    /** One character as it is when the tag alphabet allows it, else as {@code +XX} per UTF-8 byte. */
    private static String escape(int codePoint) {
        if (isPlain(codePoint)) {
            return Character.toString(codePoint);
        }
        StringBuilder out = new StringBuilder();
        for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%c%02X", ESCAPE, b & 0xff));
        }
        return out.toString();
    }

    static String unescape(String field) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ESCAPE) {
                if (i + 2 >= field.length()) {
                    throw new IllegalArgumentException("cut escape");
                }
                bytes.write(Integer.parseInt(field.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isPlain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_.:/=-@".indexOf(c) >= 0;
    }
}
