package org.liquidpilot.train;

import org.liquidpilot.liquid.wiring.Wiring;
import org.liquidpilot.liquid.wiring.WiringSpec;

import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loads the ncps goldens copied into test resources and compares gradients the way SPEC.md suggests. */
final class Goldens {
    private Goldens() {}

    static SafeTensors.Contents load(String file) {
        try (InputStream in = Goldens.class.getResourceAsStream("/golden/dev/" + file)) {
            if (in == null) throw new IllegalStateException("missing test resource " + file);
            return SafeTensors.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Layers of an ncps NCP wiring in the order the wired CfC runs them: inter, command, motor. */
    static List<int[]> ncpLayers(int units, int motor, int command) {
        int[] m = range(0, motor), c = range(motor, motor + command), i = range(motor + command, units);
        return List.of(i, c, m);
    }

    /**
     * The wiring {@code spec} builds, checked against the golden's {@code wiring.*} matrices (the goldens were made
     * from ncps's own AutoNCP/FullyConnected with their default seeds).
     */
    static Wiring wiring(Map<String, Tensor> t, WiringSpec spec) {
        Tensor s = t.get("wiring.sensory_adjacency_matrix");
        Wiring w = spec.build(s.dim(0));
        int n = w.units();
        double[] a = t.get("wiring.adjacency_matrix").data(), sa = s.data();
        for (int i = 0; i < n * n; i++) assertEquals(a[i], w.adjacency()[i / n][i % n], "adjacency " + i);
        for (int i = 0; i < sa.length; i++) assertEquals(sa[i], w.sensoryAdjacency()[i / n][i % n], "sensory adjacency " + i);
        return w;
    }

    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }

    /** Runs every batch row, checks outputs, and returns d sum(out²)/d params. */
    static double[] gradOfSumSquares(TrainableModel model, Map<String, Tensor> t, boolean timespans, double outTol) {
        Tensor x = t.get("io.x");
        int b = x.dim(0), steps = x.dim(1), f = x.dim(2), m = model.outputSize();
        Tensor out = t.get(timespans ? "io.out_ts" : "io.out_nots");
        double[] dt = timespans ? t.get("io.timespans").data() : null;
        double[] grad = new double[model.params().size()];
        SequenceKernel k = model.newKernel(steps);
        double[] y = new double[steps * m], gy = new double[steps * m];
        for (int r = 0; r < b; r++) {
            double[] state = new double[model.stateSize()];
            k.forward(x.data(), r * steps * f, dt, r * steps, steps, state, y, 0);
            for (int i = 0; i < y.length; i++) {
                double want = out.data()[r * steps * m + i];
                assertTrue(Math.abs(y[i] - want) <= outTol, "output " + r + "/" + i + ": " + y[i] + " vs ncps " + want);
                gy[i] = 2 * y[i];
            }
            k.backward(gy, 0, grad);
        }
        return grad;
    }

    /** max|Δ| ≤ tol·max|g| for every trainable tensor the golden has under {@code prefix}. */
    static void assertGradsMatch(ParamSet params, double[] grad, Map<String, Tensor> t, String prefix, double relTol) {
        int checked = 0;
        for (ParamSet.Slot slot : params.slots().values()) {
            Tensor want = t.get(prefix + slot.name());
            if (want == null) throw new AssertionError("golden has no " + prefix + slot.name());
            double maxG = 0, maxD = 0;
            for (int i = 0; i < slot.size(); i++) {
                maxG = Math.max(maxG, Math.abs(want.data()[i]));
                maxD = Math.max(maxD, Math.abs(want.data()[i] - grad[slot.offset() + i]));
            }
            double bound = relTol * Math.max(maxG, 1e-30);
            assertTrue(maxD <= bound, prefix + slot.name() + ": max|Δ| " + maxD + " > " + bound + " (max|g| " + maxG + ")");
            checked++;
        }
        long goldenCount = t.keySet().stream().filter(k -> k.startsWith(prefix)).count();
        assertTrue(checked == goldenCount, "checked " + checked + " tensors but the golden has " + goldenCount);
    }
}
