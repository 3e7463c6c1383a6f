package org.liquidpilot.train;

import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.Mapping;
import org.liquidpilot.liquid.wiring.AutoNCP;
import org.liquidpilot.liquid.wiring.NCP;
import org.liquidpilot.liquid.wiring.Wiring;

import java.util.List;

/** The {@code --model-type} names and the models they build for a given input and output width. */
public final class ModelTypes {
    public static final List<String> NAMES = List.of("ltc-ncp19", "cfc-ncp19", "ltc-ncp12-6-1", "cfc-ncp12-6-1", "lstm64", "gru64", "ctrnn64", "mlp");

    private ModelTypes() {}

    /**
     * A freshly initialised model. The {@code -ncp19} models use AutoNCP(19, outputs) and the {@code -ncp12-6-1}
     * models the NCP paper's hand-set wiring NCP(12, 6, 1, 6, 4, 6, 6) (12 inter, 6 command, 1 motor neuron), both
     * with ncps's default wiring seed (or {@code wiringSeed}), so the circuit is the one ncps would build; the
     * parameters are drawn from {@code seed}.
     *
     * @param ltcClamp train the LTC with ncps's explicit ReLU clamp instead of the implicit softplus
     */
    public static TrainableModel create(String type, int inputs, int outputs, long seed, long wiringSeed, String cfcMode, boolean ltcClamp) {
        return create(type, inputs, outputs, seed, wiringSeed, cfcMode, ltcClamp, false);
    }

    /** @param mixedMemory put ncps's mixed-memory LSTM in front of the LTC/CfC cell (LTC and CfC only) */
    public static TrainableModel create(String type, int inputs, int outputs, long seed, long wiringSeed, String cfcMode, boolean ltcClamp,
                                        boolean mixedMemory) {
        if (mixedMemory && !(type.startsWith("ltc-") || type.startsWith("cfc-"))) {
            throw new IllegalArgumentException("--mixed-memory applies to the LTC and CfC models only");
        }
        return switch (type) {
            case "ltc-ncp19" -> ltc(ncp19(inputs, outputs, wiringSeed), ltcClamp, mixedMemory, seed);
            case "cfc-ncp19" -> CfcModel.wired(ncp19(inputs, outputs, wiringSeed), cfcMode, mixedMemory).initialise(seed);
            case "ltc-ncp12-6-1" -> ltc(paperNcp(inputs, outputs, wiringSeed), ltcClamp, mixedMemory, seed);
            case "cfc-ncp12-6-1" -> CfcModel.wired(paperNcp(inputs, outputs, wiringSeed), cfcMode, mixedMemory).initialise(seed);
            case "lstm64" -> BaselineModel.create("lstm", inputs, 64, outputs).initialise(seed);
            case "gru64" -> BaselineModel.create("gru", inputs, 64, outputs).initialise(seed);
            case "ctrnn64" -> BaselineModel.create("ctrnn", inputs, 64, outputs).initialise(seed);
            case "mlp" -> BaselineModel.create("mlp", inputs, 64, outputs).initialise(seed);
            default -> throw new IllegalArgumentException("unknown --model-type '" + type + "' (one of " + String.join(", ", NAMES) + ")");
        };
    }

    /** ncps's {@code LTC(inputs, wiring)} defaults (6 unfolds, affine maps), with the clamp in place of softplus if asked. */
    private static LtcModel ltc(Wiring w, boolean clamp, boolean mixedMemory, long seed) {
        LtcConfig c = new LtcConfig(w.inputDim(), w.spec(), true, mixedMemory, Mapping.AFFINE, Mapping.AFFINE, 6, 1e-8, !clamp);
        return LtcModel.initialised(c, w, seed);
    }

    private static Wiring ncp19(int inputs, int outputs, long wiringSeed) {
        if (outputs > 16) throw new IllegalArgumentException("an NCP of 19 neurons has room for at most 16 outputs, the data has " + outputs);
        return new AutoNCP(19, outputs, 0.5, wiringSeed).build(inputs);
    }

    private static Wiring paperNcp(int inputs, int outputs, long wiringSeed) {
        if (outputs != 1) throw new IllegalArgumentException("NCP(12, 6, 1, ...) has one motor neuron, the data has " + outputs + " outputs");
        NCP p = NCP.paper19();
        return new NCP(p.interNeurons(), p.commandNeurons(), p.motorNeurons(), p.sensoryFanout(), p.interFanout(),
                p.recurrentCommandSynapses(), p.motorFanin(), wiringSeed).build(inputs);
    }
}
