package org.liquidpilot.pilot;

import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.wiring.NCP;

/**
 * The paper's 19-neuron LTC NCP (12 inter, 6 command, 1 motor) with weights drawn from ncps's initial ranges and
 * nothing learned. It shows what the circuit does with real inputs (neuron traces, per-step cost); it cannot drive.
 */
public final class UntrainedNcp {
    private UntrainedNcp() {}

    public static Policy create(int inputs, long seed) {
        LiquidModel model = LiquidModel.random(new LtcConfig(inputs, NCP.paper19()), seed);
        return new StreamPolicy(model, "UNTRAINED LTC NCP (19 neurons, random initial weights, seed " + seed + ")", false);
    }
}
