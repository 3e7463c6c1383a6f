package org.liquidpilot.perception;

/** Sideways shift between two 1-D intensity profiles: the cheap optical flow of a rigid scroll. */
final class ProfileShift {
    private ProfileShift() {}

    /**
     * The shift s in [-maxShift, maxShift] (sub-pixel) such that {@code current[x] ~ previous[x - s]}, found by
     * the smallest mean absolute difference over the overlap after removing each profile's mean (so a global
     * brightness change is not taken for motion), refined by a parabola through the best three. Allocation-free.
     */
    static float estimate(float[] previous, float[] current, int maxShift) {
        int n = current.length;
        maxShift = Math.min(maxShift, n / 2);
        float mp = 0, mc = 0;
        for (int x = 0; x < n; x++) {
            mp += previous[x];
            mc += current[x];
        }
        mp /= n;
        mc /= n;
        int best = 0;
        double bestCost = Double.MAX_VALUE, left = 0, right = 0, prevCost = Double.NaN;
        double costAtBestMinus = Double.NaN;
        for (int s = -maxShift; s <= maxShift; s++) {
            double cost = cost(previous, current, s, mp, mc);
            if (cost < bestCost) {
                bestCost = cost;
                best = s;
                costAtBestMinus = prevCost;
            }
            prevCost = cost;
        }
        if (best == -maxShift || best == maxShift) return best;
        left = Double.isNaN(costAtBestMinus) ? cost(previous, current, best - 1, mp, mc) : costAtBestMinus;
        right = cost(previous, current, best + 1, mp, mc);
        double denom = left - 2 * bestCost + right;
        double frac = denom > 1e-12 ? 0.5 * (left - right) / denom : 0;
        return (float) (best + Math.max(-0.5, Math.min(0.5, frac)));
    }

    private static double cost(float[] previous, float[] current, int s, float mp, float mc) {
        int n = current.length;
        int from = Math.max(0, s), to = Math.min(n, n + s);
        double sum = 0;
        for (int x = from; x < to; x++) sum += Math.abs((current[x] - mc) - (previous[x - s] - mp));
        return sum / (to - from);
    }
}
