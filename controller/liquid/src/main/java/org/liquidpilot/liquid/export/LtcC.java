package org.liquidpilot.liquid.export;

import org.liquidpilot.liquid.Fn;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.Parameters;

import java.util.Set;

/**
 * The LTC cell in C, with every parameter transform folded at export time. For a synapse from source value s
 * (input u_k or neuron v_i) to neuron j the Java core computes {@code w·σ(sigma·(s − mu))}; the export stores
 * <pre>
 *   a = sigma,  b = −sigma·mu                     (internal synapses: σ(a·v_i + b))
 *   a = sigma·input_w_k,  b = sigma·(input_b_k − mu)   (sensory: the input map folded in, σ(a·x_k + b))
 *   w = softplus(w_raw)·mask (or w_raw·mask without implicit constraints),  we = w·erev
 * </pre>
 * and only the synapses the wiring has. Each step runs the {@code ode_unfolds} fused semi-implicit Euler sub-steps
 * <pre>
 *   v_j ← (cm_j/h·v_j + gleak_j·vleak_j + Σ we·σ + Σ_sensory we·σ) / (cm_j/h + gleak_j + Σ w·σ + Σ_sensory w·σ + ε)
 * </pre>
 * with {@code h = dt / ode_unfolds}, the sensory sums computed once per step; the output is
 * {@code y_i = v_i·output_w_i + output_b_i} for the motor neurons (ids 0..outputs−1).
 */
final class LtcC implements CCell {
    private final String p;
    // package-private: the ONNX export reads the same folded parameters
    final int n, s, outputs, unfolds;
    final double epsilon;
    final Synapses sensory, internal;
    final double[] cmPositive, gleak, gleakVleak, outputW, outputB;

    /** One list of synapses, in the Java core's order (row-major over the [src][dst] matrices). */
    record Synapses(int[] src, int[] dst, double[] a, double[] b, double[] w, double[] we) {
        int size() {
            return src.length;
        }
    }

    LtcC(String prefix, LtcConfig config, Parameters params) {
        p = prefix;
        n = config.stateSize();
        s = config.inputSize();
        outputs = config.outputSize();
        unfolds = config.odeUnfolds();
        epsilon = config.epsilon();
        boolean softplus = config.implicitParamConstraints();
        String r = "rnn_cell.";
        double[] inputW = has(params, r + "input_w") ? params.values(r + "input_w", s) : filled(s, 1.0);
        double[] inputB = has(params, r + "input_b") ? params.values(r + "input_b", s) : filled(s, 0.0);
        sensory = synapses(s, params.values(r + "sensory_sparsity_mask", s, n), params.values(r + "sensory_w", s, n),
                params.values(r + "sensory_sigma", s, n), params.values(r + "sensory_mu", s, n), params.values(r + "sensory_erev", s, n),
                inputW, inputB, softplus);
        internal = synapses(n, params.values(r + "sparsity_mask", n, n), params.values(r + "w", n, n),
                params.values(r + "sigma", n, n), params.values(r + "mu", n, n), params.values(r + "erev", n, n),
                filled(n, 1.0), filled(n, 0.0), softplus);
        double[] cm = params.values(r + "cm", n), gl = params.values(r + "gleak", n), vl = params.values(r + "vleak", n);
        cmPositive = new double[n];
        gleak = new double[n];
        gleakVleak = new double[n];
        for (int j = 0; j < n; j++) {
            cmPositive[j] = positive(cm[j], softplus);
            gleak[j] = positive(gl[j], softplus);
            gleakVleak[j] = gleak[j] * vl[j];
        }
        outputW = has(params, r + "output_w") ? params.values(r + "output_w", outputs) : filled(outputs, 1.0);
        outputB = has(params, r + "output_b") ? params.values(r + "output_b", outputs) : filled(outputs, 0.0);
    }

    private static boolean has(Parameters p, String key) {
        return p.contains(key);
    }

    private static double[] filled(int n, double v) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, v);
        return d;
    }

    private static double positive(double x, boolean softplus) {
        return softplus ? Fn.softplus(x) : x;
    }

    private Synapses synapses(int rows, double[] mask, double[] w, double[] sigma, double[] mu, double[] erev,
                              double[] srcScale, double[] srcShift, boolean softplus) {
        int k = 0;
        for (double m : mask) if (m != 0) k++;
        int[] src = new int[k], dst = new int[k];
        double[] a = new double[k], b = new double[k], ww = new double[k], we = new double[k];
        int q = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                int e = i * n + j;
                if (mask[e] == 0) continue;
                src[q] = i;
                dst[q] = j;
                a[q] = sigma[e] * srcScale[i];
                b[q] = sigma[e] * (srcShift[i] - mu[e]);
                ww[q] = positive(w[e], softplus) * mask[e];
                we[q] = ww[q] * erev[e];
                q++;
            }
        }
        return new Synapses(src, dst, a, b, ww, we);
    }

    int synapses() {
        return internal.size();
    }

    int sensorySynapses() {
        return sensory.size();
    }

    @Override
    public Set<String> helpers() {
        return Set.of("sigmoid");
    }

    @Override
    public void tables(CText c) {
        table(c, "sensory", sensory, s + " inputs -> " + n + " neurons, the input map folded in");
        table(c, "syn", internal, n + " neurons -> " + n + " neurons");
        c.floats(p + "_cm", cmPositive, "per neuron: cm (cm/h = cm·ode_unfolds/dt), gleak, gleak·vleak");
        c.floats(p + "_gleak", gleak, null);
        c.floats(p + "_gleak_vleak", gleakVleak, null);
        c.floats(p + "_out_w", outputW, "output map of the motor neurons");
        c.floats(p + "_out_b", outputB, null);
        c.blank();
    }

    private void table(CText c, String name, Synapses syn, String what) {
        if (syn.size() == 0) return;
        c.floats(p + "_" + name + "_a", syn.a(), syn.size() + " synapses, " + what + ": σ(a·src + b), weight w, w·erev");
        c.floats(p + "_" + name + "_b", syn.b(), null);
        c.floats(p + "_" + name + "_w", syn.w(), null);
        c.floats(p + "_" + name + "_we", syn.we(), null);
        c.indices(p + "_" + name + "_src", syn.src(), null);
        c.indices(p + "_" + name + "_dst", syn.dst(), null);
    }

    @Override
    public void functions(CText c) {}

    @Override
    public void step(CText c, String out) {
        c.line("float num_s[%d], den_s[%d], num[%d], den[%d], cm_h[%d];", n, n, n, n, n);
        c.line("float *v = s->h;");
        c.line("const float inv_h = %s / dt;", CText.f(unfolds));
        c.line("int u;");
        c.open("for (k = 0; k < %d; k++) {", n);
        c.line("num_s[k] = 0.0f;");
        c.line("den_s[k] = 0.0f;");
        c.line("cm_h[k] = %s_cm[k] * inv_h;", p);
        c.close("}");
        if (sensory.size() > 0) {
            c.line("/* sensory synapses: they depend on the input only, so once per step */");
            c.open("for (k = 0; k < %d; k++) {", sensory.size());
            c.line("const float g = %s_sigmoid(%s_sensory_a[k] * x[%s_sensory_src[k]] + %s_sensory_b[k]);", p, p, p, p);
            c.line("num_s[%s_sensory_dst[k]] += %s_sensory_we[k] * g;", p, p);
            c.line("den_s[%s_sensory_dst[k]] += %s_sensory_w[k] * g;", p, p);
            c.close("}");
        }
        c.open("for (u = 0; u < %d; u++) {", unfolds);
        c.open("for (k = 0; k < %d; k++) {", n);
        c.line("num[k] = 0.0f;");
        c.line("den[k] = 0.0f;");
        c.close("}");
        if (internal.size() > 0) {
            c.line("/* every synapse reads the sub-step's starting state before any neuron moves */");
            c.open("for (k = 0; k < %d; k++) {", internal.size());
            c.line("const float g = %s_sigmoid(%s_syn_a[k] * v[%s_syn_src[k]] + %s_syn_b[k]);", p, p, p, p);
            c.line("num[%s_syn_dst[k]] += %s_syn_we[k] * g;", p, p);
            c.line("den[%s_syn_dst[k]] += %s_syn_w[k] * g;", p, p);
            c.close("}");
        }
        c.open("for (k = 0; k < %d; k++) {", n);
        c.line("v[k] = (cm_h[k] * v[k] + %s_gleak_vleak[k] + (num[k] + num_s[k]))", p);
        c.line("     / (cm_h[k] + %s_gleak[k] + (den[k] + den_s[k]) + %s);", p, CText.f(epsilon));
        c.close("}");
        c.close("}");
        c.line("for (o = 0; o < %d; o++) %s[o] = v[o] * %s_out_w[o] + %s_out_b[o];", outputs, out, p, p);
    }

    @Override
    public String outputInState() {
        return null;
    }

    @Override
    public int scratchBytes() {
        return 4 * 5 * n;
    }

    @Override
    public String stateOrder() {
        return "h: the " + n + " neurons' potentials by neuron id (motor neurons 0.." + (outputs - 1) + " first)";
    }
}
