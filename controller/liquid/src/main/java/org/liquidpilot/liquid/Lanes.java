package org.liquidpilot.liquid;

/**
 * Batches stored lane-minor (value i of sample j at {@code i·width + j}), which the batched training kernels and
 * {@link Dense#applyLanes} use: each weight is then read once for the whole batch and applied to it with SIMD
 * vectors. The vectors are the Vector API's, an incubator module in Java 17, so the batched paths exist only in a JVM
 * started with {@code --add-modules jdk.incubator.vector}; elsewhere callers keep their one-sample-at-a-time paths.
 * (C2's own loop vectorisation gains nothing on batches of 32: its vector loop's set-up and scalar tails take the
 * time.)
 */
public final class Lanes {
    /** Whether the JVM has the Vector API module, and so the batched paths. */
    public static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    /** The widest double vector (8 with AVX-512); a batch's lane count must be a multiple of it. 1 when not AVAILABLE. */
    public static final int WIDTH = AVAILABLE ? LaneVectors.WIDTH : 1;

    private Lanes() {}

    /** {@code n} rounded up to a multiple of {@link #WIDTH}: the lane count for a batch of n samples. */
    public static int padded(int n) {
        return (n + WIDTH - 1) / WIDTH * WIDTH;
    }
}
