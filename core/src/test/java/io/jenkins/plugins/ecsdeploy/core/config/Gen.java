package io.jenkins.plugins.ecsdeploy.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of random test inputs from a seeded {@link Random}, so that a failing input can be reproduced from
 * the seed printed with it. Just enough combinators for the bad-input tests.
 */
@FunctionalInterface
interface Gen<T> {

    T next(Random random);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return r -> f.apply(next(r));
    }

    /** Draws until {@code keep} holds; the predicates used here reject only a small share of draws. */
    default Gen<T> filter(Predicate<? super T> keep) {
        return r -> {
            for (int i = 0; i < 10_000; i++) {
                T value = next(r);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("filter rejected 10,000 draws in a row");
        };
    }

    default Gen<List<T>> list(int min, int max) {
        return r -> {
            int n = min + r.nextInt(max - min + 1);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(next(r));
            }
            return out;
        };
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return r -> values[r.nextInt(values.length)];
    }

    static <T> Gen<T> of(List<T> values) {
        return r -> values.get(r.nextInt(values.size()));
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return r -> gens[r.nextInt(gens.length)].next(r);
    }

    static Gen<Integer> ints(int min, int max) {
        return r -> min + r.nextInt(max - min + 1);
    }

    static Gen<Long> longs(long min, long max) {
        return r -> min + Math.floorMod(r.nextLong(), max - min + 1);
    }

    /** Small values near the boundary more often than huge ones, since boundaries are where rules break. */
    static Gen<Long> longsAtMost(long max) {
        return oneOf(longs(max - 100, max), longs(Long.MIN_VALUE / 2, max));
    }

    static Gen<Long> longsAtLeast(long min) {
        return oneOf(longs(min, min + 100), longs(min, Long.MAX_VALUE / 2));
    }

    static Gen<Double> doubles(double min, double max) {
        return r -> min + r.nextDouble() * (max - min);
    }

    static Gen<String> strings(String alphabet, int minLength, int maxLength) {
        return r -> {
            int n = minLength + r.nextInt(maxLength - minLength + 1);
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            return sb.toString();
        };
    }
}
