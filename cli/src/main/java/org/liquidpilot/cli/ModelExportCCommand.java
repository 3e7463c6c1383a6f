package org.liquidpilot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.ModelFile;
import org.liquidpilot.liquid.export.CCheck;
import org.liquidpilot.liquid.export.CExport;
import org.liquidpilot.liquid.export.CExportConfig;
import org.liquidpilot.liquid.export.CSequences;
import org.liquidpilot.liquid.export.CSource;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "export-c", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes an LTC or CfC model as dependency-free C99 for a flight controller or a microcontroller: "
                + "DIR/PREFIX.h and DIR/PREFIX.c with the weights as static const float tables (constraints and masks folded in, "
                + "masked synapses left out), PREFIX_step(state, input, dt, output) (no heap, no globals written, libm's expf and "
                + "tanhf only), PREFIX_reset, PREFIX_scale_outputs (the file's output_scaling) and, when the file has feature "
                + "statistics, PREFIX_normalise.",
                "--check compiles the export with the system cc (-std=c99 -O2 -Wall -Wextra -Werror -pedantic) in a temporary "
                + "directory with a generated test program, runs it on sequences and compares every output step and the final "
                + "states with the Java core (model run's path, double precision): PASS when the largest "
                + "|C - Java| / max(1, |Java|) is at most --tolerance. It also prints the footprint (flash: .text + .rodata of "
                + "the object; RAM: the state and the step's stack frame) and the median time of one step.",
                "The perception front end is not exported (OpenCV's resize, median and CLAHE would have to be matched bit for "
                + "bit); the feature normalisation is. LSTM, GRU, CT-RNN and MLP baselines are refused.",
                "Exit codes: 0 written (and PASS), 1 the check failed or could not run, 2 bad input."})
final class ModelExportCCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "liquidpilot model file, or an ncps state dict with --config")
    Path model;
    @Option(names = "--config", paramLabel = "NCPS_CONSTRUCTOR.json", description = "ncps constructor for a bare state dict")
    Path config;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for PREFIX.h and PREFIX.c (made if missing)")
    Path out;
    @Option(names = "--prefix", paramLabel = "NAME", description = "prefix of every C symbol and of the file names, so two models fit in one "
            + "firmware (default: from the model file's name, e.g. ncp19_forest_road)")
    String prefix;
    @Option(names = "--check", description = "compile with cc, run and compare with the Java core; print footprint and cycles per step")
    boolean check;
    @Option(names = "--input", paramLabel = "IN.safetensors", description = "--check on these sequences: io.x (B,T,F) and io.timespans (B,T), as model run "
            + "reads them (default: seeded standard-normal features)")
    Path input;
    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "seed of the generated sequences (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--sequences", defaultValue = "3", paramLabel = "B", description = "generated sequences (default ${DEFAULT-VALUE})")
    int sequences;
    @Option(names = "--steps", defaultValue = "300", paramLabel = "T", description = "steps per generated sequence (default ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--dt", defaultValue = "0.0333333", paramLabel = "SECONDS", description = "mean timespan of the generated steps, each drawn from "
            + "[dt/2, 3dt/2] (default ${DEFAULT-VALUE}: a 30 Hz camera)")
    double dt;
    @Option(names = "--timed-steps", defaultValue = "20000", paramLabel = "N", description = "steps timed one by one for the median (default ${DEFAULT-VALUE}; 0: no timing)")
    int timedSteps;
    @Option(names = "--tolerance", defaultValue = "1e-5", paramLabel = "E", description = "largest |C - Java| / max(1, |Java|) that passes (default ${DEFAULT-VALUE})")
    double tolerance;

    @Override
    public Integer call() throws Exception {
        ModelCommand.existing(model, "model file");
        if (sequences < 1 || sequences > 1000 || steps < 1 || steps > 100_000) throw new BadInputException("--sequences must be 1..1000 and --steps 1..100000");
        if (timedSteps < 0 || timedSteps > 10_000_000) throw new BadInputException("--timed-steps must be 0..10000000");
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) throw new BadInputException("--tolerance must be a positive number");
        if (!(dt > 0) || !Double.isFinite(dt)) throw new BadInputException("--dt must be a positive number of seconds");
        LiquidModel m = load();
        CExportConfig cfg;
        try {
            cfg = new CExportConfig(prefix != null ? prefix : defaultPrefix(model), commandOutputs(m));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--prefix: " + e.getMessage());
        }
        CSequences seq = check ? sequences(m) : null;
        CSource src;
        try {
            src = CExport.export(m, cfg);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(model + ": " + e.getMessage());
        }
        writable(out);
        try {
            CCheck.write(src, out);
        } catch (IOException e) {
            throw new BadInputException("--out " + out + ": cannot write (" + e.getMessage() + ")");
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "wrote %s and %s: %s%n", out.resolve(src.headerFile()), out.resolve(src.sourceFile()),
                src.source().lines().findFirst().orElse("").replaceAll("^/\\* \\S+: |\\. Generated.*$", ""));
        o.printf(Locale.ROOT, "  tables %,d B (flash), state %,d B, stack arrays %,d B, %,d weights read per step%s%n", src.constBytes(),
                src.stateBytes(), src.scratchBytes(), src.multiplyAdds(), m.config() instanceof org.liquidpilot.liquid.LtcConfig ? " (a synapse: one sigmoid)" : "");
        o.flush();
        if (!check) return 0;
        if (!CCheck.toolsAvailable()) {
            throw new IllegalStateException("--check needs a C compiler and binutils (cc, size, nm) on the PATH: apt-get install gcc libc6-dev binutils");
        }
        Path tmp = Files.createTempDirectory("lp-export-c-");
        CCheck.Result r;
        try {
            r = CCheck.check(m, src, seq, tmp, timedSteps, tolerance);
        } finally {
            deleteTree(tmp);
        }
        report(o, seq, r);
        return r.pass() ? 0 : 1;
    }

    private LiquidModel load() throws IOException {
        return loadLiquid(model, config);
    }

    /** An LTC or CfC model (file, or state dict with its constructor); a baseline is refused in one line. */
    static LiquidModel loadLiquid(Path model, Path config) throws IOException {
        ModelCommand.existing(model, "model file");
        if (config == null) {
            JsonNode meta;
            try {
                meta = ModelFile.metadata(model);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(model + ": " + e.getMessage());
            }
            if (ModelFile.BASELINE_FORMAT.equals(meta.path("format").asText())) {
                throw new BadInputException(model + " is a " + meta.path("cell").asText("baseline").toUpperCase(Locale.ROOT)
                        + " baseline; only LTC and CfC models export");
            }
        }
        try {
            return ModelCommand.loadModel(model, config);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The file's command_outputs; a pilot model without them steers (yaw rate), as the pilot reads it. */
    private List<String> commandOutputs(LiquidModel m) throws IOException {
        if (config != null) return List.of();
        JsonNode names = ModelFile.metadata(model).get("command_outputs");
        List<String> l = new ArrayList<>();
        if (names != null && names.isArray()) {
            for (JsonNode n : names) l.add(n.asText().trim().toLowerCase(Locale.ROOT));
        } else if (m.featureExtractor() != null && m.outputSize() == 1) {
            l.add("yaw_rate");
        }
        return l;
    }

    static String defaultPrefix(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.safetensors$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) name = "m_" + name;
        return name.length() > 32 ? name.substring(0, 32) : name;
    }

    private CSequences sequences(LiquidModel m) throws IOException {
        if (input == null) return CSequences.seeded(seed, sequences, steps, m.inputSize(), dt);
        SafeTensors.Contents in = SafeTensors.read(ModelCommand.existing(input, "input file"));
        Tensor x = in.tensors().get("io.x"), ts = in.tensors().get("io.timespans");
        if (x == null || x.rank() != 3) throw new BadInputException(input + ": no tensor 'io.x' of shape (B,T,F)");
        int b = x.dim(0), t = x.dim(1);
        double[] dts;
        if (ts == null) {
            dts = new double[b * t];
            java.util.Arrays.fill(dts, 1.0);
        } else {
            if (ts.rank() != 2 || ts.dim(0) != b || ts.dim(1) != t) throw new BadInputException(input + ": io.timespans must have shape (" + b + ", " + t + ")");
            dts = ts.data();
        }
        if (x.dim(2) != m.inputSize()) throw new BadInputException(input + ": io.x has " + x.dim(2) + " features, the model takes " + m.inputSize());
        try {
            return new CSequences(b, t, x.dim(2), x.data(), dts);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(input + ": " + e.getMessage());
        }
    }

    /** A directory the export can go to: one that exists and is writable, or that can be made. */
    private static void writable(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new BadInputException("--out " + dir + " is a file, not a directory");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException("--out " + dir + ": cannot create the directory (" + e.getClass().getSimpleName() + ")");
        }
        if (!Files.isWritable(dir)) throw new BadInputException("--out " + dir + ": directory is not writable");
    }

    private void report(PrintWriter o, CSequences seq, CCheck.Result r) {
        o.printf(Locale.ROOT, "check: %d sequence%s x %d steps against the Java core (double precision), %s%n", seq.batch(),
                seq.batch() == 1 ? "" : "s", seq.time(), input != null ? "from " + input : "seed " + seed + ", dt " + dt + " s ± 50 %");
        o.printf(Locale.ROOT, "  max error %.2e (|C - Java| / max(1, |Java|); max |C - Java| %.2e) over %,d values, limit %.0e%n",
                r.maxError(), r.maxAbsError(), r.valuesCompared(), r.tolerance());
        if (r.maxError() > r.tolerance()) o.println("  worst: " + r.worst());
        o.printf(Locale.ROOT, "  flash %,d B (.text %,d + .rodata %,d); RAM %,d B state + %s stack; %s%n", r.inFlash(), r.text(), r.rodata(),
                r.stateBytes(), r.stepStack() < 0 ? "unmeasured" : String.format(Locale.ROOT, "%,d B", r.stepStack()),
                r.writable() == 0 ? "no globals written" : r.writable() + " B of writable globals (expected none)");
        o.println("  needs from outside: " + (r.externals().isEmpty() ? "nothing" : String.join(", ", r.externals()))
                + (CCheck.ALLOWED_EXTERNALS.containsAll(r.externals()) ? "" : " (only " + String.join(", ", CCheck.ALLOWED_EXTERNALS) + " are allowed)"));
        if (!r.tickUnit().isEmpty()) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            String ticks = "tsc".equals(r.tickUnit())
                    ? String.format(Locale.ROOT, "%,.0f TSC ticks (%.2f GHz) = %.2f µs", r.ticksPerStep() - r.tickOverhead(), r.ticksPerSecond() / 1e9, r.nsPerStep() / 1e3)
                    : String.format(Locale.ROOT, "%.2f µs", r.nsPerStep() / 1e3);
            o.printf(Locale.ROOT, "  step: median %s over %,d steps (timer overhead %.0f subtracted; load average %.2f; %s -O2)%n", ticks,
                    timedSteps, r.tickOverhead(), load, r.compiler());
        }
        o.println(r.pass() ? "PASS" : "FAIL");
        o.flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
