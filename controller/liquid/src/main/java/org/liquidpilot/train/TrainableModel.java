package org.liquidpilot.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.liquid.CfcConfig;
import org.liquidpilot.liquid.LinearFrontEnd;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.ModelConfig;
import org.liquidpilot.liquid.ModelFile;
import org.liquidpilot.liquid.ParameterLayout;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.liquid.wiring.Wiring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A recurrent (or per-step) model the trainer can fit: flat parameters plus a kernel factory. */
public interface TrainableModel {

    /** The {@code --model-type} family: ltc, cfc, lstm, gru, ctrnn or mlp. */
    String type();

    int inputSize();

    int outputSize();

    /** Length of the recurrent state vector (0 for a model without memory). */
    int stateSize();

    ParamSet params();

    /** A kernel for one thread, with caches for sequences of up to {@code maxSteps} steps. */
    SequenceKernel newKernel(int maxSteps);

    /**
     * Whether this model's kernels give the gradient into their inputs
     * ({@link SequenceKernel#backward(double[], int, double[], double[], int)}), so a learned front end can train in front of it.
     */
    default boolean inputGradient() {
        return false;
    }

    /** Called after every optimizer step (LTC's clamp mode projects its parameters back here). */
    default void afterUpdate() {}

    /** The liquid core's model with the current parameters (as float32, what the file holds); ncps models only. */
    LiquidModel toLiquidModel();

    /** Every tensor the model file holds: parameters under their file names plus fixed masks and wirings. */
    default Map<String, Tensor> fileTensors() {
        return ModelFile.tensors(toLiquidModel());
    }

    /** The model file's {@code liquidpilot} metadata, with {@code training} provenance (may be null). */
    default ObjectNode fileMetadata(JsonNode training) {
        return ModelFile.metadata(toLiquidModel().withExtras(null, null, training));
    }

    default int parameterCount() {
        return params().size();
    }

    /** Writes {@code model} as a liquidpilot model file (baselines in their own format), with training provenance. */
    static void save(Path file, TrainableModel model, JsonNode training) throws IOException {
        ModelFile.write(file, model.fileTensors(), model.fileMetadata(training));
    }

    /** A model saved by {@link #save} (or any liquidpilot LTC/CfC model file), ready to train further or evaluate. */
    static TrainableModel load(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        try {
            return fromContents(c);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static TrainableModel fromContents(SafeTensors.Contents c) {
        JsonNode m = ModelFile.metadata(c);
        if (ModelFile.BASELINE_FORMAT.equals(m.path("format").asText(""))) {
            Map<String, Tensor> tensors = new LinkedHashMap<>(c.tensors());
            LinearFrontEnd front = LinearFrontEnd.take(m, tensors, m.path("constructor").path("input_size").asInt(-1));
            BaselineModel core = BaselineModel.fromFile(m, tensors);
            return front == null ? core : FrontEndModel.of(core, front);
        }
        return of(ModelFile.fromContents(c));
    }

    /** The trainable form of a liquid core model (LTC or CfC without projection, with its front end if any), with its parameters. */
    static TrainableModel of(LiquidModel core) {
        if (core.frontEnd() != null) return FrontEndModel.of(of(core.withFrontEnd(null)), core.frontEnd());
        ModelConfig config = core.config();
        TrainableModel model;
        if (config instanceof LtcConfig c) model = new LtcModel(c, core.wiring());
        else model = new CfcModel((CfcConfig) config, core.wiring());
        model.params().load(core.ncpsStateDict());
        return model;
    }

    /** The liquid core's model of an ncps config, its wiring and trainable parameters (masks come from the wiring). */
    static LiquidModel liquidModel(ModelConfig config, Wiring wiring, ParamSet params) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(params.toTensors(Tensor.DType.F32));
        for (ParameterLayout.Entry e : ParameterLayout.entries(config, wiring)) {
            if (!e.trainable()) tensors.put(e.key(), Tensor.f32(e.shape(), e.init().apply(null)));
        }
        return LiquidModel.fromNcps(config, tensors, wiring);
    }
}
