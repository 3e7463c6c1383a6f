package org.liquidpilot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.pilot.dataset.BagDataset;
import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.liquid.LinearFrontEnd;
import org.liquidpilot.train.FrontEndModel;
import org.liquidpilot.pilot.CommandAxis;
import org.liquidpilot.pilot.dataset.BagDatasetConfig;
import org.liquidpilot.train.Checkpoints;
import org.liquidpilot.train.LossCurvePlot;
import org.liquidpilot.train.Loss;
import org.liquidpilot.train.LrSchedule;
import org.liquidpilot.train.ModelTypes;
import org.liquidpilot.train.SafetensorsSequenceDirectory;
import org.liquidpilot.train.SequenceDataset;
import org.liquidpilot.train.TrainConfig;
import org.liquidpilot.train.TrainState;
import org.liquidpilot.train.TrainableModel;
import org.liquidpilot.train.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code liquidpilot train}: fits a policy to sequence data and writes a model file, a loss curve and checkpoints. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains an LTC/CfC Neural Circuit Policy or a baseline (LSTM, GRU, CT-RNN, MLP) on sequences by backpropagation through time.",
                "--data is a directory of safetensors files, one sequence each: x (T,F), y (T,M) and optional dt (T);",
                "or a .bag file or a directory of bags (repeat --data to pool several): camera frames through the perception front end, the command topic's --outputs (yaw rate by default) as the targets,",
                "image stamps as timespans (features are cached beside each bag; the model file keeps the front end, its statistics",
                "and the failsafe's out-of-distribution thresholds calibrated on the training frames).",
                "Writes the model file (--out), a loss curve PNG beside it (<out>.loss.png) and, with --checkpoint-every, a checkpoint (<out>.ckpt)."})
public final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR_OR_BAGS",
            description = "directory of safetensors sequence files, a .bag or .mcap file or a directory of them; repeat to pool several bag sources (e.g. --data demos --data dagger1)")
    List<Path> dataSources;

    @Option(names = "--feature-cache", paramLabel = "DIR", description = "with bags: keep extracted features here instead of beside each bag")
    Path featureCache;

    @Option(names = "--model-type", required = true, paramLabel = "TYPE", description = {"ltc-ncp19 / cfc-ncp19: 19-neuron AutoNCP(19, outputs); ltc-ncp12-6-1 / cfc-ncp12-6-1: the NCP paper's",
            "NCP(12, 6, 1, 6, 4, 6, 6) (12 inter, 6 command, 1 motor neuron); baselines lstm64, gru64, ctrnn64 (64 units) or mlp"})
    String modelType;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "model file to write (.safetensors)")
    Path out;

    @Option(names = "--epochs", defaultValue = "30", description = "maximum epochs (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seq-len", defaultValue = "32", paramLabel = "T", description = "window length in steps (default ${DEFAULT-VALUE})")
    int seqLen;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "B", description = "windows per batch (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "seed for initialisation, split and shuffling (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--lr", defaultValue = "0.01", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--lr-schedule", defaultValue = "constant", paramLabel = "SPEC", description = "constant, cosine or step:EPOCHS:GAMMA (default ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--clip", defaultValue = "1.0", description = "clip the gradient norm to this (0: off; default ${DEFAULT-VALUE})")
    double clip;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay as in torch Adam (default ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--adamw", description = "decoupled weight decay (AdamW) instead of L2")
    boolean adamW;

    @Option(names = "--loss", defaultValue = "mse", description = "mse or weighted-mse (weight exp(|y|·alpha), for steering; default ${DEFAULT-VALUE})")
    String lossName;

    @Option(names = "--alpha", defaultValue = "1.0", description = "alpha of weighted-mse (default ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--bptt", defaultValue = "0", paramLabel = "K", description = "truncate backpropagation to K steps (0: whole window)")
    int bptt;

    @Option(names = "--val-fraction", defaultValue = "0.2", description = "share of windows held out for validation (default ${DEFAULT-VALUE})")
    double valFraction;

    @Option(names = "--patience", defaultValue = "0", description = "stop after this many epochs without a better validation loss (0: off)")
    int patience;

    @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "N", description = "write <out>.ckpt every N epochs (0: off)")
    int checkpointEvery;

    @Option(names = "--resume", description = "continue from <out>.ckpt (same data and settings)")
    boolean resume;

    @Option(names = "--threads", description = "worker threads (default: up to 2)")
    Integer threads;

    @Option(names = "--cfc-mode", defaultValue = "default", description = "CfC mode: default, pure or no_gate")
    String cfcMode;

    @Option(names = "--ltc-clamp", description = "train LTC with ncps's ReLU clamp (apply_weight_constraints) instead of softplus")
    boolean ltcClamp;

    @Option(names = "--mixed-memory", description = "ncps's mixed memory: an LSTM cell in front of the LTC/CfC cell")
    boolean mixedMemory;

    @Option(names = "--wiring-seed", defaultValue = "22222", description = "AutoNCP wiring seed (default: ncps's ${DEFAULT-VALUE})")
    long wiringSeed;

    @Option(names = "--outputs", defaultValue = "yaw_rate", paramLabel = "LIST",
            description = {"with bags: the command values to learn, in order: yaw_rate (a car, default) or forward,left,up,yaw_rate",
                    "(a drone); the model file names them so the pilot maps each output to its axis"})
    String outputs;

    @Option(names = "--features", defaultValue = "default", paramLabel = "NAME",
            description = {"with bags: the perception front end to train on: default (32 grey road/trail features, the car's) or",
                    "drone (those plus the colour-target block, 43 features: where a red target is in the frame) or night-robust",
                    "(the default's 32, dark frames divided by the car lamps' light pattern first: for lamp-lit nights)"})
    String features;

    @Option(names = "--front-end", defaultValue = "fixed", paramLabel = "KIND",
            description = {"fixed (default): the hand-crafted features feed the model as they are; learned: a linear layer W·x+b,",
                    "trained with the model, compresses --front-inputs features (the same pipeline with more DCT coefficients)",
                    "to the model's --front-outputs inputs (saved as front.weight and front.bias)"})
    String frontEnd;

    @Option(names = "--front-inputs", paramLabel = "N",
            description = "with --front-end learned: features extracted per frame (default 128 from bags; a sequence directory's own width)")
    Integer frontInputs;

    @Option(names = "--front-outputs", paramLabel = "K", description = "with --front-end learned: the model's inputs, 1..N (default 32)")
    Integer frontOutputs;

    @Option(names = "--command-topic", defaultValue = "/cmd_vel", paramLabel = "TOPIC",
            description = "with bags: the command topic (geometry_msgs/Twist, TwistStamped or mavros_msgs/PositionTarget; default ${DEFAULT-VALUE})")
    String commandTopic;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        if (!ModelTypes.NAMES.contains(modelType)) {
            throw new BadInputException("unknown --model-type '" + modelType + "' (one of " + String.join(", ", ModelTypes.NAMES) + ")");
        }
        if (!lossName.equals("mse") && !lossName.equals("weighted-mse")) throw new BadInputException("--loss must be mse or weighted-mse, got '" + lossName + "'");
        if (!out.getFileName().toString().endsWith(".safetensors")) throw new BadInputException("--out must end in .safetensors");
        if (out.toAbsolutePath().getParent() != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw new BadInputException("--out: directory " + out.toAbsolutePath().getParent() + " does not exist");
        }
        if (checkpointEvery < 0) throw new BadInputException("--checkpoint-every must be ≥ 0");
        boolean learnedFront = checkFrontEnd();
        int nThreads = threads != null ? threads : Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        Loss loss = lossName.equals("mse") ? Loss.mse() : Loss.weightedMse(alpha);
        TrainConfig cfg = new TrainConfig(epochs, batch, seqLen, bptt, seed, LrSchedule.parse(schedule, lr, epochs), clip, weightDecay, adamW,
                loss, valFraction, patience, nThreads);
        SequenceDataset dataset = loadData();
        TrainableModel model;
        if (learnedFront) {
            int k = frontOutputs != null ? frontOutputs : DEFAULT_FRONT_OUTPUTS;
            if (k > dataset.features()) {
                throw new BadInputException("--front-outputs " + k + " is more than the " + dataset.features() + " features the front end compresses");
            }
            if (frontInputs != null && frontInputs != dataset.features()) {
                throw new BadInputException("--front-inputs " + frontInputs + " but the data has " + dataset.features() + " features per step");
            }
            model = FrontEndModel.initialised(ModelTypes.create(modelType, k, dataset.outputs(), seed, wiringSeed, cfcMode, ltcClamp, false),
                    dataset.features(), seed);
        } else {
            model = ModelTypes.create(modelType, dataset.features(), dataset.outputs(), seed, wiringSeed, cfcMode, ltcClamp, mixedMemory);
        }
        Path ckpt = out.resolveSibling(out.getFileName() + ".ckpt");
        String fingerprint = String.format(Locale.ROOT, "%s%s in=%d out=%d params=%d seed=%d batch=%d seq=%d bptt=%d lr=%s schedule=%s loss=%s val=%s",
                modelType, learnedFront ? " front=linear:" + model.inputSize() + "->" + ((FrontEndModel) model).core().inputSize() : "",
                dataset.features(), dataset.outputs(), model.parameterCount(), seed, batch, seqLen, bptt, lr, schedule, loss.describe(), valFraction);
        TrainState start = null;
        if (resume) {
            if (!Files.isRegularFile(ckpt)) throw new BadInputException("--resume: no checkpoint " + ckpt);
            start = Checkpoints.load(ckpt, fingerprint);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintStream err = new PrintStream(new WriterStream(spec.commandLine().getErr()), true, StandardCharsets.UTF_8);
        stdout.printf(Locale.ROOT, "training %s (%d parameters) on %s: %d features -> %s%d outputs%n", modelType, model.parameterCount(),
                dataset.describe(), dataset.features(),
                model instanceof FrontEndModel fm ? "learned linear front end -> " + fm.core().inputSize() + " inputs -> " : "", dataset.outputs());
        stdout.flush();
        Trainer.Result res;
        try (TrainProgressBar progress = new TrainProgressBar(err, quiet, start == null ? 0 : start.epochsDone)) {
            Trainer.Listener listener = new Trainer.Listener() {
                @Override
                public void started(int e, int b, int tw, int vw) {
                    progress.started(e, b, tw, vw);
                }

                @Override
                public void batchDone(int epoch, int b, double l) {
                    progress.batchDone(epoch, b, l);
                }

                @Override
                public void epochDone(TrainState.Epoch e, boolean best) {
                    progress.epochDone(e, best);
                }

                @Override
                public void afterEpoch(TrainState s) {
                    if (checkpointEvery > 0 && s.epochsDone % checkpointEvery == 0) {
                        try {
                            Checkpoints.save(ckpt, s, fingerprint);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
            };
            res = Trainer.fit(model, dataset, cfg, listener, start);
        }
        TrainState st = res.state();
        if (dataset instanceof BagDataset bags) bags.saveModel(out, model, provenance(dataset, cfg, model, res));
        else TrainableModel.save(out, model, provenance(dataset, cfg, model, res));
        Path png = out.resolveSibling(stem(out) + ".loss.png");
        if (!st.history.isEmpty()) LossCurvePlot.write(png, st.history, modelType + " on "
                + String.join(" + ", dataSources.stream().map(p -> String.valueOf(p.getFileName())).toList()));
        stdout.printf(Locale.ROOT, "%d epochs%s, %d train / %d validation windows; best validation loss %.6g at epoch %d%n",
                st.history.size(), res.stoppedEarly() ? " (stopped early)" : "", res.trainWindows(), res.valWindows(), res.finalValLoss(), st.bestEpoch + 1);
        if (dataset instanceof BagDataset bags) {
            stdout.println(bags.oodCalibration() == null
                    ? "failsafe: too few frames to calibrate out-of-distribution thresholds; the model flies with the defaults"
                    : "failsafe calibrated on the training frames: " + bags.oodCalibration().summary());
        }
        stdout.printf("wrote %s and %s%n", out, png);
        stdout.flush();
        return 0;
    }

    /** One source as before; several must all be bag data, pooled one sequence per bag. */
    private SequenceDataset loadData() throws IOException {
        if (dataSources.size() > MAX_DATA_SOURCES) throw new BadInputException("--data: at most " + MAX_DATA_SOURCES + " sources");
        if (dataSources.size() == 1) {
            Path data = dataSources.get(0);
            return BagDataset.isBagData(data)
                    ? BagDataset.load(data, bagConfig())
                    : SafetensorsSequenceDirectory.load(data);
        }
        for (Path p : dataSources) {
            if (!BagDataset.isBagData(p)) {
                throw new BadInputException("--data " + p + ": several --data sources must each be a .bag or .mcap file or a directory of them");
            }
        }
        return BagDataset.load(dataSources, bagConfig());
    }

    private BagDatasetConfig bagConfig() {
        List<CommandAxis> axes;
        try {
            axes = CommandAxis.parseList(outputs);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--outputs " + outputs + ": " + e.getMessage());
        }
        FeatureConfig fc = baseFeatures();
        if (frontEnd.equals("learned")) fc = learnedFrontFeatures(fc, frontInputs != null ? frontInputs : DEFAULT_FRONT_INPUTS);
        BagDatasetConfig d = BagDatasetConfig.defaults();
        return new BagDatasetConfig(d.imageTopic(), commandTopic, fc, featureCache, d.maxPairGapS(), axes);
    }

    static final int MAX_DATA_SOURCES = 1_000;

    private FeatureConfig baseFeatures() {
        try {
            return FeatureConfig.named(features);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--features: " + e.getMessage());
        }
    }
    static final int DEFAULT_FRONT_INPUTS = 128, DEFAULT_FRONT_OUTPUTS = 32;

    /** Checks the front-end options; true for the learned front end. */
    private boolean checkFrontEnd() {
        if (!frontEnd.equals("fixed") && !frontEnd.equals("learned")) throw new BadInputException("--front-end must be fixed or learned, not '" + frontEnd + "'");
        boolean learned = frontEnd.equals("learned");
        if (!learned && (frontInputs != null || frontOutputs != null)) {
            throw new BadInputException((frontInputs != null ? "--front-inputs" : "--front-outputs") + " needs --front-end learned");
        }
        if (!learned) return false;
        if (mixedMemory) throw new BadInputException("--front-end learned cannot train through --mixed-memory's LSTM; leave one of them out");
        int max = LinearFrontEnd.MAX_WIDTH;
        if (frontInputs != null && (frontInputs < 1 || frontInputs > max)) throw new BadInputException("--front-inputs must be in 1.." + max + ", got " + frontInputs);
        if (frontOutputs != null && (frontOutputs < 1 || frontOutputs > max)) throw new BadInputException("--front-outputs must be in 1.." + max + ", got " + frontOutputs);
        if (frontInputs != null && frontOutputs != null && frontOutputs > frontInputs) {
            throw new BadInputException("--front-outputs " + frontOutputs + " must not exceed --front-inputs " + frontInputs + " (the layer compresses)");
        }
        if (frontInputs != null && bagData()) learnedFrontFeatures(baseFeatures(), frontInputs);
        return true;
    }

    /** Whether the first --data source is bags, whose features the front end's pipeline extracts (else its width is the data's). */
    private boolean bagData() {
        try {
            return !dataSources.isEmpty() && BagDataset.isBagData(dataSources.get(0));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The feature pipeline of {@code base} grown to {@code n} features by more DCT coefficients (the colour-target
     * block, when on, kept at the end): what the learned front end compresses and the pilot then extracts.
     */
    static FeatureConfig learnedFrontFeatures(FeatureConfig base, int n) {
        if (base.lampMap() != null) throw new BadInputException("--front-end learned builds on the default or drone features; night-robust is not supported with it yet");
        int fixed = base.descriptorCount() - base.dctCoefficients();
        if (n < fixed) throw new BadInputException("--front-inputs must be at least " + fixed + " (the pipeline's features besides the DCT), got " + n);
        try {
            return FeatureConfig.withFeatureCount(n - base.targetFeatures()).withTargetBins(base.targetBins());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--front-inputs " + n + ": " + e.getMessage());
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".safetensors") ? n.substring(0, n.length() - ".safetensors".length()) : n;
    }

    private ObjectNode provenance(SequenceDataset dataset, TrainConfig cfg, TrainableModel model, Trainer.Result res) {
        ObjectNode t = new ObjectMapper().createObjectNode();
        t.put("data", dataset.describe());
        t.put("model_type", modelType);
        t.put("front_end", model instanceof FrontEndModel fm ? "learned linear " + fm.inputSize() + " -> " + fm.core().inputSize() : "fixed");
        t.put("parameters", model.parameterCount());
        t.put("seed", seed);
        t.put("epochs", res.state().history.size());
        t.put("max_epochs", epochs);
        t.put("stopped_early", res.stoppedEarly());
        t.put("batch", batch);
        t.put("seq_len", seqLen);
        t.put("bptt", bptt);
        t.put("optimizer", adamW ? "AdamW" : "Adam");
        t.put("lr", lr);
        t.put("lr_schedule", schedule);
        t.put("clip_norm", clip);
        t.put("weight_decay", weightDecay);
        t.put("loss", cfg.loss().describe());
        t.put("val_fraction", valFraction);
        t.put("train_windows", res.trainWindows());
        t.put("val_windows", res.valWindows());
        t.put("best_epoch", res.state().bestEpoch + 1);
        t.put("validation_loss", res.finalValLoss());
        ArrayNode h = t.putArray("history");
        for (TrainState.Epoch e : res.state().history) h.addObject().put("epoch", e.epoch() + 1).put("train_loss", e.trainLoss()).put("val_loss", e.valLoss()).put("lr", e.lr());
        return t;
    }

    /** Lets the progress bar (which wants a PrintStream) write to picocli's err writer. */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter w;

        WriterStream(PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            w.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            w.write(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            w.flush();
        }
    }
}
