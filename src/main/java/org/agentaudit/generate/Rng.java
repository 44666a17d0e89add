package org.agentaudit.generate;

/**
 * SplitMix64, written out so that generated files depend only on this code: the JDK's own
 * {@code nextInt(bound)}, {@code nextDouble} and {@code nextGaussian} have changed between releases.
 * One instance per purpose (an agent's behaviour, its delivery, one file), never shared between threads.
 */
final class Rng {
    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** A stream that depends only on the run seed, a purpose name and an index (e.g. the agent number). */
    static Rng of(long seed, String purpose, long index) {
        return new Rng(mix(seed ^ mix(purpose.hashCode() * 0x9E3779B97F4A7C15L + index)));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        return mix(state += 0x9E3779B97F4A7C15L);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) (nextDouble() * bound);
    }

    /** Uniform in [lo, hi]. */
    long between(long lo, long hi) {
        return lo + (long) (nextDouble() * (hi - lo + 1));
    }

    /** Seconds (fractional) to milliseconds, uniform in [loSec, hiSec]. */
    long seconds(double loSec, double hiSec) {
        return Math.round((loSec + nextDouble() * (hiSec - loSec)) * 1000);
    }

    /** Exponential waiting time with the given mean, in ms. */
    long exponentialMs(double meanSec) {
        return Math.round(-Math.log(1 - nextDouble()) * meanSec * 1000);
    }

    /** Log-normal duration: median in seconds, sigma of the log, clipped to [minSec, maxSec]; in ms. */
    long logNormalMs(double medianSec, double sigma, double minSec, double maxSec) {
        double g = gaussian();
        double s = medianSec * Math.exp(sigma * g);
        return Math.round(Math.max(minSec, Math.min(maxSec, s)) * 1000);
    }

    /** Box-Muller (one value per call: simple and deterministic). */
    double gaussian() {
        double u1 = 1 - nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    <T> T pick(T[] items) {
        return items[nextInt(items.length)];
    }

    /** Index chosen with the given (non-negative) weights; -1 when they sum to 0. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) total += w;
        if (total <= 0) return -1;
        double r = nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0 && weights[i] > 0) return i;
        }
        for (int i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
        return -1;
    }

    /** A random (version 4 layout) UUID string. */
    String uuid() {
        return Json.uuid(nextLong(), nextLong());
    }
}
