package org.liquidpilot.cli;

import org.liquidpilot.pilot.dataset.BagFrames;
import org.liquidpilot.train.ModelSizes;
import org.liquidpilot.liquid.wiring.WiringDrawing;
import org.liquidpilot.liquid.ModelFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.ModelConfig;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.liquid.wiring.NeuronRole;
import org.liquidpilot.liquid.wiring.Wiring;
import org.liquidpilot.pilot.dataset.BagDataset;
import org.liquidpilot.pilot.OodCalibration;
import org.liquidpilot.pilot.OodThresholds;
import org.liquidpilot.pilot.PerceptionFeatures;
import org.liquidpilot.pilot.PilotModel;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "model", mixinStandardHelpOptions = true,
        description = "LTC/CfC model files: run, inspect, draw, convert to and from ncps state dicts, export as C or ONNX, calibrate the failsafe.",
        subcommands = {ModelCommand.Run.class, ModelCommand.Info.class, ModelCommand.Draw.class,
                ModelCommand.ImportNcps.class, ModelCommand.ExportNcps.class, ModelExportCCommand.class, ModelExportOnnxCommand.class,
                ModelCommand.CalibrateOod.class})
public final class ModelCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Constructor JSON files are a few hundred bytes; this bounds what a wrong path can make us read. */
    private static final long MAX_JSON_BYTES = 1 << 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path existing(Path p, String what) {
        if (!Files.isRegularFile(p)) throw new BadInputException("no such " + what + ": " + p);
        return p;
    }

    /** An ncps constructor: the object itself, or a golden-style file holding it under "constructor". */
    static ModelConfig readConfig(Path file) throws IOException {
        existing(file, "constructor file");
        if (Files.size(file) > MAX_JSON_BYTES) throw new BadInputException(file + ": too large for a constructor JSON");
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException(file + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (n != null && n.has("constructor") && !n.has("cls")) n = n.get("constructor");
        try {
            return ModelConfig.fromNcps(n);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
    }

    /** A liquidpilot model file, or with {@code config} a bare ncps state dict (extra tensors such as io.* ignored). */
    static LiquidModel loadModel(Path file, Path config) throws IOException {
        existing(file, "model file");
        if (config == null) return LiquidModel.load(file);
        ModelConfig cfg = readConfig(config);
        SafeTensors.Contents c = SafeTensors.read(file);
        try {
            return LiquidModel.fromNcps(cfg, c.tensors());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Runs a model over a batch of sequences: reads io.x (B,T,F) and, unless --no-timespans, "
                    + "io.timespans (B,T) when present, and an initial state io.hx (B,N) when present (else zeros); "
                    + "writes out (B,T,M) and hn (B,N) (and cn with mixed memory), F32, or F64 when the model is F64."})
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--model", required = true, paramLabel = "FILE", description = "liquidpilot model file, or an ncps state dict with --config")
        Path model;
        @Option(names = "--config", paramLabel = "NCPS_CONSTRUCTOR.json", description = "ncps constructor (the 'constructor' object of the golden .json files) for a bare state dict")
        Path config;
        @Option(names = "--input", required = true, paramLabel = "IN.safetensors")
        Path input;
        @Option(names = "--no-timespans", description = "ignore io.timespans (every step is 1.0 s, as ncps without timespans)")
        boolean noTimespans;
        @Option(names = "--out", required = true, paramLabel = "OUT.safetensors")
        Path out;

        @Override
        public Integer call() throws Exception {
            LiquidModel m = loadModel(model, config);
            SafeTensors.Contents in = SafeTensors.read(existing(input, "input file"));
            Tensor x = in.tensors().get("io.x");
            if (x == null) throw new BadInputException(input + ": no tensor 'io.x' (B,T,F)");
            Tensor ts = noTimespans ? null : in.tensors().get("io.timespans");
            Tensor hx = in.tensors().get("io.hx");
            Map<String, Tensor> result;
            try {
                result = m.run(x, ts, hx);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(input + ": " + e.getMessage());
            }
            SafeTensors.write(out, result, Map.of());
            PrintWriter o = spec.commandLine().getOut();
            o.printf("%s: out %s, hn %s (%s%s)%n", out, Arrays.toString(result.get("out").shape()),
                    Arrays.toString(result.get("hn").shape()), m.dtype(), ts == null ? ", dt = 1" : ", with timespans");
            o.flush();
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Prints the cell, its constructor, the neurons by role, synapse counts and parameter counts.")
    static final class Info implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--model", required = true, paramLabel = "FILE")
        Path model;
        @Option(names = "--config", paramLabel = "NCPS_CONSTRUCTOR.json", description = "for a bare ncps state dict")
        Path config;

        @Override
        public Integer call() throws Exception {
            LiquidModel m = loadModel(model, config);
            PrintWriter o = spec.commandLine().getOut();
            o.println("model:       " + model);
            o.println("cell:        " + m.config().cellType() + " " + m.config().toJson());
            o.println("dtype:       " + m.dtype());
            o.println("inputs:      " + m.inputSize());
            o.println("front end:   " + (m.frontEnd() == null ? "fixed (the features feed the cell as they are)"
                    : m.frontEnd().describe() + ", then the cell's " + m.config().inputSize() + " inputs"));
            o.println("state:       " + m.stateSize() + (m.config().mixedMemory() ? " (+" + m.stateSize() + " LSTM cell state)" : ""));
            o.println("outputs:     " + m.outputSize());
            Wiring w = m.wiring();
            if (w != null) {
                o.println("wiring:      " + w.kind() + (w.spec() == null ? "" : " " + JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(w.spec().constructorArgs())));
                o.println("neurons:");
                o.println("  sensory:   " + w.inputDim());
                for (NeuronRole r : List.of(NeuronRole.INTER, NeuronRole.COMMAND, NeuronRole.MOTOR)) {
                    int[] ids = w.neurons(r);
                    if (ids.length > 0) o.printf("  %-10s %d %s%n", r.name().toLowerCase() + ":", ids.length, ranges(ids));
                }
                o.printf("synapses:    %d (%d excitatory, %d inhibitory)%n", w.synapseCount(), w.excitatorySynapseCount(), w.inhibitorySynapseCount());
                o.printf("sensory synapses: %d (%d excitatory, %d inhibitory)%n", w.sensorySynapseCount(),
                        w.excitatorySensorySynapseCount(), w.inhibitorySensorySynapseCount());
                o.println("layers:      " + w.layers().stream().map(l -> String.valueOf(l.length)).toList());
            }
            o.println("parameters:  " + m.trainableParameterCount() + " trainable");
            for (Map.Entry<String, Tensor> e : m.ncpsStateDict().entrySet()) {
                boolean mask = e.getKey().endsWith("sparsity_mask");
                o.printf("  %-40s %-12s %6d%s%n", e.getKey(), Arrays.toString(e.getValue().shape()), e.getValue().data().length, mask ? " (mask, fixed)" : "");
            }
            if (m.frontEnd() != null) {
                for (Map.Entry<String, Tensor> e : m.frontEnd().tensors().entrySet()) {
                    o.printf("  %-40s %-12s %6d (learned front end)%n", e.getKey(), Arrays.toString(e.getValue().shape()), e.getValue().data().length);
                }
            }
            o.println("output scaling: scale " + Arrays.toString(m.outputScaling().scale()) + ", offset " + Arrays.toString(m.outputScaling().offset()));
            o.println("feature extractor: " + (m.featureExtractor() == null ? "none" : abbreviate(m.featureExtractor().toString())));
            o.println("failsafe:    " + failsafe(m.featureExtractor()));
            o.println("training:    " + (m.training() == null ? "none" : abbreviate(m.training().toString())));
            o.flush();
            return 0;
        }

        /** The out-of-distribution thresholds the pilot will fly this model with, and where they came from. */
        private static String failsafe(JsonNode fx) {
            if (fx == null || fx.get("ood") == null) {
                OodThresholds d = OodThresholds.defaults();
                return String.format(java.util.Locale.ROOT, "no calibrated thresholds (model calibrate-ood adds them); defaults: "
                        + "DEGRADED above rms|z| %.1f or max|z| %.1f, STOPPED above rms|z| %.1f or max|z| %.1f", d.degradeRmsZ(),
                        d.degradeMaxAbsZ(), d.stopRmsZ(), d.stopMaxAbsZ());
            }
            try {
                return OodCalibration.fromJson(fx.get("ood")).summary();
            } catch (IllegalArgumentException e) {
                return "unreadable out-of-distribution calibration: " + e.getMessage();
            }
        }

        private static String abbreviate(String s) {
            return s.length() > 200 ? s.substring(0, 200) + "…" : s;
        }

        /** {8..18} style id lists. */
        static String ranges(int[] ids) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < ids.length; ) {
                int j = i;
                while (j + 1 < ids.length && ids[j + 1] == ids[j] + 1) j++;
                if (sb.length() > 1) sb.append(", ");
                sb.append(ids[i]);
                if (j > i) sb.append("..").append(ids[j]);
                i = j + 1;
            }
            return sb.append('}').toString();
        }
    }

    @Command(name = "calibrate-ood", mixinStandardHelpOptions = true,
            description = {"Calibrates the failsafe's out-of-distribution thresholds of a model on nominal camera data and stores them in "
                    + "the model file (feature_extractor.ood), leaving every tensor byte as it was.",
                    "Each camera frame of the bags goes through the model's own front end and feature statistics; the quantiles of "
                    + "rms|z| and max|z| over those frames give the thresholds (" + OodCalibration.RULE + ").",
                    "Give data the model should fly on without complaint, such as its training bags: train does the same on its "
                    + "training frames."})
    static final class CalibrateOod implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Parameters(index = "0", paramLabel = "MODEL", description = "model file with feature statistics (as train writes it)")
        Path model;
        @Option(names = "--data", required = true, paramLabel = "BAG_OR_DIR", description = "a .bag file or a directory of bags; repeat to pool several")
        List<Path> data;
        @Option(names = "--topic", paramLabel = "TOPIC", description = "image topic (default " + BagFrames.DEFAULT_TOPIC
                + " when the bag has it, else its first image topic)")
        String topic;
        @Option(names = "--out", paramLabel = "FILE", description = "where to write the calibrated model (default: MODEL itself)")
        Path out;

        @Override
        public Integer call() throws Exception {
            existing(model, "model file");
            Path target = out != null ? out : model;
            if (!target.getFileName().toString().endsWith(".safetensors")) throw new BadInputException("--out must end in .safetensors: " + target);
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) throw new BadInputException("--out: directory " + parent + " does not exist");
            PilotModel pm;
            try {
                pm = PilotModel.load(model);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage().lines().findFirst().orElse("not a model file: " + model));
            }
            List<Path> bags = new ArrayList<>();
            for (Path d : data) {
                if (!Files.exists(d)) throw new BadInputException("--data " + d + ": no such bag file or directory");
                try {
                    bags.addAll(BagDataset.bagsOf(d));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--data " + e.getMessage());
                }
            }
            OodCalibration.Scores scores = new OodCalibration.Scores();
            String usedTopic = null;
            long skipped = 0;
            float[] raw = new float[pm.features().featureCount()];
            float[] z = new float[raw.length];
            try (PerceptionFeatures perception = new PerceptionFeatures(pm.features())) {
                for (Path bag : bags) {
                    perception.reset();
                    try (BagFrames frames = new BagFrames(bag, topic)) {
                        usedTopic = frames.topic;
                        frames.forEach(f -> {
                            perception.extract(f, raw);
                            pm.stats().zScores(raw, z);
                            scores.add(z);
                        });
                        skipped += frames.skipped;
                    }
                }
            }
            if (scores.size() < OodCalibration.MIN_FRAMES) {
                throw new BadInputException("--data: " + scores.size() + " usable camera frame" + (scores.size() == 1 ? "" : "s") + " in "
                        + bags.size() + " bag" + (bags.size() == 1 ? "" : "s") + "; calibration needs at least " + OodCalibration.MIN_FRAMES);
            }
            String names = String.join(" + ", data.stream().map(p -> {
                Path n = p.toAbsolutePath().normalize().getFileName();
                return n == null ? p.toString() : n.toString();
            }).toList());
            OodCalibration cal = scores.fit(names + " (" + bags.size() + " bag" + (bags.size() == 1 ? "" : "s") + ", " + usedTopic + ")");
            byte[] file = Files.readAllBytes(model);
            SafeTensors.Contents contents = SafeTensors.parse(file);
            ObjectNode meta = (ObjectNode) JSON.readTree(contents.metadata().get(ModelFile.METADATA_KEY));
            ((ObjectNode) meta.get("feature_extractor")).set("ood", cal.toJson());
            Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
            metadata.put(ModelFile.METADATA_KEY, meta.toString());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.write(tmp, SafeTensors.withMetadata(file, metadata));
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            PrintWriter o = spec.commandLine().getOut();
            o.println(model + ": " + cal.summary());
            if (skipped > 0) o.println("skipped " + skipped + " undecodable frame" + (skipped == 1 ? "" : "s"));
            if (scores.size() < 1000) o.println("note: " + scores.size() + " frames say little about a 99.9th percentile; more nominal data gives steadier thresholds");
            o.println("wrote " + target + " (tensors unchanged)");
            o.flush();
            return 0;
        }
    }

    @Command(name = "draw", mixinStandardHelpOptions = true,
            description = "Draws the wiring in columns sensory → inter → command → motor; green excitatory, red inhibitory synapses. "
                    + "The format follows each --out's extension (.png or .svg).")
    static final class Draw implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--model", required = true, paramLabel = "FILE")
        Path model;
        @Option(names = "--config", paramLabel = "NCPS_CONSTRUCTOR.json", description = "for a bare ncps state dict")
        Path config;
        @Option(names = "--out", required = true, arity = "1..*", paramLabel = "FILE.png|FILE.svg")
        List<Path> outs;

        @Override
        public Integer call() throws Exception {
            for (Path p : outs) {
                String n = p.getFileName().toString().toLowerCase();
                if (!n.endsWith(".png") && !n.endsWith(".svg")) throw new BadInputException("--out must end in .png or .svg: " + p);
            }
            LiquidModel m = loadModel(model, config);
            if (m.wiring() == null) throw new BadInputException(model + ": a CfC with integer units has no wiring to draw");
            WiringDrawing d = WiringDrawing.of(m.wiring(), m.config().cellType());
            for (Path p : outs) {
                if (p.getFileName().toString().toLowerCase().endsWith(".png")) d.writePng(p);
                else d.writeSvg(p);
                spec.commandLine().getOut().println("wrote " + p);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "import-ncps", mixinStandardHelpOptions = true,
            description = "Makes a liquidpilot model file from an ncps state_dict (safetensors, ncps key names) and its constructor JSON.")
    static final class ImportNcps implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--state-dict", required = true, paramLabel = "SD.safetensors")
        Path stateDict;
        @Option(names = "--config", required = true, paramLabel = "NCPS_CONSTRUCTOR.json")
        Path config;
        @Option(names = "--out", required = true, paramLabel = "MODEL.safetensors")
        Path out;

        @Override
        public Integer call() throws Exception {
            LiquidModel m = loadModel(stateDict, config);
            m.save(out);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("%s: %s, %d tensors, %d trainable parameters%n", out, m.config().cellType(), m.ncpsStateDict().size(), m.trainableParameterCount());
            o.flush();
            return 0;
        }
    }

    @Command(name = "export-ncps", mixinStandardHelpOptions = true,
            description = "Writes a model's ncps state_dict (safetensors, exactly ncps's keys and tensors) and, with --config-out, its ncps constructor JSON.")
    static final class ExportNcps implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--model", required = true, paramLabel = "FILE")
        Path model;
        @Option(names = "--out", required = true, paramLabel = "SD.safetensors")
        Path out;
        @Option(names = "--config-out", paramLabel = "NCPS_CONSTRUCTOR.json")
        Path configOut;

        @Override
        public Integer call() throws Exception {
            LiquidModel m = loadModel(model, null);
            if (m.frontEnd() != null) {
                throw new BadInputException(model + ": the model has a learned front end (front.weight, front.bias), which ncps has no place for;"
                        + " its state dict alone would take " + m.config().inputSize() + " inputs, not the " + m.inputSize() + " features the model reads");
            }
            Map<String, Tensor> sd = m.ncpsStateDict();
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("ncps_constructor", m.config().toJson().toString());
            SafeTensors.write(out, sd, meta);
            if (configOut != null) Files.writeString(configOut, JSON.writeValueAsString(m.config().toNcps()) + "\n");
            PrintWriter o = spec.commandLine().getOut();
            o.printf("%s: %d tensors%s%n", out, sd.size(), configOut == null ? "" : ", constructor in " + configOut);
            o.flush();
            return 0;
        }
    }
}
