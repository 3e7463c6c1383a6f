package org.liquidpilot.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link TrainState} as a safetensors file (float64, so a resumed run continues bit for bit): parameters, best
 * parameters, Adam moments and the loss history, with counters and a fingerprint of the run's settings in the
 * metadata so a checkpoint is not resumed under different settings by mistake.
 */
public final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkpoints() {}

    public static void save(Path file, TrainState s, String fingerprint) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("params", vec(s.params));
        t.put("adam.m", vec(s.adamM));
        t.put("adam.v", vec(s.adamV));
        if (s.bestParams != null) t.put("best_params", vec(s.bestParams));
        double[] h = new double[s.history.size() * 4];
        for (int i = 0; i < s.history.size(); i++) {
            TrainState.Epoch e = s.history.get(i);
            h[4 * i] = e.epoch();
            h[4 * i + 1] = e.trainLoss();
            h[4 * i + 2] = e.valLoss();
            h[4 * i + 3] = e.lr();
        }
        t.put("history", Tensor.f64(new int[]{s.history.size(), 4}, h));
        ObjectNode m = JSON.createObjectNode();
        m.put("format", "liquidpilot-train-checkpoint");
        m.put("epochs_done", s.epochsDone);
        m.put("adam_step", s.adamStep);
        m.put("best_epoch", s.bestEpoch);
        m.put("best_val_loss", s.bestValLoss);
        m.put("settings", fingerprint);
        SafeTensors.write(file, t, Map.of("liquidpilot_checkpoint", m.toString()));
    }

    /** Reads a checkpoint; fails with a one-line reason if it was made under other settings. */
    public static TrainState load(Path file, String fingerprint) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        String meta = c.metadata().get("liquidpilot_checkpoint");
        if (meta == null) throw new IllegalArgumentException(file + ": not a training checkpoint");
        JsonNode m = JSON.readTree(meta);
        if (!fingerprint.equals(m.path("settings").asText())) {
            throw new IllegalArgumentException(file + ": checkpoint was made with other settings (" + m.path("settings").asText() + ")");
        }
        TrainState s = new TrainState();
        s.params = c.require("params").data();
        s.adamM = c.require("adam.m").data();
        s.adamV = c.require("adam.v").data();
        if (s.adamM.length != s.params.length || s.adamV.length != s.params.length) throw new IllegalArgumentException(file + ": inconsistent checkpoint");
        Tensor best = c.tensors().get("best_params");
        s.bestParams = best == null ? null : best.data();
        s.epochsDone = m.path("epochs_done").asInt();
        s.adamStep = m.path("adam_step").asLong();
        s.bestEpoch = m.path("best_epoch").asInt(-1);
        s.bestValLoss = m.path("best_val_loss").isNumber() ? m.path("best_val_loss").asDouble() : Double.POSITIVE_INFINITY;
        Tensor h = c.require("history");
        for (int i = 0; i + 3 < h.data().length; i += 4) {
            double[] d = h.data();
            s.history.add(new TrainState.Epoch((int) d[i], d[i + 1], d[i + 2], d[i + 3]));
        }
        if (s.history.size() != s.epochsDone) throw new IllegalArgumentException(file + ": inconsistent checkpoint history");
        return s;
    }

    /** A deep copy, for keeping a state past a listener call. */
    public static TrainState copy(TrainState s) {
        TrainState c = new TrainState();
        c.epochsDone = s.epochsDone;
        c.params = s.params.clone();
        c.adamM = s.adamM.clone();
        c.adamV = s.adamV.clone();
        c.adamStep = s.adamStep;
        c.bestParams = s.bestParams == null ? null : s.bestParams.clone();
        c.bestValLoss = s.bestValLoss;
        c.bestEpoch = s.bestEpoch;
        c.history.addAll(s.history);
        return c;
    }

    private static Tensor vec(double[] d) {
        return Tensor.f64(new int[]{d.length}, d.clone());
    }
}
