package org.liquidpilot.liquid.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.liquidpilot.liquid.LiquidModel;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The ONNX export run step by step by ONNX Runtime (float) against the Java core (double precision) on the same
 * models and sequences as the C round trip, to the same 1e-5 (|ONNX − Java| / max(1, |Java|)).
 */
class OnnxExportRoundTripTest {

    static Stream<CExportRoundTripTest.Case> cases() throws Exception {
        return CExportRoundTripTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onnxRuntimeMatchesTheJavaCore(CExportRoundTripTest.Case c) throws Exception {
        LiquidModel m = c.model();
        CSequences seq = c.seq();
        OnnxExport.OnnxModel onnx = OnnxExport.export(m);
        int f = m.inputSize(), n = m.stateSize(), o = m.outputSize(), t = seq.time();
        boolean mixed = m.config().mixedMemory(), all = m.config().returnSequences();
        LiquidModel.Result ref = m.run(seq.x(), seq.batch(), t, seq.dt(), null);
        double[] scale = m.outputScaling().scale(), offset = m.outputScaling().offset();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double worst = 0;
        int compared = 0;
        try (OrtSession session = env.createSession(onnx.bytes(), new OrtSession.SessionOptions())) {
            for (int b = 0; b < seq.batch(); b++) {
                float[] h = new float[n], cs = new float[n];
                for (int k = 0; k < t; k++) {
                    int i = b * t + k;
                    float[] x = new float[f];
                    for (int j = 0; j < f; j++) x[j] = (float) seq.x()[i * f + j];
                    Map<String, OnnxTensor> in = new HashMap<>();
                    in.put(OnnxExport.X, OnnxTensor.createTensor(env, new float[][]{x}));
                    in.put(OnnxExport.H, OnnxTensor.createTensor(env, new float[][]{h}));
                    in.put(OnnxExport.DT, OnnxTensor.createTensor(env, new float[][]{{(float) seq.dt()[i]}}));
                    if (mixed) in.put(OnnxExport.C, OnnxTensor.createTensor(env, new float[][]{cs}));
                    try (OrtSession.Result r = session.run(in)) {
                        float[] y = ((float[][]) r.get(OnnxExport.Y).orElseThrow().getValue())[0];
                        float[] cmd = ((float[][]) r.get(OnnxExport.COMMAND).orElseThrow().getValue())[0];
                        h = ((float[][]) r.get(OnnxExport.H_OUT).orElseThrow().getValue())[0];
                        if (mixed) cs = ((float[][]) r.get(OnnxExport.C_OUT).orElseThrow().getValue())[0];
                        if (all || k == t - 1) {
                            int off = all ? i * o : b * o;
                            for (int j = 0; j < o; j++) {
                                worst = Math.max(worst, error(y[j], ref.out()[off + j]));
                                worst = Math.max(worst, error(cmd[j], ref.out()[off + j] * scale[j] + offset[j]));
                                compared += 2;
                            }
                        }
                    } finally {
                        for (OnnxTensor v : in.values()) v.close();
                    }
                }
                for (int j = 0; j < n; j++) worst = Math.max(worst, error(h[j], ref.hn()[b * n + j]));
                if (mixed) for (int j = 0; j < n; j++) worst = Math.max(worst, error(cs[j], ref.cn()[b * n + j]));
                compared += n * (mixed ? 2 : 1);
            }
        }
        System.out.printf("ONNX export %s: max error %.2e over %d values, %d nodes, %d bytes%n", c.name(), worst, compared, onnx.nodes(), onnx.bytes().length);
        assertTrue(compared > 0);
        assertTrue(worst <= CExportRoundTripTest.TOLERANCE, c.name() + ": " + worst);
    }

    private static double error(double onnx, double java) {
        double e = Math.abs(onnx - java) / Math.max(1.0, Math.abs(java));
        return Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
    }
}
