package org.liquidpilot.liquid.wiring;

/**
 * numpy's {@code default_rng(seed)}: SeedSequence, PCG64 (XSL-RR 128/64) and the Lemire bounded integers that
 * {@code Generator.choice} uses, reproduced bit for bit for the {@code FullyConnected} and {@code Random} wirings.
 */
final class Pcg64Generator {
    private static final long MULT_HI = 0x2360ED051FC65DA4L;
    private static final long MULT_LO = 0x4385DF649FCCF645L;
    private long stateHi, stateLo;
    private final long incHi, incLo;
    private boolean has32;
    private int buf32;

    Pcg64Generator(long seed) {
        if (seed < 0) throw new IllegalArgumentException("seed must be non-negative, got " + seed);
        int[] w = seedSequence(seed, 8);
        long[] u64 = new long[4];
        for (int i = 0; i < 4; i++) u64[i] = (w[2 * i] & 0xFFFFFFFFL) | ((long) w[2 * i + 1] << 32);
        long initStateHi = u64[0], initStateLo = u64[1];
        long initSeqHi = u64[2], initSeqLo = u64[3];
        incHi = (initSeqHi << 1) | (initSeqLo >>> 63);
        incLo = (initSeqLo << 1) | 1;
        stateHi = 0;
        stateLo = 0;
        step();
        long lo = stateLo + initStateLo;
        stateHi = stateHi + initStateHi + (Long.compareUnsigned(lo, stateLo) < 0 ? 1 : 0);
        stateLo = lo;
        step();
    }

    /** numpy's SeedSequence(seed).generate_state(n, uint32) for a non-negative integer seed. */
    static int[] seedSequence(long seed, int nWords) {
        final int initA = 0x43B0D7E5, multA = 0x931E8875, initB = 0x8B51F9DD, multB = 0x58F38DED;
        int[] entropy = (seed >>> 32) == 0 ? new int[]{(int) seed} : new int[]{(int) seed, (int) (seed >>> 32)};
        int[] hashConst = {initA};
        java.util.function.IntUnaryOperator hashmix = v -> {
            v ^= hashConst[0];
            hashConst[0] *= multA;
            v *= hashConst[0];
            return v ^ (v >>> 16);
        };
        int[] pool = new int[4];
        for (int i = 0; i < 4; i++) pool[i] = hashmix.applyAsInt(i < entropy.length ? entropy[i] : 0);
        for (int s = 0; s < 4; s++) {
            for (int d = 0; d < 4; d++) {
                if (s != d) pool[d] = mix(pool[d], hashmix.applyAsInt(pool[s]));
            }
        }
        for (int s = 4; s < entropy.length; s++) {
            for (int d = 0; d < 4; d++) pool[d] = mix(pool[d], hashmix.applyAsInt(entropy[s]));
        }
        int[] out = new int[nWords];
        int h = initB;
        for (int i = 0; i < nWords; i++) {
            int v = pool[i % 4];
            v ^= h;
            h *= multB;
            v *= h;
            v ^= v >>> 16;
            out[i] = v;
        }
        return out;
    }

    private static int mix(int x, int y) {
        int r = 0xCA01F9DD * x - 0x4973F715 * y;
        return r ^ (r >>> 16);
    }

    private void step() {
        long lo = stateLo * MULT_LO;
        long hi = unsignedMultiplyHigh(stateLo, MULT_LO) + stateLo * MULT_HI + stateHi * MULT_LO;
        long newLo = lo + incLo;
        hi = hi + incHi + (Long.compareUnsigned(newLo, lo) < 0 ? 1 : 0);
        stateHi = hi;
        stateLo = newLo;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    long next64() {
        step();
        return Long.rotateRight(stateHi ^ stateLo, (int) (stateHi >>> 58));
    }

    /** 32-bit draws: the low half of a 64-bit output, then its high half. */
    int next32() {
        if (has32) {
            has32 = false;
            return buf32;
        }
        long n = next64();
        has32 = true;
        buf32 = (int) (n >>> 32);
        return (int) n;
    }

    /** Uniform on [0, max] (max &lt; 2^32 - 1) by Lemire's method, as {@code Generator.integers} draws. */
    long bounded(long max) {
        if (max == 0) return 0;
        long excl = max + 1;
        long m = (next32() & 0xFFFFFFFFL) * excl;
        long left = m & 0xFFFFFFFFL;
        if (left < excl) {
            long threshold = (0xFFFFFFFFL - max) % excl;
            while (left < threshold) {
                m = (next32() & 0xFFFFFFFFL) * excl;
                left = m & 0xFFFFFFFFL;
            }
        }
        return m >>> 32;
    }

    /** {@code Generator.choice(seq)}. */
    int choice(int[] seq) {
        return seq[(int) bounded(seq.length - 1)];
    }

    private static final int[] POLARITY = {-1, 1, 1};

    /** A synapse's polarity as ncps's single-layer wirings draw it: {@code choice([-1, 1, 1])}. */
    int polarity() {
        return choice(POLARITY);
    }

    /**
     * Indices of {@code Generator.choice(range(popSize), size, replace=False)} (shuffle=True): Floyd's algorithm
     * with numpy's hash set, or a tail shuffle for large populations, then a shuffle of the picks.
     */
    int[] choiceWithoutReplacement(int popSize, int size) {
        if (size < 0 || size > popSize) {
            throw new IllegalArgumentException("cannot take " + size + " of " + popSize + " without replacement");
        }
        long[] idx = new long[size];
        if (popSize > 10000 && size > popSize / 50) {
            long[] all = new long[popSize];
            for (int i = 0; i < popSize; i++) all[i] = i;
            int first = Math.max(popSize - size, 1);
            for (int i = popSize - 1; i >= first; i--) swap(all, i, (int) bounded(i));
            System.arraycopy(all, popSize - size, idx, 0, size);
        } else {
            long setSize = (long) (1.2 * size);
            long mask = setSize;
            for (int s = 1; s <= 32; s <<= 1) mask |= mask >>> s;
            long[] hashSet = new long[(int) (mask + 1)];
            java.util.Arrays.fill(hashSet, -1L);
            for (long j = popSize - size; j < popSize; j++) {
                long val = bounded(j);
                int loc = (int) (val & mask);
                while (hashSet[loc] != -1L && hashSet[loc] != val) loc = (int) ((loc + 1) & mask);
                if (hashSet[loc] == -1L) {
                    hashSet[loc] = val;
                    idx[(int) (j - popSize + size)] = val;
                } else {
                    loc = (int) (j & mask);
                    while (hashSet[loc] != -1L) loc = (int) ((loc + 1) & mask);
                    hashSet[loc] = j;
                    idx[(int) (j - popSize + size)] = j;
                }
            }
            for (int i = size - 1; i >= 1; i--) swap(idx, i, (int) bounded(i));
        }
        int[] out = new int[size];
        for (int i = 0; i < size; i++) out[i] = (int) idx[i];
        return out;
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
