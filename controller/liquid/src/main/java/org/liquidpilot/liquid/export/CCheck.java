package org.liquidpilot.liquid.export;

import org.liquidpilot.liquid.LiquidModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Compiles an export with the system C compiler ({@code cc -std=c99 -O2 -Wall -Wextra -Werror -pedantic}), runs it
 * through {@link CHarness} on sequences and compares every output step and the final states with the Java core's
 * {@link LiquidModel#run} (double precision) on the same float inputs.
 *
 * <p>The error of a value is {@code |c − java| / max(1, |java|)}: absolute for values up to 1 (states and raw
 * outputs of these cells mostly are), relative beyond, because float carries 24 bits of mantissa whatever the
 * magnitude, so a large output (an LTC's affine output map, a projection) cannot be closer than its own rounding.
 *
 * <p>It also reads the footprint from the compiled object: flash as its {@code .text} and {@code .rodata*} sections
 * ({@code size -A}), writable data ({@code .data}, {@code .bss}: none is expected), the step's stack frame
 * ({@code -fstack-usage}, where the compiler has it), and the symbols it needs from outside ({@code nm -u}).
 */
public final class CCheck {
    public static final String CC = "cc";
    public static final List<String> FLAGS = List.of("-std=c99", "-O2", "-Wall", "-Wextra", "-Werror", "-pedantic");
    /** What an export may take from outside: libm's two functions, and what GCC may turn a copy or zeroing loop into. */
    public static final Set<String> ALLOWED_EXTERNALS = Set.of("expf", "tanhf", "memset", "memcpy");
    private static final long TIMEOUT_S = 180;

    private CCheck() {}

    /**
     * @param inFlash  bytes of {@code .text} (code) and {@code .rodata*} (tables)
     * @param writable bytes of {@code .data} and {@code .bss} (0: nothing but the caller's state is written)
     * @param stepStack the step's stack frame in bytes and its deepest callee's, -1 when the compiler does not say
     * @param tickUnit  {@code tsc} (x86 time-stamp counter ticks) or {@code ns}
     */
    public record Result(double maxError, double maxAbsError, String worst, int valuesCompared, long text, long rodata,
                         long inFlash, long writable, int stateBytes, int stepStack, List<String> externals,
                         double ticksPerStep, double tickOverhead, String tickUnit, double ticksPerSecond,
                         String compiler, double tolerance) {
        public boolean pass() {
            return maxError <= tolerance && writable == 0 && ALLOWED_EXTERNALS.containsAll(externals);
        }

        /** Median time of one step in nanoseconds, the empty measurement subtracted. */
        public double nsPerStep() {
            double t = Math.max(0, ticksPerStep - tickOverhead);
            return "ns".equals(tickUnit) ? t : t / ticksPerSecond * 1e9;
        }
    }

    /** Writes {@code <prefix>.h} and {@code <prefix>.c} into {@code dir}. */
    public static void write(CSource src, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(src.headerFile()), src.header());
        Files.writeString(dir.resolve(src.sourceFile()), src.source());
    }

    /** Whether {@code cc}, {@code size} and {@code nm} run here. */
    public static boolean toolsAvailable() {
        for (String tool : List.of(CC, "size", "nm")) {
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) return false;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the export and its harness into {@code dir}, compiles, runs and compares.
     *
     * @param timedSteps steps to time one by one (0: no timing)
     * @throws IllegalStateException when the compiler or the harness fails (the message names the command)
     */
    public static Result check(LiquidModel model, CSource src, CSequences seq, Path dir, int timedSteps, double tolerance)
            throws IOException {
        if (seq.features() != model.inputSize()) {
            throw new IllegalArgumentException("the sequences have " + seq.features() + " features, the model takes " + model.inputSize());
        }
        write(src, dir);
        String p = src.prefix();
        Files.writeString(dir.resolve(p + "_check.c"), CHarness.source(p, model.config().mixedMemory()));
        List<String> compile = new ArrayList<>(List.of(CC));
        compile.addAll(FLAGS);
        boolean stackUsage = run(dir, null, concat(compile, "-fstack-usage", "-c", p + ".c", "-o", p + ".o")).code == 0;
        if (!stackUsage) must(dir, null, concat(compile, "-c", p + ".c", "-o", p + ".o"));
        must(dir, null, concat(compile, p + "_check.c", p + ".o", "-o", p + "_check", "-lm"));
        long[] sections = sections(must(dir, null, List.of("size", "-A", p + ".o")));
        List<String> externals = new ArrayList<>();
        for (String line : must(dir, null, List.of("nm", "-u", p + ".o")).lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 0 && !f[f.length - 1].isEmpty()) externals.add(f[f.length - 1]);
        }
        int stack = stackUsage ? stepStack(dir.resolve(p + ".su"), p) : -1;
        String out = must(dir, seq.harnessInput(), List.of(dir.resolve(p + "_check").toAbsolutePath().toString(), Integer.toString(timedSteps)));

        LiquidModel.Result ref = model.run(seq.x(), seq.batch(), seq.time(), seq.dt(), null);
        Compare cmp = new Compare();
        double ticks = Double.NaN, overhead = 0, rate = Double.NaN;
        String unit = "";
        int m = model.outputSize(), n = model.stateSize();
        boolean[] seen = new boolean[seq.batch() * seq.time()];
        for (String line : out.lines().toList()) {
            String[] f = line.trim().split(" ");
            switch (f[0]) {
                case "y" -> {
                    int b = Integer.parseInt(f[1]), t = Integer.parseInt(f[2]);
                    seen[b * seq.time() + t] = true;
                    if (ref.sequences()) cmp.values("output", b, t, f, 3, ref.out(), (b * seq.time() + t) * m, m);
                    else if (t == seq.time() - 1) cmp.values("output", b, t, f, 3, ref.out(), b * m, m);
                }
                case "h" -> cmp.values("state", Integer.parseInt(f[1]), -1, f, 2, ref.hn(), Integer.parseInt(f[1]) * n, n);
                case "c" -> cmp.values("cell state", Integer.parseInt(f[1]), -1, f, 2, ref.cn(), Integer.parseInt(f[1]) * n, n);
                case "overhead" -> overhead = Double.parseDouble(f[1]);
                case "ticks_per_second" -> rate = Double.parseDouble(f[1]);
                case "step" -> {
                    ticks = Double.parseDouble(f[1]);
                    unit = f[2];
                }
                default -> throw new IllegalStateException("harness printed an unexpected line: " + line);
            }
        }
        for (boolean s : seen) if (!s) throw new IllegalStateException("harness did not print every step");
        return new Result(cmp.max, cmp.maxAbs, cmp.worst, cmp.count, sections[0], sections[1], sections[0] + sections[1], sections[2],
                src.stateBytes(), stack, List.copyOf(externals), ticks, overhead, unit, rate, compilerVersion(dir), tolerance);
    }

    /** The running maximum of the errors, and where it is. */
    private static final class Compare {
        double max, maxAbs;
        String worst = "none";
        int count;

        void values(String what, int b, int t, String[] fields, int from, double[] ref, int off, int len) {
            if (fields.length - from != len) throw new IllegalStateException("harness printed " + (fields.length - from) + " values of " + what + ", expected " + len);
            for (int i = 0; i < len; i++) {
                double c = Double.parseDouble(fields[from + i]), j = ref[off + i];
                double abs = Math.abs(c - j), e = abs / Math.max(1.0, Math.abs(j));
                if (!(e <= max) && !(Double.isNaN(e) && Double.isNaN(max))) {
                    max = Double.isNaN(e) ? Double.NaN : e;
                    worst = what + "[" + i + "] of sequence " + b + (t >= 0 ? " step " + t : " at the end") + ": C " + c + ", Java " + j;
                }
                if (Double.isNaN(abs) || abs > maxAbs) maxAbs = Double.isNaN(abs) ? Double.NaN : abs;
                count++;
            }
        }
    }

    /** {text, rodata, writable} bytes from {@code size -A}. */
    static long[] sections(String sizeOutput) {
        long text = 0, rodata = 0, writable = 0;
        for (String line : sizeOutput.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[1].matches("\\d+")) continue;
            long bytes = Long.parseLong(f[1]);
            if (f[0].startsWith(".text")) text += bytes;
            else if (f[0].startsWith(".rodata")) rodata += bytes;
            else if (f[0].startsWith(".data") || f[0].startsWith(".bss")) writable += bytes;
        }
        return new long[]{text, rodata, writable};
    }

    /** The step's own frame plus the largest other static function's (a callee not inlined), from a .su file. */
    static int stepStack(Path su, String prefix) throws IOException {
        if (!Files.isRegularFile(su)) return -1;
        int step = -1, callee = 0;
        for (String line : Files.readAllLines(su)) {
            String[] f = line.split("\t");
            if (f.length < 2 || !f[1].matches("\\d+")) continue;
            String fn = f[0].substring(f[0].lastIndexOf(':') + 1);
            int bytes = Integer.parseInt(f[1]);
            if (fn.equals(prefix + "_step")) step = bytes;
            else if (!fn.equals(prefix + "_reset") && !fn.equals(prefix + "_normalise") && !fn.equals(prefix + "_scale_outputs")) callee = Math.max(callee, bytes);
        }
        return step < 0 ? -1 : step + callee;
    }

    private static String compilerVersion(Path dir) {
        try {
            return must(dir, null, List.of(CC, "--version")).lines().findFirst().orElse(CC).trim();
        } catch (RuntimeException e) {
            return CC;
        }
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> l = new ArrayList<>(a);
        l.addAll(List.of(more));
        return l;
    }

    private record Outcome(int code, String out, String err) {}

    private static String must(Path dir, String stdin, List<String> cmd) {
        Outcome o = run(dir, stdin, cmd);
        if (o.code != 0) {
            String text = o.err.isBlank() ? o.out : o.err;
            // a compiler's first line names the function; the first "error:" line says what is wrong
            String first = text.lines().filter(l -> l.contains("error:")).findFirst()
                    .orElse(text.lines().filter(l -> !l.isBlank()).findFirst().orElse(""));
            throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + o.code + "): " + first);
        }
        return o.out;
    }

    private static Outcome run(Path dir, String stdin, List<String> cmd) {
        try {
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile()).start();
            if (stdin != null) {
                // a writer thread, so a harness that prints while it reads cannot deadlock on full pipes
                Thread feed = new Thread(() -> {
                    try (var in = p.getOutputStream()) {
                        in.write(stdin.getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException ignored) {
                        // the process ended early; its exit code says why
                    }
                });
                feed.start();
            } else {
                p.getOutputStream().close();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " ran longer than " + TIMEOUT_S + " s");
            }
            String e = Files.readString(err);
            Files.delete(err);
            return new Outcome(p.exitValue(), out, e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd.get(0), e);
        }
    }
}
