package io.centrasync.simulator;

import java.util.SplittableRandom;

/** Deterministic hashing helpers: every generated value is a pure function of (seed, entity, salt). */
final class Seeds {
    private static final long M1 = 0xbf58476d1ce4e5b9L;
    private static final long M2 = 0x94d049bb133111ebL;
    private static final long M1_INV = inverse(M1);
    private static final long M2_INV = inverse(M2);

    private Seeds() {
    }

    /** SplitMix64 finaliser: a bijection on 64-bit values. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * M1;
        z = (z ^ (z >>> 27)) * M2;
        return z ^ (z >>> 31);
    }

    /** Inverse of {@link #mix(long)}. */
    static long unmix(long z) {
        z = unshift(z, 31);
        z *= M2_INV;
        z = unshift(z, 27);
        z *= M1_INV;
        return unshift(z, 30);
    }

    static long hash(long seed, long a, long b) {
        return mix(seed ^ mix(a * 0x9E3779B97F4A7C15L + b));
    }

    static SplittableRandom rng(long seed, long a, long b) {
        return new SplittableRandom(hash(seed, a, b));
    }

    /** Uniform double in [0, 1) from a hash. */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    static int pickWeighted(SplittableRandom r, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static long unshift(long x, int s) {
        long y = x;
        for (int k = s; k < 64; k += s) {
            y ^= x >>> k;
        }
        return y;
    }

    private static long inverse(long odd) {
        long inv = odd;
        for (int i = 0; i < 6; i++) {
            inv *= 2 - odd * inv;
        }
        return inv;
    }
}
