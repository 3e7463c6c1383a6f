package org.liquidpilot.train;

import org.liquidpilot.liquid.io.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * ncps's {@code LTC} sequence model (affine input and output maps, fused ODE solver with {@code odeUnfolds}
 * semi-implicit Euler steps) with a hand-derived adjoint. Only the synapses the wiring has are visited: the
 * sparsity mask multiplies every masked term by zero, so their gradients are exactly zero in ncps too.
 * Parameters use ncps's {@code state_dict} names under {@code rnn_cell.}.
 */
public final class LtcModel implements TrainableModel {

    /** @param implicitConstraints softplus on w, sensory_w, cm, gleak (ncps's LTC default); else a ReLU clamp after each step */
    public record Config(int odeUnfolds, double epsilon, boolean implicitConstraints, String inputMapping, String outputMapping) {
        public Config {
            if (odeUnfolds < 1 || odeUnfolds > 1000) throw new IllegalArgumentException("ode_unfolds must be in 1..1000, got " + odeUnfolds);
            if (!(epsilon >= 0)) throw new IllegalArgumentException("epsilon must be ≥ 0");
            checkMapping(inputMapping);
            checkMapping(outputMapping);
        }

        public static Config ncpsDefaults() {
            return new Config(6, 1e-8, true, "affine", "affine");
        }

        private static void checkMapping(String m) {
            if (!m.equals("affine") && !m.equals("linear") && !m.equals("none")) {
                throw new IllegalArgumentException("mapping must be affine, linear or none, got " + m);
            }
        }
    }

    static final String P = "rnn_cell.";

    private final NetWiring wiring;
    private final Config config;
    private final ParamSet params;
    final int n, s, m;
    // Offsets of each tensor in the flat parameter array (-1 when the mapping has no such tensor).
    final int oGleak, oVleak, oCm, oSigma, oMu, oW, oErev, oSSigma, oSMu, oSW, oSErev, oInW, oInB, oOutW, oOutB;
    // Synapse lists: source, destination and the [src*N+dst] index into the N×N (or S×N) tensors.
    final int[] src, dst, idx, ssrc, sdst, sidx;
    /** The mixed-memory LSTM run before the cell each step, or null. */
    final MixedMemory mm;

    public LtcModel(NetWiring wiring, Config config) {
        this(wiring, config, false);
    }

    /** @param mixedMemory ncps's {@code mixed_memory=True}: an LSTM cell feeds the LTC state each step; the state is (h, c) */
    public LtcModel(NetWiring wiring, Config config, boolean mixedMemory) {
        this.wiring = wiring;
        this.config = config;
        n = wiring.units();
        s = wiring.inputs();
        m = wiring.outputs();
        ParamSet.Builder b = ParamSet.builder();
        oGleak = b.add(P + "gleak", n);
        oVleak = b.add(P + "vleak", n);
        oCm = b.add(P + "cm", n);
        oSigma = b.add(P + "sigma", n, n);
        oMu = b.add(P + "mu", n, n);
        oW = b.add(P + "w", n, n);
        oErev = b.add(P + "erev", n, n);
        oSSigma = b.add(P + "sensory_sigma", s, n);
        oSMu = b.add(P + "sensory_mu", s, n);
        oSW = b.add(P + "sensory_w", s, n);
        oSErev = b.add(P + "sensory_erev", s, n);
        oInW = config.inputMapping().equals("none") ? -1 : b.add(P + "input_w", s);
        oInB = config.inputMapping().equals("affine") ? b.add(P + "input_b", s) : -1;
        oOutW = config.outputMapping().equals("none") ? -1 : b.add(P + "output_w", m);
        oOutB = config.outputMapping().equals("affine") ? b.add(P + "output_b", m) : -1;
        mm = mixedMemory ? new MixedMemory(b, s, n) : null;
        params = b.build();

        int k = wiring.synapseCount(), ks = wiring.sensorySynapseCount();
        src = new int[k];
        dst = new int[k];
        idx = new int[k];
        // Grouped by destination so each neuron's sums are accumulated in one run.
        int q = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                if (wiring.adjacency()[i * n + j] != 0) {
                    src[q] = i;
                    dst[q] = j;
                    idx[q++] = i * n + j;
                }
            }
        }
        ssrc = new int[ks];
        sdst = new int[ks];
        sidx = new int[ks];
        q = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < s; i++) {
                if (wiring.sensoryAdjacency()[i * n + j] != 0) {
                    ssrc[q] = i;
                    sdst[q] = j;
                    sidx[q++] = i * n + j;
                }
            }
        }
    }

    /** Initial values drawn from ncps's ranges (with a Java RNG, so not ncps's exact draws). */
    public static LtcModel initialised(NetWiring wiring, Config config, long seed) {
        return initialised(wiring, config, false, seed);
    }

    public static LtcModel initialised(NetWiring wiring, Config config, boolean mixedMemory, long seed) {
        LtcModel model = new LtcModel(wiring, config, mixedMemory);
        Random r = new Random(seed);
        double[] p = model.params.values();
        int n = model.n, s = model.s;
        fill(p, model.oGleak, n, r, 0.001, 1.0);
        fill(p, model.oVleak, n, r, -0.2, 0.2);
        fill(p, model.oCm, n, r, 0.4, 0.6);
        fill(p, model.oSigma, n * n, r, 3, 8);
        fill(p, model.oMu, n * n, r, 0.3, 0.8);
        fill(p, model.oW, n * n, r, 0.001, 1.0);
        for (int i = 0; i < n * n; i++) p[model.oErev + i] = wiring.adjacency()[i];
        fill(p, model.oSSigma, s * n, r, 3, 8);
        fill(p, model.oSMu, s * n, r, 0.3, 0.8);
        fill(p, model.oSW, s * n, r, 0.001, 1.0);
        for (int i = 0; i < s * n; i++) p[model.oSErev + i] = wiring.sensoryAdjacency()[i];
        if (model.oInW >= 0) java.util.Arrays.fill(p, model.oInW, model.oInW + s, 1.0);
        if (model.oOutW >= 0) java.util.Arrays.fill(p, model.oOutW, model.oOutW + model.m, 1.0);
        if (model.mm != null) model.mm.initialise(p, r);
        return model;
    }

    /** A model holding the parameters of an ncps {@code state_dict} (extra keys such as masks are ignored). */
    public static LtcModel fromStateDict(NetWiring wiring, Config config, Map<String, Tensor> stateDict) {
        LtcModel model = new LtcModel(wiring, config);
        model.params.load(stateDict);
        return model;
    }

    private static void fill(double[] p, int off, int len, Random r, double lo, double hi) {
        for (int i = 0; i < len; i++) p[off + i] = lo + (hi - lo) * r.nextDouble();
    }

    public NetWiring wiring() {
        return wiring;
    }

    public Config ltcConfig() {
        return config;
    }

    @Override
    public String type() {
        return "ltc";
    }

    @Override
    public int inputSize() {
        return s;
    }

    @Override
    public int outputSize() {
        return m;
    }

    @Override
    public int stateSize() {
        return mm != null ? 2 * n : n;
    }

    public boolean mixedMemory() {
        return mm != null;
    }

    @Override
    public ParamSet params() {
        return params;
    }

    @Override
    public SequenceKernel newKernel(int maxSteps) {
        return new LtcKernel(this, maxSteps);
    }

    /** ncps's {@code apply_weight_constraints}: only meaningful without the implicit softplus. */
    @Override
    public void afterUpdate() {
        if (config.implicitConstraints()) return;
        double[] p = params.values();
        clampNonNegative(p, oW, n * n);
        clampNonNegative(p, oSW, s * n);
        clampNonNegative(p, oCm, n);
        clampNonNegative(p, oGleak, n);
    }

    private static void clampNonNegative(double[] p, int off, int len) {
        for (int i = off; i < off + len; i++) if (p[i] < 0) p[i] = 0;
    }

    @Override
    public Map<String, Tensor> fileTensors() {
        Map<String, Tensor> t = new LinkedHashMap<>(params.toTensors(Tensor.DType.F32));
        double[] mask = new double[n * n], smask = new double[s * n];
        for (int i = 0; i < mask.length; i++) mask[i] = Math.abs(wiring.adjacency()[i]);
        for (int i = 0; i < smask.length; i++) smask[i] = Math.abs(wiring.sensoryAdjacency()[i]);
        t.put(P + "sparsity_mask", Tensor.f32(new int[]{n, n}, mask));
        t.put(P + "sensory_sparsity_mask", Tensor.f32(new int[]{s, n}, smask));
        t.putAll(wiring.toTensors());
        return t;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cls", "LTC");
        c.put("input_size", s);
        c.put("units", n);
        c.put("output_size", m);
        c.put("return_sequences", true);
        c.put("batch_first", true);
        c.put("mixed_memory", mm != null);
        c.put("input_mapping", config.inputMapping());
        c.put("output_mapping", config.outputMapping());
        c.put("ode_unfolds", config.odeUnfolds());
        c.put("epsilon", config.epsilon());
        c.put("implicit_param_constraints", config.implicitConstraints());
        return c;
    }
}
