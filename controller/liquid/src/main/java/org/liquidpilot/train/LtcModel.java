package org.liquidpilot.train;

import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.LtcMath;
import org.liquidpilot.liquid.ParameterLayout;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.liquid.wiring.Wiring;

import java.util.Map;
import java.util.Random;

/**
 * ncps's {@code LTC} sequence model for training: the equations are {@link LtcMath}'s (shared with streaming
 * inference), the tensors {@link ParameterLayout}'s, and {@link LtcKernel} adds the hand-derived adjoint. Only the
 * synapses the wiring has are visited: the sparsity mask multiplies every masked term by zero, so their gradients
 * are exactly zero in ncps too.
 */
public final class LtcModel extends NcpsModel<LtcConfig> {
    static final String P = "rnn_cell.";

    private final double[] mask, sensoryMask;

    /** A model of {@code config} on the wiring its spec builds. */
    public LtcModel(LtcConfig config) {
        this(config, LiquidModel.buildWiring(config));
    }

    /** A model of {@code config} on {@code wiring} (e.g. one read from a file's matrices). */
    public LtcModel(LtcConfig config, Wiring wiring) {
        super(fitting(config, wiring), wiring);
        mask = ParameterLayout.mask(wiring.adjacency());
        sensoryMask = ParameterLayout.mask(wiring.sensoryAdjacency());
    }

    private static LtcConfig fitting(LtcConfig config, Wiring wiring) {
        if (wiring.units() != config.stateSize() || wiring.inputDim() != config.inputSize()) {
            throw new IllegalArgumentException("wiring of " + wiring.units() + " units and " + wiring.inputDim()
                    + " inputs does not fit the LTC's " + config.stateSize() + " and " + config.inputSize());
        }
        return config;
    }

    /** Initial values drawn from ncps's ranges (with a Java RNG, so not ncps's exact draws). */
    public static LtcModel initialised(LtcConfig config, long seed) {
        return initialised(config, LiquidModel.buildWiring(config), seed);
    }

    public static LtcModel initialised(LtcConfig config, Wiring wiring, long seed) {
        LtcModel model = new LtcModel(config, wiring);
        Random r = new Random(seed);
        ParamSet ps = model.params;
        double[] p = ps.values();
        int n = config.stateSize(), s = config.inputSize();
        fill(p, ps.offset(P + "gleak"), n, r, 0.001, 1.0);
        fill(p, ps.offset(P + "vleak"), n, r, -0.2, 0.2);
        fill(p, ps.offset(P + "cm"), n, r, 0.4, 0.6);
        fill(p, ps.offset(P + "sigma"), n * n, r, 3, 8);
        fill(p, ps.offset(P + "mu"), n * n, r, 0.3, 0.8);
        fill(p, ps.offset(P + "w"), n * n, r, 0.001, 1.0);
        int[][] adj = wiring.adjacency(), sadj = wiring.sensoryAdjacency();
        int erev = ps.offset(P + "erev"), sensoryErev = ps.offset(P + "sensory_erev");
        for (int i = 0; i < n * n; i++) p[erev + i] = adj[i / n][i % n];
        fill(p, ps.offset(P + "sensory_sigma"), s * n, r, 3, 8);
        fill(p, ps.offset(P + "sensory_mu"), s * n, r, 0.3, 0.8);
        fill(p, ps.offset(P + "sensory_w"), s * n, r, 0.001, 1.0);
        for (int i = 0; i < s * n; i++) p[sensoryErev + i] = sadj[i / n][i % n];
        int inW = ps.offsetOrAbsent(P + "input_w"), outW = ps.offsetOrAbsent(P + "output_w");
        if (inW >= 0) java.util.Arrays.fill(p, inW, inW + s, 1.0);
        if (outW >= 0) java.util.Arrays.fill(p, outW, outW + config.outputSize(), 1.0);
        if (model.mm != null) model.mm.initialise(p, r);
        return model;
    }

    /** A model holding the parameters of an ncps {@code state_dict} (extra keys such as masks are ignored). */
    public static LtcModel fromStateDict(LtcConfig config, Wiring wiring, Map<String, Tensor> stateDict) {
        LtcModel model = new LtcModel(config, wiring);
        model.params.load(stateDict);
        return model;
    }

    private static void fill(double[] p, int off, int len, Random r, double lo, double hi) {
        for (int i = 0; i < len; i++) p[off + i] = lo + (hi - lo) * r.nextDouble();
    }

    /** The equations over this model's layout; each kernel owns one and loads the current parameters into it. */
    LtcMath newMath() {
        return new LtcMath(config, config.outputSize(), mask, sensoryMask, key -> params.offsetOrAbsent(P + key));
    }

    public LtcConfig ltcConfig() {
        return config;
    }

    @Override
    public String type() {
        return "ltc";
    }

    @Override
    public SequenceKernel newKernel(int maxSteps) {
        return new LtcKernel(this, maxSteps);
    }

    /** ncps's {@code apply_weight_constraints}: only meaningful without the implicit softplus. */
    @Override
    public void afterUpdate() {
        if (config.implicitParamConstraints()) return;
        double[] p = params.values();
        int n = config.stateSize(), s = config.inputSize();
        clampNonNegative(p, params.offset(P + "w"), n * n);
        clampNonNegative(p, params.offset(P + "sensory_w"), s * n);
        clampNonNegative(p, params.offset(P + "cm"), n);
        clampNonNegative(p, params.offset(P + "gleak"), n);
    }

    private static void clampNonNegative(double[] p, int off, int len) {
        for (int i = off; i < off + len; i++) if (p[i] < 0) p[i] = 0;
    }
}
