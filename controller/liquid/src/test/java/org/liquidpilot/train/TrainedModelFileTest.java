package org.liquidpilot.train;

import org.liquidpilot.liquid.ModelFile;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.io.SafeTensors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainedModelFileTest {

    /** What the trainer saves is what the liquid core (and so the pilot) runs: same outputs from the file. */
    @ParameterizedTest
    @ValueSource(strings = {"ltc-ncp19", "cfc-ncp19", "ltc-ncp19 mixed", "cfc-ncp19 mixed", "ltc-ncp12-6-1", "cfc-ncp12-6-1"})
    void liquidCoreLoadsTrainedModelsAndAgrees(String spec, @TempDir Path dir) throws Exception {
        String type = spec.split(" ")[0];
        TrainableModel model = ModelTypes.create(type, 5, 1, 4, 22222, "default", false, spec.endsWith("mixed"));
        double[] p = model.params().values();
        for (int i = 0; i < p.length; i++) p[i] = (float) p[i]; // what the file holds
        Path file = dir.resolve("m.safetensors");
        TrainableModel.save(file, model, null);
        LiquidModel core = LiquidModel.load(file);

        int steps = 30;
        Random r = new Random(2);
        double[] x = new double[steps * 5], dt = new double[steps], y = new double[steps];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        for (int i = 0; i < steps; i++) dt[i] = 0.1 + r.nextDouble();
        model.newKernel(steps).forward(x, 0, dt, 0, steps, new double[model.stateSize()], y, 0);
        LiquidModel.Result res = core.run(x, 1, steps, dt, null);
        for (int i = 0; i < steps; i++) assertEquals(y[i], res.out()[i], 1e-5, "step " + i);
    }

    /** The paper's hand-set circuit: 12 inter, 6 command and 1 motor neuron, recorded as such in the file. */
    @ParameterizedTest
    @ValueSource(strings = {"ltc-ncp12-6-1", "cfc-ncp12-6-1"})
    void paperWiringIsTheNcpPapersCircuit(String type, @TempDir Path dir) throws Exception {
        TrainableModel model = ModelTypes.create(type, 32, 1, 1, 22222, "default", false);
        Path file = dir.resolve("m.safetensors");
        TrainableModel.save(file, model, null);
        var w = ModelFile.metadata(file).get("wiring");
        assertEquals("NCP", w.get("kind").asText());
        assertEquals(12, w.get("neurons").get("inter").size());
        assertEquals(6, w.get("neurons").get("command").size());
        assertEquals(1, w.get("neurons").get("motor").size());
        assertEquals(19, LiquidModel.load(file).stateSize());
        assertThrows(IllegalArgumentException.class, () -> ModelTypes.create(type, 32, 2, 1, 22222, "default", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm64", "gru64", "ctrnn64", "mlp", "ltc-ncp19", "cfc-ncp19"})
    void everyModelTypeRoundTrips(String type, @TempDir Path dir) throws Exception {
        TrainableModel model = ModelTypes.create(type, 4, 2, 9, 22222, "default", true);
        Path file = dir.resolve("m.safetensors");
        TrainableModel.save(file, model, null);
        TrainableModel back = TrainableModel.load(file);
        assertEquals(model.type(), back.type());
        double[] a = model.params().values(), b = back.params().values();
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) assertEquals((float) a[i], b[i], 0.0);
    }

    @Property(tries = 200)
    void garbageFilesGiveAOneLineError(@ForAll @Size(max = 300) byte[] bytes) throws Exception {
        Path dir = Files.createTempDirectory("garbage");
        try {
            Path f = dir.resolve("g.safetensors");
            Files.write(f, bytes);
            for (ThrowingCall call : new ThrowingCall[]{() -> TrainableModel.load(f), () -> Checkpoints.load(f, "x"),
                    () -> SafetensorsSequenceDirectory.read(f)}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
                assertTrue(e.getMessage() != null && e.getMessage().lines().count() == 1, String.valueOf(e.getMessage()));
            }
        } finally {
            Files.deleteIfExists(dir.resolve("g.safetensors"));
            Files.delete(dir);
        }
    }

    @Property(tries = 100)
    void sequenceFilesWithWrongShapesAreRejected(@ForAll("shapes") int[] s) throws Exception {
        Path dir = Files.createTempDirectory("shapes");
        try {
            Path f = dir.resolve("s.safetensors");
            var t = new java.util.LinkedHashMap<String, org.liquidpilot.liquid.io.Tensor>();
            t.put("x", org.liquidpilot.liquid.io.Tensor.f32(new int[]{s[0], s[1]}, new double[s[0] * s[1]]));
            t.put("y", org.liquidpilot.liquid.io.Tensor.f32(new int[]{s[2], s[3]}, new double[s[2] * s[3]]));
            SafeTensors.write(f, t, null);
            boolean ok = s[0] == s[2] && s[0] > 0 && s[1] > 0 && s[3] > 0;
            if (ok) assertEquals(s[0], SafetensorsSequenceDirectory.read(f).steps());
            else assertThrows(IllegalArgumentException.class, () -> SafetensorsSequenceDirectory.read(f));
        } finally {
            Files.deleteIfExists(dir.resolve("s.safetensors"));
            Files.delete(dir);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<int[]> shapes() {
        return net.jqwik.api.Arbitraries.integers().between(0, 6).array(int[].class).ofSize(4);
    }

    interface ThrowingCall {
        void run() throws Exception;
    }
}
