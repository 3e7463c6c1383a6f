package org.liquidpilot.liquid.wiring;

/**
 * The part of numpy's legacy {@code RandomState} (MT19937) that ncps's {@code NCP} wiring draws from, reproduced
 * bit for bit so a wiring built here from a seed has exactly the synapses ncps builds from that seed.
 */
final class LegacyRandomState {
    private static final int N = 624;
    private final int[] mt = new int[N];
    private int pos;

    LegacyRandomState(long seed) {
        int s = (int) seed;
        for (int i = 0; i < N; i++) {
            mt[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    int next32() {
        if (pos >= N) twist();
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7FFFFFFF);
            mt[i] = mt[(i + 397) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908B0DF : 0);
        }
        pos = 0;
    }

    /** Uniform on [0, max] by masked rejection, as numpy's legacy {@code randint} and {@code shuffle} draw. */
    int bounded(int max) {
        if (max == 0) return 0;
        int mask = max;
        for (int s = 1; s <= 16; s <<= 1) mask |= mask >>> s;
        while (true) {
            long v = (next32() & 0xFFFFFFFFL) & mask;
            if (v <= max) return (int) v;
        }
    }

    /** {@code RandomState.choice(seq)}. */
    int choice(int[] seq) {
        return seq[bounded(seq.length - 1)];
    }

    /** {@code RandomState.choice(seq, k, replace=False)}: the first k of a Fisher-Yates permutation. */
    int[] choiceWithoutReplacement(int[] seq, int k) {
        int n = seq.length;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = bounded(i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = new int[k];
        for (int i = 0; i < k; i++) out[i] = seq[perm[i]];
        return out;
    }
}
