package org.liquidpilot.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liquidpilot.liquid.LinearFrontEnd;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LiquidStream;
import org.liquidpilot.liquid.ModelFile;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learned linear front end: its gradient, its file form, and inference through it. */
class FrontEndModelTest {
    static final int N = 9, K = 4;

    static FrontEndModel model(String type, long seed) {
        return FrontEndModel.initialised(ModelTypes.create(type, K, 1, seed, 22222, "default", false), N, seed);
    }

    /** Every parameter, the front end's and the core's, against central finite differences of loss = Σ w·y. */
    @ParameterizedTest
    @ValueSource(strings = {"cfc-ncp19", "ltc-ncp19", "cfc-ncp12-6-1", "ltc-ncp12-6-1", "lstm64", "gru64", "ctrnn64", "mlp"})
    void gradientEqualsFiniteDifferences(String type) {
        int steps = 6;
        FrontEndModel model = model(type, 5);
        Random r = new Random(3);
        double[] p = model.params().values();
        int front = model.params().offset(LinearFrontEnd.WEIGHT);
        for (int i = front; i < p.length; i++) p[i] += 0.2 * r.nextGaussian(); // away from the init's small values
        double[] x = new double[steps * N], dt = new double[steps], w = new double[steps];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        for (int i = 0; i < steps; i++) dt[i] = 0.2 + r.nextDouble();
        for (int i = 0; i < w.length; i++) w[i] = r.nextGaussian();

        SequenceKernel k = model.newKernel(steps);
        double[] grad = new double[p.length], gx = new double[x.length];
        k.forward(x, 0, dt, 0, steps, new double[model.stateSize()], new double[steps], 0);
        k.backward(w, 0, grad, gx, 0);

        double worst = 0;
        // The LTC's 19×19 and sensory tensors are many; its own adjoint has goldens, so sample the core there.
        for (int i = 0; i < p.length; i++) {
            if (i < front && i % 7 != 0) continue;
            double keep = p[i], eps = 1e-6;
            p[i] = keep + eps;
            double up = loss(k, model, x, dt, w, steps);
            p[i] = keep - eps;
            double down = loss(k, model, x, dt, w, steps);
            p[i] = keep;
            double fd = (up - down) / (2 * eps);
            worst = Math.max(worst, Math.abs(fd - grad[i]) / Math.max(1e-3, Math.abs(fd)));
        }
        assertTrue(worst < 1e-5, type + ": worst relative error in parameters " + worst);
        for (int i = 0; i < x.length; i++) {
            double keep = x[i], eps = 1e-6;
            x[i] = keep + eps;
            double up = loss(k, model, x, dt, w, steps);
            x[i] = keep - eps;
            double down = loss(k, model, x, dt, w, steps);
            x[i] = keep;
            double fd = (up - down) / (2 * eps);
            worst = Math.max(worst, Math.abs(fd - gx[i]) / Math.max(1e-3, Math.abs(fd)));
        }
        assertTrue(worst < 1e-5, type + ": worst relative error in inputs " + worst);
        double frontGrad = 0;
        for (int i = front; i < p.length; i++) frontGrad += Math.abs(grad[i]);
        assertTrue(frontGrad > 1e-6, "the front end gets a gradient");
    }

    private static double loss(SequenceKernel k, TrainableModel model, double[] x, double[] dt, double[] w, int steps) {
        double[] y = new double[steps];
        k.forward(x, 0, dt, 0, steps, new double[model.stateSize()], y, 0);
        double s = 0;
        for (int i = 0; i < y.length; i++) s += w[i] * y[i];
        return s;
    }

    @Test
    void initialisationComesFromTheSeedAndLeavesTheCoreAsItWas() {
        FrontEndModel a = model("cfc-ncp19", 7), b = model("cfc-ncp19", 7), c = model("cfc-ncp19", 8);
        assertArrayEquals(a.params().values(), b.params().values());
        assertFalse(Arrays.equals(a.params().get(a.params().values(), LinearFrontEnd.WEIGHT), c.params().get(c.params().values(), LinearFrontEnd.WEIGHT)));
        TrainableModel plain = ModelTypes.create("cfc-ncp19", K, 1, 7, 22222, "default", false);
        double[] core = Arrays.copyOf(a.params().values(), plain.params().size());
        assertArrayEquals(plain.params().values(), core, "the core's parameters are the ones it has without a front end");
        double bound = 1 / Math.sqrt(N);
        for (double v : a.params().get(a.params().values(), LinearFrontEnd.WEIGHT)) assertTrue(Math.abs(v) <= bound);
        assertEquals(plain.params().size() + K * N + K, a.parameterCount());
    }

    /** Save, load, save again: every tensor byte and every parameter the same. */
    @ParameterizedTest
    @ValueSource(strings = {"cfc-ncp12-6-1", "ltc-ncp19", "lstm64", "mlp"})
    void saveLoadRoundTripIsBitExact(String type, @TempDir Path dir) throws Exception {
        FrontEndModel model = model(type, 3);
        double[] p = model.params().values();
        for (int i = 0; i < p.length; i++) p[i] = (float) p[i];
        Path f1 = dir.resolve("a.safetensors"), f2 = dir.resolve("b.safetensors");
        TrainableModel.save(f1, model, null);
        TrainableModel back = TrainableModel.load(f1);
        assertTrue(back instanceof FrontEndModel);
        assertEquals(N, back.inputSize());
        assertArrayEquals(p, back.params().values());
        TrainableModel.save(f2, back, null);
        assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2));
        SafeTensors.Contents c = SafeTensors.read(f1);
        assertArrayEquals(new int[]{K, N}, c.require(LinearFrontEnd.WEIGHT).shape());
        assertArrayEquals(new int[]{K}, c.require(LinearFrontEnd.BIAS).shape());
        ModelSizes sizes = ModelSizes.of(f1);
        assertEquals(model.parameterCount(), sizes.parameters());
        assertTrue(sizes.recurrentParameters() <= model.core().parameterCount(), "the front end is not recurrent: " + sizes);
        var meta = ModelFile.metadata(f1).get(LinearFrontEnd.METADATA_KEY);
        assertEquals("linear", meta.get("kind").asText());
        assertEquals(N, meta.get("inputs").asInt());
        assertEquals(K, meta.get("outputs").asInt());
    }

    /** The liquid core runs the file as the trainer does, in whole sequences and in the streaming step path. */
    @ParameterizedTest
    @ValueSource(strings = {"cfc-ncp19", "ltc-ncp12-6-1"})
    void liquidCoreRunsTheFrontEndAsTheTrainerDoes(String type, @TempDir Path dir) throws Exception {
        FrontEndModel model = model(type, 4);
        double[] p = model.params().values();
        for (int i = 0; i < p.length; i++) p[i] = (float) p[i];
        Path file = dir.resolve("m.safetensors");
        TrainableModel.save(file, model, null);
        LiquidModel core = LiquidModel.load(file);
        assertNotNull(core.frontEnd());
        assertEquals(N, core.inputSize());
        assertEquals(K, core.config().inputSize());
        assertEquals(model.parameterCount(), core.trainableParameterCount());

        int steps = 25;
        Random r = new Random(9);
        double[] x = new double[steps * N], dt = new double[steps], y = new double[steps];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        for (int i = 0; i < steps; i++) dt[i] = 0.05 + 0.1 * r.nextDouble();
        model.newKernel(steps).forward(x, 0, dt, 0, steps, new double[model.stateSize()], y, 0);
        LiquidModel.Result res = core.run(x, 1, steps, dt, null);
        LiquidStream s = core.newStream();
        double[] xt = new double[N];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(x, t * N, xt, 0, N);
            double out = s.step(xt, dt[t])[0];
            assertEquals(y[t], res.out()[t], 1e-12, "run, step " + t);
            assertEquals(y[t], out, 1e-12, "stream, step " + t);
        }
        assertThrows(IllegalArgumentException.class, () -> s.step(new double[K], 0.1), "the stream takes the front end's inputs");
    }

    @Test
    void streamingThroughTheFrontEndAllocatesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.safetensors");
        TrainableModel.save(file, model("cfc-ncp19", 1), null);
        LiquidStream s = LiquidModel.load(file).newStream();
        float[] x = new float[N];
        for (int i = 0; i < N; i++) x[i] = 0.1f * i;
        Runnable loop = () -> {
            for (int i = 0; i < 20_000; i++) {
                x[i % N] = (float) Math.sin(i);
                s.step(x, 0.033f);
            }
        };
        loop.run(); // warm up so the JIT has compiled the loop
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        loop.run();
        long bytes = bean.getThreadAllocatedBytes(tid) - before;
        // StreamTest's bound: less than one byte per 20 steps is the measurement, not the step.
        assertTrue(bytes < 1024, "allocated " + bytes + " bytes in 20000 steps");
    }

    /** A model without the layer is written and read exactly as before: no front tensors, no front_end metadata. */
    @Test
    void aModelWithoutTheLayerIsUnchanged(@TempDir Path dir) throws Exception {
        TrainableModel plain = ModelTypes.create("cfc-ncp19", K, 1, 2, 22222, "default", false);
        Path file = dir.resolve("m.safetensors");
        TrainableModel.save(file, plain, null);
        assertFalse(SafeTensors.read(file).tensors().containsKey(LinearFrontEnd.WEIGHT));
        assertNull(ModelFile.metadata(file).get(LinearFrontEnd.METADATA_KEY));
        assertNull(LiquidModel.load(file).frontEnd());
        assertFalse(TrainableModel.load(file) instanceof FrontEndModel);
    }

    @Test
    void badFilesAndModelsAreRefused(@TempDir Path dir) throws Exception {
        FrontEndModel model = model("cfc-ncp19", 2);
        Path file = dir.resolve("m.safetensors");
        TrainableModel.save(file, model, null);
        SafeTensors.Contents c = SafeTensors.read(file);
        // The tensors without the metadata, and the metadata without a tensor.
        Map<String, Tensor> t = new LinkedHashMap<>(c.tensors());
        var meta = (com.fasterxml.jackson.databind.node.ObjectNode) ModelFile.metadata(c);
        var noFront = meta.deepCopy();
        noFront.remove(LinearFrontEnd.METADATA_KEY);
        Path f1 = dir.resolve("no-meta.safetensors");
        ModelFile.write(f1, t, noFront);
        assertThrows(IllegalArgumentException.class, () -> LiquidModel.load(f1));
        t.remove(LinearFrontEnd.BIAS);
        Path f2 = dir.resolve("no-bias.safetensors");
        ModelFile.write(f2, t, meta);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LiquidModel.load(f2));
        assertTrue(e.getMessage().contains(LinearFrontEnd.BIAS), e.getMessage());
        // Mixed memory gives no input gradient, so the layer cannot train in front of it.
        TrainableModel mixed = ModelTypes.create("cfc-ncp19", K, 1, 2, 22222, "default", false, true);
        assertThrows(IllegalArgumentException.class, () -> new FrontEndModel(mixed, N));
        assertThrows(IllegalArgumentException.class, () -> new FrontEndModel(model, N));
        assertThrows(IllegalArgumentException.class, () -> FrontEndModel.initialised(ModelTypes.create("mlp", K, 1, 2, 22222, "default", false), 0, 1));
    }
}
