package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The tag value always satisfies ELB's rules, and reads back as written whenever it was not cut. */
class LockTagTest {

    /** ELB's Tag shape (API reference): at most 256 characters of this alphabet. */
    private static final Pattern ELB_TAG_VALUE = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String ALPHABET = "abcXYZ019 _.:/=+-@|#\"'\\\n\tåöé中文😀";

    @Test
    void randomNamesAlwaysFitAndReadBackWhenShortEnough() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            LockHolder h = LockHolder.forRun("d-" + text(random, 1 + random.nextInt(120)),
                    text(random, random.nextInt(100)), text(random, random.nextInt(100)), T0,
                    Duration.ofMinutes(30));
            String value = LockTag.encode(h);
            String context = "seed " + seed + ", case " + i + ": " + h;

            assertThat(value.length()).as(context).isLessThanOrEqualTo(LockTag.MAX_VALUE_LENGTH);
            assertThat(value).as(context).matches(ELB_TAG_VALUE).doesNotStartWith(" ").doesNotEndWith(" ");
            LockHolder read = LockTag.decode(value);
            assertThat(read.since()).as(context).isEqualTo(T0);
            assertThat(read.expires()).as(context).isEqualTo(T0.plus(Duration.ofMinutes(30)));
            if (!LockTag.field(h.deploymentId(), LockTag.MAX_ID).endsWith("..")) {
                assertThat(read.deploymentId()).as(context).isEqualTo(h.deploymentId());
            }
            // Decoding what was stored and storing it again changes nothing: the engine compares stored forms.
            assertThat(LockTag.encode(read)).as(context).isEqualTo(value);
        }
    }

    @Test
    void aCutFieldNeverSplitsAnEscape() {
        String cut = LockTag.field("a".repeat(10) + "é".repeat(40), 20);

        assertThat(cut).hasSizeLessThanOrEqualTo(20).endsWith("..");
        assertThat(LockTag.unescape(cut)).startsWith("aaaaaaaaaa");
        assertThat(cut.substring(0, cut.length() - 2)).matches("a{10}(\\+[0-9A-F]{2})*");
    }

    @Test
    void valuesOfOtherToolsAreUnreadableNotMisread() {
        for (String other : new String[] {"locked", "a b c d e", "d-1 alice yesterday tomorrow here", "x +Z"}) {
            LockHolder h = LockTag.decode(other);
            assertThat(h.expires()).as(other).isNull();
            assertThat(h.isExpired(T0.plus(Duration.ofDays(3650)))).as(other).isFalse();
            assertThat(h.describe()).as(other).contains("unreadable lock value '" + other + "'");
        }
    }

    private static String text(Random random, int length) {
        StringBuilder b = new StringBuilder();
        int[] cps = ALPHABET.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            b.appendCodePoint(cps[random.nextInt(cps.length)]);
        }
        return b.toString();
    }
}
