package org.liquidpilot.train;

import org.liquidpilot.liquid.wiring.AutoNCP;
import org.liquidpilot.liquid.wiring.Wiring;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liquidpilot.liquid.io.Tensor;

import java.util.Map;

class CfcGradientTest {

    private static CfcModel golden(String stem, Map<String, Tensor> t) {
        if (stem.equals("cfc_ncp19")) {
            Wiring w = Goldens.wiring(t, new AutoNCP(19, 1));
            return CfcModel.wired(w, "default").load(t);
        }
        String mode = stem.substring("cfc_fc24_".length());
        return CfcModel.unwired(8, 24, mode, "lecun_tanh", 128, 1).load(t);
    }

    @ParameterizedTest(name = "{0} timespans={1}")
    @CsvSource({"cfc_ncp19,false", "cfc_ncp19,true", "cfc_fc24_default,false", "cfc_fc24_default,true",
            "cfc_fc24_pure,false", "cfc_fc24_pure,true", "cfc_fc24_no_gate,false", "cfc_fc24_no_gate,true"})
    void gradientsEqualNcps(String stem, boolean timespans) {
        Map<String, Tensor> t = Goldens.load(stem + ".safetensors").tensors();
        CfcModel model = golden(stem, t);
        double[] grad = Goldens.gradOfSumSquares(model, t, timespans, 2e-6);
        Goldens.assertGradsMatch(model.params(), grad, t, timespans ? "grad_ts." : "grad_nots.", 1e-4);
    }
}
