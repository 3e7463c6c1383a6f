package org.liquidpilot.cli;

import org.liquidpilot.liquid.wiring.WiringDrawing;
import org.liquidpilot.sim.report.DemoRecorder;
import org.liquidpilot.sim.report.DemoReport;
import org.liquidpilot.launch.LaunchLoader;
import org.liquidpilot.launch.LaunchPlan;
import org.liquidpilot.launch.LaunchRunner;
import org.liquidpilot.launch.NodeRegistry;
import org.liquidpilot.sim.ros.SimLoopNode;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.wiring.NCP;
import org.liquidpilot.liquid.wiring.NeuronRole;
import org.liquidpilot.liquid.wiring.Wiring;
import org.liquidpilot.pilot.Pilot;
import org.liquidpilot.pilot.PilotModel;
import org.liquidpilot.pilot.PilotNode;
import org.liquidpilot.ros.msg.std_msgs.Float32MultiArray;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.RosNodes;
import org.liquidpilot.ros.node.SubscriberOptions;
import org.liquidpilot.sim.render.HeadlessGl;
import org.liquidpilot.sim.report.NeuronActivityPlot;
import org.liquidpilot.sim.report.RunOutputs;
import org.liquidpilot.sim.run.RunMetrics;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole system on a short forest-road course: an embedded master, launch/sim_pilot.launch run in-process",
                "(sim, pilot and driver as ROS nodes on loopback) under sun, rain, fog and wind gusts in turn.",
                "Prints a live progress line and a metrics table; writes an HTML report with trajectories, the 19 neuron",
                "traces, the wiring diagram, sample frames and an MP4. Flies models/" + DemoCommand.SHIPPED_MODEL + " when shipped;",
                "otherwise says so and lets the ground-truth expert drive while the untrained NCP runs alongside."},
        footer = {"", "Example: demo --out demo-out   (then open demo-out/index.html)"})
public final class DemoCommand implements Callable<Integer> {
    static final String SHIPPED_MODEL = "ncp19-forest-road.safetensors";
    static final String NO_MODEL = "No trained model is shipped yet: the expert drives (pure pursuit on the true centreline, "
            + "its commands relayed over ROS); the 19-neuron NCP runs untrained alongside for its neuron traces.";

    /** The perturbation sequence: a condition name for people and the shipped scenario that makes it. */
    record Condition(String name, String scenario) {}

    static final List<Condition> CONDITIONS = List.of(new Condition("sun", "nominal"), new Condition("rain", "rain"),
            new Condition("fog", "fog"), new Condition("wind gusts", "wind-gusts"));

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "demo-out", description = "output folder (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seconds", defaultValue = "10", description = "sim seconds per condition, 4..120 (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--no-video", description = "skip the MP4")
    boolean noVideo;

    @Option(names = "--window", description = "also show the sim on the display, in a window per condition (needs DISPLAY)")
    boolean window;

    @Option(names = "--model", paramLabel = "FILE", description = "a trained model to fly (default: models/" + SHIPPED_MODEL + " when it exists)")
    Path model;

    @Override
    public Integer call() throws Exception {
        if (!(seconds >= 4 && seconds <= 120)) throw new BadInputException("--seconds must be 4..120, got " + seconds);
        if (model != null && !Files.isRegularFile(model)) throw new BadInputException("--model: no file " + model);
        if (window && !HeadlessGl.displayAvailable()) {
            throw new BadInputException("--window needs a display (DISPLAY is not set); run the demo without --window, or under xvfb-run");
        }
        Path root = RepoRoot.find().toPath();
        Path launchFile = root.resolve("launch/sim_pilot.launch");
        if (!Files.isRegularFile(launchFile)) throw new IllegalStateException("missing " + launchFile);
        if (model == null && Files.isRegularFile(root.resolve("models").resolve(SHIPPED_MODEL))) {
            model = root.resolve("models").resolve(SHIPPED_MODEL);
        }
        // Shown relative to the checkout when it lies inside, so the report names no machine's paths.
        String modelName = model == null ? null : shortName(root, model);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String driver;
        String provenance = null;
        LiquidModel liquid = null;
        if (model != null) {
            PilotModel pm;
            try {
                pm = PilotModel.load(model);
                liquid = LiquidModel.load(model);
            } catch (IllegalArgumentException | IOException e) {
                throw new BadInputException(model + ": " + e.getMessage());
            }
            driver = "The trained model drives: " + modelName + " (" + pm.description() + ")";
            provenance = provenance(liquid.training());
            o.println("model: " + modelName + "\nprovenance: " + provenance);
        } else {
            driver = NO_MODEL;
        }
        // A window renders through the display's GL, so OSMesa is not needed then.
        boolean gl = window || HeadlessGl.available();
        if (!gl) driver += " No GL context (install libosmesa6): physics only, the cameras see blank frames.";
        o.println(driver);
        o.flush();

        Files.createDirectories(out);
        Path log = out.resolve("launch.log");
        Files.deleteIfExists(log);
        boolean video = !noVideo && gl;
        DemoRecorder rec = new DemoRecorder(err, CONDITIONS.size(), seconds, video ? out.resolve("demo.mp4") : null);
        List<DemoReport.Segment> segments = new ArrayList<>();
        String pilotLine = "";
        int featureCount = -1;
        long t0 = System.nanoTime();
        try (QuietInfoLogs quiet = new QuietInfoLogs()) {
            for (int i = 0; i < CONDITIONS.size(); i++) {
                Condition c = CONDITIONS.get(i);
                SegmentResult r = runSegment(i, c, launchFile, gl, rec, log);
                if (r.failure() != null) {
                    rec.endProgress();
                    err.println("demo failed in " + c.name() + ": " + r.failure() + " (see " + log + ")");
                    err.flush();
                    return 1;
                }
                segments.add(r.segment());
                pilotLine = r.pilotLine();
                if (r.featureCount() > 0) featureCount = r.featureCount();
            }
        } finally {
            rec.endProgress();
            rec.closeVideo();
        }
        double wall = (System.nanoTime() - t0) / 1e9;

        Wiring wiring = liquid != null ? liquid.wiring() : featureCount > 0 ? NCP.paper19().build(featureCount) : null;
        String wiringPng = null;
        if (wiring != null) {
            WiringDrawing.of(wiring, liquid != null ? liquid.config().cellType() : "ltc").writePng(out.resolve("wiring.png"));
            wiringPng = "wiring.png";
        }
        String neuronsPng = null;
        double[] t = rec.times();
        if (t.length > 0) {
            float[][] v = rec.values();
            String[] labels = neuronLabels(v[0].length, wiring);
            String[] groups = Stream.of(labels).map(l -> l.contains(" ") ? l.substring(l.indexOf(' ') + 1) : "").toArray(String[]::new);
            NeuronActivityPlot.write(new NeuronActivityPlot.Data(t, rec.segments(), v, labels, groups, rec.boundaries(),
                    CONDITIONS.stream().map(Condition::name).toList(), seconds * CONDITIONS.size(), new double[0]),
                    (liquid != null ? "trained" : "untrained") + " NCP neuron states on /pilot/neurons", out.resolve("neurons.png"));
            neuronsPng = "neurons.png";
        }
        String modelLine = model == null ? "none shipped" : modelName + "; training: " + provenance;
        DemoReport.Run run = new DemoReport.Run(driver, pilotLine, modelLine, segments,
                neuronsPng, wiringPng, video && rec.wroteVideo() ? "demo.mp4" : null, seconds, wall);
        DemoReport.writeJson(run, out.resolve("metrics.json"));
        DemoReport.writeHtml(run, out.resolve("index.html"));
        DemoReport.printTable(run, o);
        o.println("wrote " + out.resolve("index.html"));
        o.flush();
        return 0;
    }

    private record SegmentResult(DemoReport.Segment segment, String pilotLine, int featureCount, String failure) {
        static SegmentResult failed(String why) {
            return new SegmentResult(null, null, -1, why);
        }
    }

    private SegmentResult runSegment(int index, Condition c, Path launchFile, boolean gl, DemoRecorder rec, Path logFile)
            throws Exception {
        var tree = Scenarios.resolveTree(c.scenario());
        Scenarios.override(tree, "episodes", "1");
        Scenarios.override(tree, "duration_s", String.valueOf(seconds));
        Scenario sc = Scenarios.toScenario(tree);
        String dirName = String.format("%d-%s", index + 1, c.scenario());
        Path dir = out.resolve(dirName);
        RunOutputs outputs = new RunOutputs(sc, dir, false);
        var stepListener = rec.segment(index, c.name());
        NodeRegistry registry = NodeRegistry.standard().register("liquidpilot", "sim_loop_node", () -> {
            SimLoopNode sim = new SimLoopNode();
            sim.addListener(stepListener);
            sim.addListener(outputs);
            return sim;
        });
        Map<String, String> args = new HashMap<>();
        args.put("scenario", c.scenario());
        args.put("episodes", "1");
        args.put("duration_s", String.valueOf(seconds));
        args.put("render", gl ? "gl" : "blank");
        args.put("window", String.valueOf(window));
        args.put("speed", String.valueOf(sc.speedMps()));
        args.put("driver", model != null ? "pilot" : "expert");
        args.put("model", model != null ? model.toAbsolutePath().toString() : "");
        LaunchPlan plan = LaunchLoader.load(launchFile, args);
        try (PrintStream log = new PrintStream(Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
             LaunchRunner runner = new LaunchRunner(plan, registry, log)) {
            log.println("=== " + c.name() + " (" + c.scenario() + ")");
            try {
                runner.start(URI.create("http://127.0.0.1:0/"));
            } catch (IOException | RuntimeException e) {
                rec.probeReady();
                throw e;
            }
            String why;
            try (ConnectedNode probe = RosNodes.start(NodeConfiguration.forMaster(runner.masterUri(), "demo_probe"))) {
                var neurons = probe.newSubscriber("/pilot/neurons", Float32MultiArray.CODEC,
                        SubscriberOptions.DEFAULT.withQueueSize(1000));
                neurons.addMessageListener(m -> rec.onNeurons(m.data()));
                probe.newSubscriber("/pilot/status", StringMessage.CODEC).addMessageListener(m -> rec.onStatus(m.data()));
                long connectBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (neurons.getNumberOfPublishers() == 0 && System.nanoTime() < connectBy) Thread.sleep(10);
                rec.probeReady();
                why = runner.awaitEnd(Math.round(60 + 20 * seconds), TimeUnit.SECONDS);
            }
            if (why == null) return SegmentResult.failed("the episode did not finish in " + Math.round(60 + 20 * seconds) + " s");
            SimLoopNode sim = (SimLoopNode) runner.main("/sim");
            if (sim == null) return SegmentResult.failed("no sim node ran");
            if (sim.failure() != null) return SegmentResult.failed(sim.failure());
            RunMetrics m = sim.metrics();
            if (m == null || m.episodes().isEmpty()) return SegmentResult.failed("the sim ended without metrics (" + why + ")");
            String pilotLine = "";
            int features = -1;
            if (runner.main("/pilot") instanceof PilotNode p) {
                pilotLine = p.describe();
                Pilot running = p.pilot();
                if (running != null) features = running.featureCount();
            }
            String trajectory = dirName + "/episode-000-trajectory.png";
            List<String> frames;
            try (Stream<Path> files = Files.list(dir)) {
                frames = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("episode-000-frame-") && n.endsWith(".png"))
                        .sorted().map(n -> dirName + "/" + n).toList();
            }
            var seg = new DemoReport.Segment(c.name(), c.scenario(), m, sim.commandTimeouts(),
                    Files.isRegularFile(out.resolve(trajectory)) ? trajectory : null, frames);
            return new SegmentResult(seg, pilotLine, features, null);
        }
    }

    private static String shortName(Path root, Path file) {
        Path abs = file.toAbsolutePath().normalize(), r = root.toAbsolutePath().normalize();
        return abs.startsWith(r) ? r.relativize(abs).toString() : abs.toString();
    }

    /** The training record without its per-epoch history: what data, how long, how well. */
    static String provenance(com.fasterxml.jackson.databind.JsonNode training) {
        if (training == null || !training.isObject()) return "none recorded in the model file";
        StringBuilder b = new StringBuilder();
        training.fields().forEachRemaining(f -> {
            if (f.getKey().equals("history") || f.getValue().isContainerNode()) return;
            if (b.length() > 0) b.append(", ");
            b.append(f.getKey()).append('=').append(f.getValue().asText());
        });
        return b.toString();
    }

    /**
     * The nodes log INFO lines through java.util.logging to stderr, which would tear the progress line apart; during
     * the run only warnings and errors get through.
     */
    private static final class QuietInfoLogs implements AutoCloseable {
        private final Logger[] loggers = {Logger.getLogger("ros"), Logger.getLogger("org.liquidpilot")};
        private final Level[] before = new Level[loggers.length];

        QuietInfoLogs() {
            for (int i = 0; i < loggers.length; i++) {
                before[i] = loggers[i].getLevel();
                loggers[i].setLevel(Level.WARNING);
            }
        }

        @Override
        public void close() {
            for (int i = 0; i < loggers.length; i++) loggers[i].setLevel(before[i]);
        }
    }

    /** "3 command" style labels from the wiring's roles, or plain indices when the wiring does not match. */
    private static String[] neuronLabels(int n, Wiring w) {
        String[] labels = new String[n];
        for (int k = 0; k < n; k++) {
            String role = "";
            if (w != null && w.units() == n) {
                NeuronRole r = w.role(k);
                role = " " + r.name().toLowerCase(java.util.Locale.ROOT);
            }
            labels[k] = "n" + k + role;
        }
        return labels;
    }
}
