package org.liquidpilot.sim.report;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The measures a severity ladder is read with, as pure functions over success counts and rates per level
 * (0 the baseline, 1..5 the axis's levels):
 * <ul>
 * <li>{@link #wilson}: the Wilson score 95% interval of a success rate, which stays inside [0, 1] and is not empty
 *     at 0/n or n/n (unlike the normal approximation);</li>
 * <li>{@link #auc}: the area under the success curve over levels 0..L by the trapezoid rule, divided by L, so 1 is
 *     "always succeeded" and 0 "never";</li>
 * <li>{@link #threshold}: the severity where success first falls below 50%, linear between the two levels around
 *     it (0 when the baseline is already below, NaN when it never falls below);</li>
 * <li>{@link #bootstrapAuc}: a percentile interval for the AUC by resampling episodes within each cell, paired
 *     across levels (one draw of episode indices serves every level, since episode {@code e} drives the same road
 *     at every level), and, for a group of models that differ only by their training seed, resampling the seeds
 *     too. The generator is seeded, so a report is reproducible.</li>
 * </ul>
 */
public final class LadderStats {
    private LadderStats() {}

    public static final double Z95 = 1.959963984540054;
    public static final int RESAMPLES = 1000;
    public static final long BOOTSTRAP_SEED = 20_240_517L;

    public record Interval(double lo, double hi) {
        public boolean overlaps(Interval o) {
            return lo <= o.hi && o.lo <= hi;
        }

        /** The gap between two intervals (negative: they overlap by that much). */
        public double gap(Interval o) {
            return Math.max(lo, o.lo) - Math.min(hi, o.hi);
        }
    }

    /** Wilson score interval for {@code k} successes in {@code n} trials at 95%; [0, 1] for n = 0. */
    public static Interval wilson(int k, int n) {
        if (n < 0 || k < 0 || k > n) throw new IllegalArgumentException("need 0 <= k <= n, not " + k + "/" + n);
        if (n == 0) return new Interval(0, 1);
        double p = k / (double) n, z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** Trapezoid area under rates[0..L] over equally spaced levels, divided by L; NaN when a level is missing (NaN). */
    public static double auc(double[] rates) {
        if (rates.length < 2) throw new IllegalArgumentException("an AUC needs at least two levels");
        int last = rates.length - 1;
        double a = 0;
        for (int l = 0; l < last; l++) a += (rates[l] + rates[l + 1]) / 2;
        return a / last;
    }

    /** The severity at which success first falls below 0.5, interpolated linearly between levels; NaN if never. */
    public static double threshold(double[] rates) {
        if (rates.length == 0) return Double.NaN;
        if (rates[0] < 0.5) return 0;
        for (int l = 1; l < rates.length; l++) {
            if (Double.isNaN(rates[l])) return Double.NaN;
            if (rates[l] < 0.5) return (l - 1) + (rates[l - 1] - 0.5) / (rates[l - 1] - rates[l]);
        }
        return Double.NaN;
    }

    /**
     * The levels next to where success crosses 50%, those {@code --top-up} gives more episodes: the last level at or
     * above 0.5 and the first below it (levels 0 and 1 when the baseline is already below); none when it never falls
     * below 0.5 or a level is missing before it does.
     */
    public static TreeSet<Integer> topUpLevels(double[] rates) {
        TreeSet<Integer> s = new TreeSet<>();
        if (rates.length < 2 || Double.isNaN(rates[0])) return s;
        if (rates[0] < 0.5) {
            s.add(0);
            s.add(1);
            return s;
        }
        for (int l = 1; l < rates.length; l++) {
            if (Double.isNaN(rates[l])) return s;
            if (rates[l] < 0.5) {
                s.add(l - 1);
                s.add(l);
                return s;
            }
        }
        return s;
    }

    /** Crashes (interventions) per kilometre driven; NaN without distance. */
    public static double crashesPerKm(int crashes, double distanceM) {
        return distanceM > 0 ? crashes / (distanceM / 1000) : Double.NaN;
    }

    /**
     * The success rate per level pooled over seeds: {@code success[seed][level][episode]}.
     */
    public static double[] pooledRates(boolean[][][] success) {
        int levels = success[0].length;
        double[] r = new double[levels];
        for (int l = 0; l < levels; l++) {
            int k = 0, n = 0;
            for (boolean[][] seed : success) {
                for (boolean b : seed[l]) if (b) k++;
                n += seed[l].length;
            }
            r[l] = n == 0 ? Double.NaN : k / (double) n;
        }
        return r;
    }

    /**
     * 95% percentile bootstrap interval of the pooled AUC. Each resample draws the seeds with replacement (when there
     * are several) and, for each drawn seed, one uniform number per episode slot; level {@code l} with {@code n}
     * episodes takes episode {@code floor(u * n)} for each of its slots, so levels with the same episode count
     * resample the same episode indices (paired), and a level topped up to more episodes still resamples its own
     * count. Deterministic for a given {@code seed}.
     */
    public static Interval bootstrapAuc(boolean[][][] success, int resamples, long seed) {
        int seeds = success.length, levels = success[0].length, slots = 0;
        for (boolean[][] s : success) {
            for (boolean[] l : s) {
                if (l.length == 0) return new Interval(Double.NaN, Double.NaN);
                slots = Math.max(slots, l.length);
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] aucs = new double[resamples], rates = new double[levels];
        double[] u = new double[slots];
        int[] k = new int[levels], n = new int[levels];
        for (int b = 0; b < resamples; b++) {
            Arrays.fill(k, 0);
            Arrays.fill(n, 0);
            for (int s = 0; s < seeds; s++) {
                boolean[][] chosen = success[seeds > 1 ? rnd.nextInt(seeds) : s];
                for (int j = 0; j < slots; j++) u[j] = rnd.nextDouble();
                for (int l = 0; l < levels; l++) {
                    boolean[] ep = chosen[l];
                    for (int j = 0; j < ep.length; j++) if (ep[(int) (u[j] * ep.length)]) k[l]++;
                    n[l] += ep.length;
                }
            }
            for (int l = 0; l < levels; l++) rates[l] = k[l] / (double) n[l];
            aucs[b] = auc(rates);
        }
        Arrays.sort(aucs);
        return new Interval(quantile(aucs, 0.025), quantile(aucs, 0.975));
    }

    /** Linear interpolation between order statistics (type 7) of sorted values. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h), hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The model group of a policy folder: the name without a trailing training-seed suffix {@code -sN}. */
    public static String group(String stem) {
        return stem.replaceFirst("-s\\d+$", "");
    }
}
