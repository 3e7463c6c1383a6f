package org.liquidpilot.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.liquid.Dense;
import org.liquidpilot.liquid.LinearFrontEnd;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.io.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A model with a learned linear front end: {@code u_t = W·x_t + b} compresses each step's {@code inputs} features to
 * the {@code core}'s inputs, and both train together (the core's kernel hands back dLoss/du, which flows into W and
 * b). The parameters are one flat array, the core's tensors first and then {@code front.weight} (K × N) and
 * {@code front.bias} (K), so the optimizer, gradient clipping and checkpoints treat the whole model as one. Any core
 * whose kernels give the input gradient works ({@link TrainableModel#inputGradient()}): the LTC and CfC models
 * without mixed memory and every baseline.
 */
public final class FrontEndModel implements TrainableModel {
    private final TrainableModel core;
    private final ParamSet params;
    private final int n, k, w, b;

    /** {@code core} (its current parameters kept) behind a front end from {@code inputs} features, all zeros until initialised. */
    public FrontEndModel(TrainableModel core, int inputs) {
        if (core instanceof FrontEndModel) throw new IllegalArgumentException("the model already has a front end");
        if (!core.inputGradient()) {
            throw new IllegalArgumentException("a learned front end cannot train in front of this " + core.type()
                    + (core instanceof NcpsModel<?> nm && nm.mixedMemory() ? " with mixed memory" : "") + " model");
        }
        LinearFrontEnd.checkSizes(inputs, core.inputSize());
        this.core = core;
        this.n = inputs;
        this.k = core.inputSize();
        ParamSet.Builder more = ParamSet.builder();
        more.add(LinearFrontEnd.WEIGHT, k, n);
        more.add(LinearFrontEnd.BIAS, k);
        params = core.params().followedBy(more);
        w = params.offset(LinearFrontEnd.WEIGHT);
        b = params.offset(LinearFrontEnd.BIAS);
    }

    /** {@code core} behind a fresh front end from {@code inputs} features, drawn from {@code seed}. */
    public static FrontEndModel initialised(TrainableModel core, int inputs, long seed) {
        return new FrontEndModel(core, inputs).initialise(seed);
    }

    /** {@code core} behind the front end {@code front} (e.g. read from a model file). */
    public static FrontEndModel of(TrainableModel core, LinearFrontEnd front) {
        if (front.outputs() != core.inputSize()) {
            throw new IllegalArgumentException("front end gives " + front.outputs() + " values, the model takes " + core.inputSize());
        }
        FrontEndModel m = new FrontEndModel(core, front.inputs());
        double[] p = m.params.values();
        System.arraycopy(front.weight(), 0, p, m.w, m.k * m.n);
        System.arraycopy(front.bias(), 0, p, m.b, m.k);
        return m;
    }

    /**
     * PyTorch's {@code nn.Linear} default: W and b uniform in ±1/√inputs, from a stream of its own (the core's
     * parameters, drawn from the same seed, stay what they are without a front end). On z-scored features each
     * output starts with a variance of about 1/3.
     */
    public FrontEndModel initialise(long seed) {
        Random r = new Random(seed ^ 0x66726f6e74L);
        double bound = 1 / Math.sqrt(n);
        double[] p = params.values();
        for (int i = 0; i < k * n; i++) p[w + i] = (2 * r.nextDouble() - 1) * bound;
        for (int i = 0; i < k; i++) p[b + i] = (2 * r.nextDouble() - 1) * bound;
        return this;
    }

    /** The recurrent (or per-step) model behind the front end; it shares this model's parameter array. */
    public TrainableModel core() {
        return core;
    }

    /** The front end with the current parameters, rounded to float32 as the model file holds them. */
    public LinearFrontEnd frontEnd() {
        double[] p = params.values();
        double[] wt = new double[k * n], bt = new double[k];
        for (int i = 0; i < wt.length; i++) wt[i] = (float) p[w + i];
        for (int i = 0; i < k; i++) bt[i] = (float) p[b + i];
        return new LinearFrontEnd(n, k, wt, bt, Tensor.DType.F32);
    }

    @Override
    public String type() {
        return core.type();
    }

    @Override
    public int inputSize() {
        return n;
    }

    @Override
    public int outputSize() {
        return core.outputSize();
    }

    @Override
    public int stateSize() {
        return core.stateSize();
    }

    @Override
    public ParamSet params() {
        return params;
    }

    @Override
    public boolean inputGradient() {
        return true;
    }

    @Override
    public void afterUpdate() {
        core.afterUpdate();
    }

    @Override
    public LiquidModel toLiquidModel() {
        return core.toLiquidModel().withFrontEnd(frontEnd());
    }

    @Override
    public Map<String, Tensor> fileTensors() {
        Map<String, Tensor> t = new LinkedHashMap<>(core.fileTensors());
        t.putAll(frontEnd().tensors());
        return t;
    }

    @Override
    public ObjectNode fileMetadata(JsonNode training) {
        ObjectNode m = core.fileMetadata(training);
        m.set(LinearFrontEnd.METADATA_KEY, frontEnd().metadata());
        return m;
    }

    @Override
    public SequenceKernel newKernel(int maxSteps) {
        return new Kernel(maxSteps);
    }

    /** The front end over a whole sequence, then the core's kernel on its output; backward the other way. */
    private final class Kernel extends SequenceKernel {
        private final int maxSteps;
        private final SequenceKernel inner;
        private final double[] u, gu;
        private double[] x;
        private int xOff, steps;

        Kernel(int maxSteps) {
            this.maxSteps = maxSteps;
            inner = core.newKernel(maxSteps);
            u = new double[maxSteps * k];
            gu = new double[maxSteps * k];
        }

        @Override
        public void forward(double[] x, int xOff, double[] dt, int dtOff, int steps, double[] state, double[] y, int yOff) {
            if (steps > maxSteps) throw new IllegalArgumentException("sequence of " + steps + " steps exceeds the kernel's " + maxSteps);
            this.x = x;
            this.xOff = xOff;
            this.steps = steps;
            double[] p = params.values();
            for (int t = 0; t < steps; t++) Dense.forward(p, w, p, b, x, xOff + t * n, k, n, u, t * k);
            inner.forward(u, 0, dt, dtOff, steps, state, y, yOff);
        }

        @Override
        public void backward(double[] gy, int gyOff, double[] grad) {
            backward(gy, gyOff, grad, null, 0);
        }

        @Override
        public void backward(double[] gy, int gyOff, double[] grad, double[] gx, int gxOff) {
            inner.backward(gy, gyOff, grad, gu, 0);
            double[] p = params.values();
            if (gx != null) Arrays.fill(gx, gxOff, gxOff + steps * n, 0.0);
            for (int t = 0; t < steps; t++) {
                Dense.backward(p, w, x, xOff + t * n, gu, t * k, k, n, grad, w, b, gx, gx == null ? 0 : gxOff + t * n);
            }
        }
    }
}
