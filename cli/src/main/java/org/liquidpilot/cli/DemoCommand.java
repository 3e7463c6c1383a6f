package org.liquidpilot.cli;

import org.liquidpilot.liquid.wiring.WiringDrawing;
import org.liquidpilot.sim.report.DemoRecorder;
import org.liquidpilot.sim.report.DemoReport;
import org.liquidpilot.launch.LaunchLoader;
import org.liquidpilot.launch.LaunchPlan;
import org.liquidpilot.launch.LaunchRunner;
import org.liquidpilot.launch.NodeStarter;
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
import org.liquidpilot.ros2.dds.DdsSettings;
import org.liquidpilot.ros2.node.Ros2Node;
import org.liquidpilot.ros.node.SubscriberOptions;
import org.liquidpilot.sim.render.HeadlessGl;
import org.liquidpilot.sim.report.NeuronActivityPlot;
import org.liquidpilot.sim.report.RunOutputs;
import org.liquidpilot.sim.report.SweepCondition;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole system, car and drone: an embedded master and launch/sim_pilot.launch run in-process (sim, "
                + "pilot and driver as ROS nodes on loopback), one condition after another.",
                "Car (vehicle:=car, lock-step): a short forest-road course under sun, rain, fog and wind gusts.",
                "Drone (vehicle:=quad scenario:=drone-target, in real time over the mavros topics: setpoints on "
                        + "mavros/setpoint_raw/local, the simulated flight controller on mavros/state, set_mode and cmd/arming): "
                        + "to a red marker 10-40 m away in summer, autumn, winter and gusts; each flight ends at the marker, "
                        + "on a collision or after --seconds.",
                "Prints a live progress line and a metrics table (the drone's rows: success, final distance and time to the "
                        + "target); writes one HTML report with trajectories, each vehicle's neuron traces and wiring diagram, "
                        + "sample frames and one MP4 of every condition.",
                "What flies: models/" + DemoCommand.SHIPPED_MODEL + " (car) and models/" + DemoCommand.SHIPPED_DRONE_MODEL
                        + " (drone) when shipped, or --model / --drone-model. Without one the demo says so, the ground-truth "
                        + "expert drives (pure pursuit for the car, the target expert for the drone) "
                        + "and the untrained NCP runs alongside for its neuron traces; random weights never fly."},
        footer = {"", "Example: demo --out demo-out   (then open demo-out/index.html)",
                "         demo --vehicle quad --seconds 10",
                "         demo --ros2   (car and drone over ROS 2: Fast-DDS on loopback instead of TCPROS, mavros services included)"})
public final class DemoCommand implements Callable<Integer> {
    static final String SHIPPED_MODEL = "ncp19-forest-road.safetensors";
    /** The drone's model once one ships (fly-to-target, four command outputs); until then the target expert flies. */
    static final String SHIPPED_DRONE_MODEL = "ncp19-forest-drone.safetensors";
    static final String NO_MODEL = "No trained model is shipped yet: the expert drives (pure pursuit on the true centreline, "
            + "its commands relayed over ROS); the 19-neuron NCP runs untrained alongside for its neuron traces.";
    static final String NO_DRONE_MODEL = "No trained drone model is shipped yet: the target expert flies the drone (it knows where "
            + "the marker and the trees are; the sim applies its commands); the 19-neuron NCP runs untrained alongside for its "
            + "neuron traces, its setpoints reaching the simulated flight controller over mavros topics without flying it.";
    static final List<String> VEHICLES = List.of("car", "quad", "both");

    /**
     * One segment of the demo: a condition name for people, the shipped scenario, and for the drone the
     * {@code sim sweep} condition cell applied to it ({@code condition:=} of sim_pilot.launch; empty for none).
     */
    record Condition(String vehicle, String name, String scenario, String cell) {
        /** The segment's output folder name, e.g. {@code 1-car-sun}, {@code 8-quad-gusts}. */
        String dirName(int index) {
            return String.format("%d-%s-%s", index + 1, vehicle, name.replace(' ', '-'));
        }
    }

    /** The car's perturbation sequence on the forest road. */
    static final List<Condition> CONDITIONS = List.of(new Condition("car", "sun", "nominal", ""),
            new Condition("car", "rain", "rain", ""), new Condition("car", "fog", "fog", ""),
            new Condition("car", "wind gusts", "wind-gusts", ""));

    /**
     * The drone's sequence, from the drone condition set (the paper's: trained in summer, tested in other seasons):
     * the same target in summer, autumn, winter and moderate wind with Dryden gusts across the initial heading.
     */
    static final List<Condition> DRONE_CONDITIONS = List.of(new Condition("quad", "summer", "drone-target", ""),
            new Condition("quad", "autumn", "drone-target", "autumn"), new Condition("quad", "winter", "drone-target", "winter"),
            new Condition("quad", "gusts", "drone-target", "wind-moderate"));

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "demo-out", description = "output folder (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--vehicle", defaultValue = "both", paramLabel = "car|quad|both",
            description = "which vehicles: car (forest road), quad (drone to a target) or both, car first (default ${DEFAULT-VALUE})")
    String vehicle;

    @Option(names = "--seconds", defaultValue = "10",
            description = "sim seconds per condition, 4..120; a drone condition ends earlier at its target (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--no-video", description = "skip the MP4")
    boolean noVideo;

    @Option(names = "--ros2", description = {"run the closed loop over ROS 2 (Fast-DDS on loopback, ROS_DOMAIN_ID) instead of TCPROS;",
            "the drone's mavros set_mode and cmd/arming calls go over DDS as ROS 2 services"})
    boolean ros2;

    @Option(names = "--window", description = "also show the sim on the display, in a window per condition (needs DISPLAY)")
    boolean window;

    @Option(names = "--model", paramLabel = "FILE", description = "a trained car model to drive (default: models/" + SHIPPED_MODEL + " when it exists)")
    Path model;

    @Option(names = "--drone-model", paramLabel = "FILE",
            description = "a trained drone model (outputs forward, left, up, yaw_rate) to fly (default: models/" + SHIPPED_DRONE_MODEL + " when it exists)")
    Path droneModel;

    /** What flies one vehicle: the model file (null: the expert) and the sentences that say so. */
    private record Flyer(String vehicle, Path model, String modelName, LiquidModel liquid, String driver, String provenance) {}

    @Override
    public Integer call() throws Exception {
        if (!VEHICLES.contains(vehicle)) throw new BadInputException("--vehicle must be car, quad or both, got '" + vehicle + "'");
        boolean car = !vehicle.equals("quad"), quad = !vehicle.equals("car");
        if (!(seconds >= 4 && seconds <= 120)) throw new BadInputException("--seconds must be 4..120, got " + seconds);
        if (model != null && !car) throw new BadInputException("--model is the car's model; the drone's is --drone-model");
        if (droneModel != null && !quad) throw new BadInputException("--drone-model needs --vehicle quad or both");
        if (model != null && !Files.isRegularFile(model)) throw new BadInputException("--model: no file " + model);
        if (droneModel != null && !Files.isRegularFile(droneModel)) throw new BadInputException("--drone-model: no file " + droneModel);
        if (window && !HeadlessGl.displayAvailable()) {
            throw new BadInputException("--window needs a display (DISPLAY is not set); run the demo without --window, or under xvfb-run");
        }
        Path root = RepoRoot.find().toPath();
        Path launchFile = root.resolve("launch/sim_pilot.launch");
        if (!Files.isRegularFile(launchFile)) throw new IllegalStateException("missing " + launchFile);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Flyer> flyers = new LinkedHashMap<>();
        if (car) flyers.put("car", flyer(root, "car", model, SHIPPED_MODEL, o));
        if (quad) flyers.put("quad", flyer(root, "quad", droneModel, SHIPPED_DRONE_MODEL, o));
        // A window renders through the display's GL, so OSMesa is not needed then.
        boolean gl = window || HeadlessGl.available();
        String noGl = gl ? "" : " No GL context (install libosmesa6): physics only, the cameras see blank frames.";
        for (Flyer f : flyers.values()) o.println(f.driver() + noGl);
        o.flush();

        List<Condition> conditions = new ArrayList<>();
        if (car) conditions.addAll(CONDITIONS);
        if (quad) conditions.addAll(DRONE_CONDITIONS);
        Files.createDirectories(out);
        Path log = out.resolve("launch.log");
        Files.deleteIfExists(log);
        boolean video = !noVideo && gl;
        DemoRecorder rec = new DemoRecorder(err, conditions.size(), seconds, video ? out.resolve("demo.mp4") : null);
        List<DemoReport.Segment> segments = new ArrayList<>();
        Map<String, String> pilotLines = new HashMap<>();
        Map<String, Integer> featureCounts = new HashMap<>();
        long t0 = System.nanoTime();
        try (QuietInfoLogs quiet = new QuietInfoLogs()) {
            for (int i = 0; i < conditions.size(); i++) {
                Condition c = conditions.get(i);
                SegmentResult r = runSegment(i, c, flyers.get(c.vehicle()).model(), launchFile, gl, rec, log);
                if (r.failure() != null) {
                    rec.endProgress();
                    err.println("demo failed in " + c.vehicle() + " " + c.name() + ": " + r.failure() + " (see " + log + ")");
                    err.flush();
                    return 1;
                }
                segments.add(r.segment());
                pilotLines.put(c.vehicle(), r.pilotLine());
                if (r.featureCount() > 0) featureCounts.put(c.vehicle(), r.featureCount());
            }
        } finally {
            rec.endProgress();
            rec.closeVideo();
        }
        double wall = (System.nanoTime() - t0) / 1e9;

        List<DemoReport.Vehicle> vehicles = new ArrayList<>();
        for (Flyer f : flyers.values()) {
            String v = f.vehicle();
            int featureCount = featureCounts.getOrDefault(v, -1);
            Wiring wiring = f.liquid() != null ? f.liquid().wiring() : featureCount > 0 ? NCP.paper19().build(featureCount) : null;
            String wiringPng = null;
            if (wiring != null) {
                wiringPng = "wiring-" + v + ".png";
                WiringDrawing.of(wiring, f.liquid() != null ? f.liquid().config().cellType() : "ltc").writePng(out.resolve(wiringPng));
            }
            int from = -1, to = -1;
            for (int i = 0; i < conditions.size(); i++) {
                if (!conditions.get(i).vehicle().equals(v)) continue;
                if (from < 0) from = i;
                to = i + 1;
            }
            String neuronsPng = null;
            DemoRecorder.Slice slice = rec.slice(from, to);
            if (slice.t().length > 0) {
                float[][] values = slice.values();
                String[] labels = neuronLabels(values[0].length, wiring);
                String[] groups = Stream.of(labels).map(l -> l.contains(" ") ? l.substring(l.indexOf(' ') + 1) : "").toArray(String[]::new);
                neuronsPng = "neurons-" + v + ".png";
                NeuronActivityPlot.write(new NeuronActivityPlot.Data(slice.t(), slice.segments(), values, labels, groups, slice.starts(),
                                conditions.subList(from, to).stream().map(Condition::name).toList(), slice.end(), new double[0]),
                        v + ": " + (f.liquid() != null ? "trained" : "untrained") + " NCP neuron states on /pilot/neurons", out.resolve(neuronsPng));
            }
            String modelLine = f.model() == null ? "none shipped (models/" + (v.equals("car") ? SHIPPED_MODEL : SHIPPED_DRONE_MODEL) + ")"
                    : f.modelName() + "; training: " + f.provenance();
            String title = v.equals("car") ? "car on the forest road, sun \u2192 rain \u2192 fog \u2192 wind gusts"
                    : "drone to a target, summer \u2192 autumn \u2192 winter \u2192 gusts";
            vehicles.add(new DemoReport.Vehicle(v, title, f.driver() + noGl, pilotLines.getOrDefault(v, ""), modelLine, neuronsPng, wiringPng));
        }
        DemoReport.Run run = new DemoReport.Run(vehicles, segments, video && rec.wroteVideo() ? "demo.mp4" : null, seconds, wall);
        DemoReport.writeJson(run, out.resolve("metrics.json"));
        DemoReport.writeHtml(run, out.resolve("index.html"));
        DemoReport.printTable(run, o);
        o.println("wrote " + out.resolve("index.html"));
        o.flush();
        return 0;
    }

    /**
     * What flies {@code vehicle}: the given model, else the shipped one when it exists, else the expert (never an
     * untrained network). A model that cannot fly the vehicle is bad input.
     */
    private static Flyer flyer(Path root, String vehicle, Path given, String shipped, PrintWriter o) throws BadInputException {
        Path file = given;
        if (file == null && Files.isRegularFile(root.resolve("models").resolve(shipped))) file = root.resolve("models").resolve(shipped);
        if (file == null) return new Flyer(vehicle, null, null, null, vehicle.equals("car") ? NO_MODEL : NO_DRONE_MODEL, null);
        // Shown relative to the checkout when it lies inside, so the report names no machine's paths.
        String name = shortName(root, file);
        PilotModel pm;
        LiquidModel liquid;
        try {
            pm = PilotModel.load(file);
            pm.requireFits(vehicle);
            liquid = LiquidModel.load(file);
        } catch (IllegalArgumentException | IOException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
        String provenance = provenance(liquid.training());
        String prefix = vehicle.equals("car") ? "" : "drone ";
        o.println(prefix + "model: " + name + "\n" + prefix + "provenance: " + provenance);
        String driver = vehicle.equals("car") ? "The trained model drives: " + name + " (" + pm.description() + ")"
                : "The trained drone model flies: " + name + " (" + pm.description() + ")";
        return new Flyer(vehicle, file, name, liquid, driver, provenance);
    }

    private record SegmentResult(DemoReport.Segment segment, String pilotLine, int featureCount, String failure) {
        static SegmentResult failed(String why) {
            return new SegmentResult(null, null, -1, why);
        }
    }

    private SegmentResult runSegment(int index, Condition c, Path model, Path launchFile, boolean gl, DemoRecorder rec, Path logFile)
            throws Exception {
        var tree = Scenarios.resolveTree(c.scenario());
        if (!c.cell().isEmpty()) SweepCondition.parse(c.cell()).overrides().forEach((k, v) -> Scenarios.override(tree, k, v));
        Scenarios.override(tree, "episodes", "1");
        Scenarios.override(tree, "duration_s", String.valueOf(seconds));
        Scenario sc = Scenarios.toScenario(tree);
        String dirName = c.dirName(index);
        Path dir = out.resolve(dirName);
        RunOutputs outputs = new RunOutputs(sc, dir, false);
        var stepListener = rec.segment(index, c.vehicle(), c.name());
        NodeRegistry registry = NodeRegistry.standard().register("liquidpilot", "sim_loop_node", () -> {
            SimLoopNode sim = new SimLoopNode();
            sim.addListener(stepListener);
            sim.addListener(outputs);
            return sim;
        });
        Map<String, String> args = new HashMap<>();
        args.put("vehicle", c.vehicle());
        args.put("scenario", c.scenario());
        args.put("condition", c.cell());
        args.put("episodes", "1");
        args.put("duration_s", String.valueOf(seconds));
        args.put("render", gl ? "gl" : "blank");
        args.put("window", String.valueOf(window));
        args.put("speed", String.valueOf(sc.speedMps()));
        args.put("driver", model != null ? "pilot" : "expert");
        args.put("model", model != null ? model.toAbsolutePath().toString() : "");
        LaunchPlan plan = LaunchLoader.load(launchFile, args);
        try (PrintStream log = new PrintStream(Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
             LaunchRunner runner = new LaunchRunner(plan, registry, log, ros2 ? ros2Starter() : null)) {
            log.println("=== " + c.vehicle() + " " + c.name() + " (" + c.scenario() + (c.cell().isEmpty() ? "" : ", " + c.cell()) + ")");
            try {
                runner.start(URI.create("http://127.0.0.1:0/"));
            } catch (IOException | RuntimeException e) {
                rec.probeReady();
                throw e;
            }
            String why;
            try (ConnectedNode probe = ros2 ? new Ros2Node("demo_probe", "/", Map.of(), Map.of(), Ros2Command.settings())
                    : RosNodes.start(NodeConfiguration.forMaster(runner.masterUri(), "demo_probe"))) {
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
            var seg = new DemoReport.Segment(c.vehicle(), c.name(), c.scenario(),
                    c.cell().isEmpty() ? "" : SweepCondition.parse(c.cell()).describe(), m, sim.commandTimeouts(),
                    Files.isRegularFile(out.resolve(trajectory)) ? trajectory : null, frames);
            return new SegmentResult(seg, pilotLine, features, null);
        }
    }


    /** Starts each launch node on ROS 2 (DDS on loopback), with the launch's parameters. */
    private static NodeStarter ros2Starter() {
        DdsSettings dds = Ros2Command.settings();
        return (main, spec, params) -> Ros2Node.launch(main, spec.name(), spec.namespace(), spec.remaps(), params, dds);
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
