package org.liquidpilot.train;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.liquid.wiring.AutoNCP;
import org.liquidpilot.liquid.wiring.FullyConnected;
import org.liquidpilot.liquid.wiring.Wiring;
import org.liquidpilot.liquid.wiring.WiringSpec;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LtcGradientTest {

    private static LtcModel golden(Map<String, Tensor> t, WiringSpec spec) {
        Wiring w = Goldens.wiring(t, spec);
        return LtcModel.fromStateDict(new LtcConfig(w.inputDim(), spec), w, t);
    }

    @ParameterizedTest(name = "{0} timespans={1}")
    @CsvSource({"ltc_ncp19,false", "ltc_ncp19,true", "ltc_fc12o2,false", "ltc_fc12o2,true"})
    void gradientsEqualNcpsFloat32(String stem, boolean timespans) {
        Map<String, Tensor> t = Goldens.load(stem + ".safetensors").tensors();
        LtcModel model = stem.equals("ltc_ncp19") ? golden(t, new AutoNCP(19, 1)) : golden(t, new FullyConnected(12, 2));
        double[] grad = Goldens.gradOfSumSquares(model, t, timespans, 2e-6);
        Goldens.assertGradsMatch(model.params(), grad, t, timespans ? "grad_ts." : "grad_nots.", 1e-4);
    }

    @ParameterizedTest(name = "timespans={0}")
    @CsvSource({"false", "true"})
    void float64GradientsEqualNcpsToRoundOff(boolean timespans) {
        Map<String, Tensor> f32 = Goldens.load("ltc_ncp19.safetensors").tensors();
        SafeTensors.Contents f64 = Goldens.load("ltc_ncp19.f64.safetensors");
        assertEquals(Tensor.DType.F64, f64.require("grad_nots.rnn_cell.w").dtype());
        LtcModel model = golden(f32, new AutoNCP(19, 1));
        double[] grad = Goldens.gradOfSumSquares(model, f64.tensors(), timespans, 1e-12);
        Goldens.assertGradsMatch(model.params(), grad, f64.tensors(), timespans ? "grad_ts." : "grad_nots.", 1e-9);
    }
}
