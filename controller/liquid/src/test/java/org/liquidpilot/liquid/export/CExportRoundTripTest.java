package org.liquidpilot.liquid.export;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.liquidpilot.liquid.Activation;
import org.liquidpilot.liquid.CfcConfig;
import org.liquidpilot.liquid.CfcMode;
import org.liquidpilot.liquid.Goldens;
import org.liquidpilot.liquid.LinearFrontEnd;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.Mapping;
import org.liquidpilot.liquid.ModelConfig;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.liquid.wiring.AutoNCP;
import org.liquidpilot.liquid.wiring.NCP;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The export compiled with the system C compiler and run against the Java core (double precision) on the same float
 * inputs, to 1e-5: every ncps golden model on its own golden inputs and timespans, the two shipped pilot models on
 * seeded sequences at the camera's frame interval, and made-up models for what the goldens do not cover (mixed
 * memory, other backbones and activations, a projection, LTC without softplus or with other maps).
 */
class CExportRoundTripTest {
    static final double TOLERANCE = 1e-5;
    @TempDir
    Path dir;

    record Case(String name, LiquidModel model, CSequences seq) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> l = new ArrayList<>();
        for (String g : Goldens.MODELS) {
            SafeTensors.Contents c = Goldens.f32(g);
            LiquidModel m = LiquidModel.fromNcps(ModelConfig.fromNcps(Goldens.meta(g).path("constructor")), c.tensors());
            Tensor x = c.require("io.x"), ts = c.require("io.timespans");
            l.add(new Case("golden " + g, m, new CSequences(x.dim(0), x.dim(1), x.dim(2), x.data(), ts.data())));
        }
        for (String shipped : List.of("ncp19-forest-road", "ncp19-forest-drone")) {
            LiquidModel m = LiquidModel.load(shippedModel(shipped + ".safetensors"));
            l.add(new Case("shipped " + shipped, m, CSequences.seeded(7, 3, 300, m.inputSize(), 1 / 30.0)));
        }
        l.add(made("LTC NCP, mixed memory", new LtcConfig(12, new NCP(6, 4, 2, 4, 3, 2, 3, 5), true, true, Mapping.AFFINE,
                Mapping.AFFINE, 6, 1e-8, true)));
        l.add(made("LTC, clamp constraints, linear and no maps", new LtcConfig(10, new AutoNCP(14, 3, 0.5, 5), true, false,
                Mapping.LINEAR, Mapping.NONE, 4, 1e-8, false)));
        l.add(made("wired CfC no_gate, mixed memory", new CfcConfig(9, new AutoNCP(12, 2, 0.5, 3), 12, 0, true, true,
                CfcMode.NO_GATE, Activation.LECUN_TANH, 0, 0, 0.0)));
        l.add(made("wired CfC pure, projection", new CfcConfig(9, new AutoNCP(12, 2, 0.5, 3), 12, 3, true, false,
                CfcMode.PURE, Activation.LECUN_TANH, 0, 0, 0.0)));
        for (Activation a : Activation.values()) {
            l.add(made("dense CfC, 2-layer " + a.ncpsName + " backbone, projection", new CfcConfig(6, null, 10, 4, true, false,
                    CfcMode.DEFAULT, a, 16, 2, 0.0)));
        }
        l.add(withFront("learned front end 40 -> 12, wired CfC", made("", CfcConfig.wired(12, new AutoNCP(14, 2, 0.5, 4), CfcMode.DEFAULT)), 40));
        l.add(withFront("learned front end 30 -> 10, LTC NCP, mixed memory", made("", new LtcConfig(10, new AutoNCP(12, 1, 0.5, 6), true, true,
                Mapping.AFFINE, Mapping.AFFINE, 6, 1e-8, true)), 30));
        l.add(made("dense CfC pure, no backbone, last step only", new CfcConfig(6, null, 10, 0, false, false,
                CfcMode.PURE, Activation.LECUN_TANH, 0, 0, 0.0)));
        return l.stream();
    }

    /** {@code base}'s model behind a learned linear front end from {@code inputs} features, float32 weights from a seed. */
    private static Case withFront(String name, Case base, int inputs) {
        int k = base.model().config().inputSize();
        java.util.Random r = new java.util.Random(name.hashCode());
        double[] w = new double[k * inputs], b = new double[k];
        for (int i = 0; i < w.length; i++) w[i] = (float) ((2 * r.nextDouble() - 1) / Math.sqrt(inputs));
        for (int i = 0; i < k; i++) b[i] = (float) (0.1 * r.nextGaussian());
        LiquidModel m = base.model().withFrontEnd(new LinearFrontEnd(inputs, k, w, b, Tensor.DType.F32));
        return new Case(name, m, CSequences.seeded(name.hashCode() + 1L, 2, 60, inputs, 0.5));
    }

    private static Case made(String name, ModelConfig config) {
        LiquidModel m = LiquidModel.random(config, name.hashCode());
        return new Case(name, m, CSequences.seeded(name.hashCode() + 1L, 2, 60, m.inputSize(), 0.5));
    }

    static Path shippedModel(String file) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("models").resolve(file);
            if (Files.isRegularFile(p)) return p;
        }
        throw new IllegalStateException("cannot find models/" + file + " above " + Path.of("").toAbsolutePath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compiledExportMatchesTheJavaCore(Case c) throws IOException {
        assumeTrue(CCompilerGate.shouldRun());
        CSource src = CExport.export(c.model, new CExportConfig("lp_model"));
        CCheck.Result r = CCheck.check(c.model, src, c.seq, dir, 0, TOLERANCE);
        int expected = c.seq.batch() * ((c.model.config().returnSequences() ? c.seq.time() : 1) * c.model.outputSize()
                + c.model.stateSize() * (c.model.config().mixedMemory() ? 2 : 1));
        System.out.printf("C export %s: max error %.2e (max |C - Java| %.2e) over %d values, %d bytes flash%n", c.name, r.maxError(),
                r.maxAbsError(), r.valuesCompared(), r.inFlash());
        assertEquals(expected, r.valuesCompared(), "every output step and final state compared");
        assertTrue(r.maxError() <= TOLERANCE, c.name + ": " + r.maxError() + " at " + r.worst());
        assertEquals(0, r.writable(), "an export writes no globals");
        // CCheck would let GCC's memset/memcpy through; this compiler at -O2 needs neither, so hold it to libm's two
        assertTrue(java.util.Set.of("expf", "tanhf").containsAll(r.externals()), "needs only expf/tanhf: " + r.externals());
        assertTrue(r.inFlash() >= src.constBytes(), "flash holds at least the tables");
        assertTrue(r.pass());
    }
}
