package org.liquidpilot.train;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liquidpilot.liquid.Activation;
import org.liquidpilot.liquid.CfcConfig;
import org.liquidpilot.liquid.CfcMode;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.Mapping;
import org.liquidpilot.liquid.wiring.AutoNCP;
import org.liquidpilot.liquid.wiring.FullyConnected;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trainer's forward pass is the streaming core's: on random weights, inputs and elapsed times, every CfC mode
 * (with and without a backbone, every activation, wired or not, with and without mixed memory) and the LTC (softplus
 * or clamp constraints, every mapping, with and without mixed memory) give the same outputs through a training
 * kernel and through {@link LiquidModel} to round-off, and the kernel's gradient matches finite differences.
 */
class TrainerCoreParityTest {
    private static final int INPUTS = 3, STEPS = 7;

    static Stream<Arguments> models() {
        List<Arguments> cases = new ArrayList<>();
        for (CfcMode mode : CfcMode.values()) {
            for (int layers : new int[]{0, 1, 2}) {
                for (Activation act : Activation.values()) {
                    if (layers == 0 && act != Activation.LECUN_TANH) continue; // without a backbone there is no activation
                    String name = "CfC " + mode.ncpsName + " backbone " + layers + " " + act.ncpsName;
                    cases.add(Arguments.of(name, (Model) seed -> unwired(mode, act, layers, false, seed)));
                }
            }
            cases.add(Arguments.of("CfC " + mode.ncpsName + " backbone 1 mixed memory",
                    (Model) seed -> unwired(mode, Activation.SILU, 1, true, seed)));
            cases.add(Arguments.of("wired CfC " + mode.ncpsName, (Model) seed -> wired(mode, false, seed)));
            cases.add(Arguments.of("wired CfC " + mode.ncpsName + " mixed memory", (Model) seed -> wired(mode, true, seed)));
        }
        for (boolean softplus : new boolean[]{true, false}) {
            String c = softplus ? "softplus" : "clamp";
            for (Mapping in : Mapping.values()) {
                for (Mapping out : Mapping.values()) {
                    cases.add(Arguments.of("LTC " + c + " " + in.ncpsName + "/" + out.ncpsName,
                            (Model) seed -> ltc(new LtcConfig(INPUTS, new AutoNCP(8, 2), true, false, in, out, 4, 1e-8, softplus), seed)));
                }
            }
            cases.add(Arguments.of("LTC " + c + " fully connected mixed memory",
                    (Model) seed -> ltc(new LtcConfig(INPUTS, new FullyConnected(4, 2), true, true, Mapping.AFFINE, Mapping.AFFINE, 3, 1e-8, softplus), seed)));
        }
        return cases.stream();
    }

    interface Model {
        TrainableModel create(long seed);
    }

    private static CfcModel unwired(CfcMode mode, Activation act, int layers, boolean mixed, long seed) {
        return CfcModel.unwired(INPUTS, 5, mode.ncpsName, act.ncpsName, 6, layers, mixed).initialise(seed);
    }

    private static CfcModel wired(CfcMode mode, boolean mixed, long seed) {
        return CfcModel.wired(new AutoNCP(8, 2).build(INPUTS), mode.ncpsName, mixed).initialise(seed);
    }

    private static LtcModel ltc(LtcConfig config, long seed) {
        LtcModel m = LtcModel.initialised(config, seed);
        // the clamp keeps parameters non-negative; without softplus a negative draw would be a model ncps never trains
        if (!config.implicitParamConstraints()) m.afterUpdate();
        return m;
    }

    /** Random weights around the initial ones, rounded to float32 so the model file (and so the core) holds them exactly. */
    private static TrainableModel randomised(Model factory, long seed) {
        TrainableModel m = factory.create(seed);
        Random r = new Random(seed + 1);
        double[] p = m.params().values();
        for (int i = 0; i < p.length; i++) p[i] = (float) (p[i] * (1 + 0.2 * r.nextGaussian()) + 0.05 * r.nextGaussian());
        m.afterUpdate();
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void trainingForwardIsTheStreamingCore(String name, Model factory) {
        for (long seed = 1; seed <= 3; seed++) {
            TrainableModel m = randomised(factory, seed);
            Random r = new Random(seed * 31);
            double[] x = new double[STEPS * INPUTS], dt = new double[STEPS];
            for (int i = 0; i < x.length; i++) x[i] = 2 * r.nextGaussian();
            for (int i = 0; i < STEPS; i++) dt[i] = 0.05 + 2 * r.nextDouble();
            double[] y = new double[STEPS * m.outputSize()];
            m.newKernel(STEPS).forward(x, 0, dt, 0, STEPS, new double[m.stateSize()], y, 0);
            LiquidModel core = m.toLiquidModel();
            LiquidModel.Result res = core.run(x, 1, STEPS, dt, null);
            assertEquals(y.length, res.out().length);
            for (int i = 0; i < y.length; i++) {
                assertEquals(y[i], res.out()[i], 1e-12 * Math.max(1, Math.abs(y[i])), name + " seed " + seed + " output " + i);
            }
            // and the same without timespans (dt = 1)
            m.newKernel(STEPS).forward(x, 0, null, 0, STEPS, new double[m.stateSize()], y, 0);
            res = core.run(x, 1, STEPS, null, null);
            for (int i = 0; i < y.length; i++) {
                assertEquals(y[i], res.out()[i], 1e-12 * Math.max(1, Math.abs(y[i])), name + " seed " + seed + " output " + i + " (dt = 1)");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void gradientMatchesFiniteDifferences(String name, Model factory) {
        TrainableModel m = randomised(factory, 5);
        Random r = new Random(9);
        double[] x = new double[STEPS * INPUTS], dt = new double[STEPS], w = new double[STEPS * m.outputSize()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        for (int i = 0; i < STEPS; i++) dt[i] = 0.1 + r.nextDouble();
        for (int i = 0; i < w.length; i++) w[i] = r.nextGaussian();
        SequenceKernel k = m.newKernel(STEPS);
        double[] y = new double[w.length];
        k.forward(x, 0, dt, 0, STEPS, new double[m.stateSize()], y, 0);
        double[] grad = new double[m.params().size()];
        k.backward(w, 0, grad);
        double[] p = m.params().values();
        double worst = 0;
        int checked = 0;
        // every parameter of a small model, or an even sample of a larger one
        int stride = Math.max(1, p.length / 150);
        for (int i = 0; i < p.length; i += stride) {
            double keep = p[i], eps = 1e-6 * Math.max(1, Math.abs(keep));
            p[i] = keep + eps;
            double up = loss(k, m, x, dt, w);
            p[i] = keep - eps;
            double down = loss(k, m, x, dt, w);
            p[i] = keep;
            double fd = (up - down) / (2 * eps);
            // a ReLU or |·| kink inside ±eps makes the central difference meaningless there
            if (Math.abs(fd - grad[i]) > 1e-4 * Math.max(1, Math.abs(fd)) && kinkNear(m, x, dt, w, i, eps, fd)) continue;
            worst = Math.max(worst, Math.abs(fd - grad[i]) / Math.max(1e-3, Math.abs(fd)));
            checked++;
        }
        assertTrue(checked > Math.min(p.length, 150) / 2, name + ": only " + checked + " parameters checked");
        assertTrue(worst < 2e-5, name + ": worst relative error " + worst);
    }

    /** Whether the one-sided differences disagree, as they do when a non-smooth point lies within eps. */
    private static boolean kinkNear(TrainableModel m, double[] x, double[] dt, double[] w, int i, double eps, double fd) {
        double[] p = m.params().values();
        SequenceKernel k = m.newKernel(STEPS);
        double keep = p[i], mid = loss(k, m, x, dt, w);
        p[i] = keep + eps;
        double up = loss(k, m, x, dt, w);
        p[i] = keep - eps;
        double down = loss(k, m, x, dt, w);
        p[i] = keep;
        double right = (up - mid) / eps, left = (mid - down) / eps;
        return Math.abs(right - left) > 1e-3 * Math.max(1, Math.abs(fd));
    }

    private static double loss(SequenceKernel k, TrainableModel m, double[] x, double[] dt, double[] w) {
        double[] y = new double[w.length];
        k.forward(x, 0, dt, 0, STEPS, new double[m.stateSize()], y, 0);
        double s = 0;
        for (int i = 0; i < y.length; i++) s += w[i] * y[i];
        return s;
    }
}
