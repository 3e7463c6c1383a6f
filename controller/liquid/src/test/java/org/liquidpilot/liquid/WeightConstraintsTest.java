package org.liquidpilot.liquid;

import org.junit.jupiter.api.Test;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.liquid.wiring.AutoNCP;

import static org.junit.jupiter.api.Assertions.*;

class WeightConstraintsTest {
    @Test
    void clampsOnlyWithoutImplicitConstraints() {
        LtcConfig explicit = new LtcConfig(4, new AutoNCP(8, 1), true, false, Mapping.AFFINE, Mapping.AFFINE, 6, 1e-8, false);
        Parameters p = LiquidModel.random(explicit, 1).parameters();
        double[] w = p.get("rnn_cell.w").data().clone();
        w[0] = -0.5;
        double[] vleak = p.get("rnn_cell.vleak").data().clone();
        vleak[0] = -0.1;
        p.put("rnn_cell.w", Tensor.f32(new int[]{8, 8}, w));
        p.put("rnn_cell.vleak", Tensor.f32(new int[]{8}, vleak));
        Parameters c = WeightConstraints.apply(explicit, p);
        assertEquals(0.0, c.get("rnn_cell.w").data()[0]);
        assertEquals(-0.1, c.get("rnn_cell.vleak").data()[0], 1e-7, "vleak is not constrained");
        assertEquals(-0.5, p.get("rnn_cell.w").data()[0], "the input is not modified");
        LtcConfig softplus = new LtcConfig(4, new AutoNCP(8, 1));
        assertEquals(p, WeightConstraints.apply(softplus, p));
    }
}
