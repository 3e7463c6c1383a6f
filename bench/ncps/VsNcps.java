// Not part of the Maven build: bench/ncps/run compiles it.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The liquid core against ncps in the same run: {@code Round} (bench/before-after) in this JVM and ncps_round.py in a
 * PyTorch process, alternating round by round and swapping which goes first, so that both see the same machine load;
 * both score thread CPU time on one thread. Prints each side's median and the median (and quartiles) of the
 * per-round speed-up (ncps time / ours, or our rate / ncps's).
 * Usage: VsNcps CLASSPATH ROUNDS PYTHON SCRIPT
 */
public class VsNcps {
    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String p : args[0].split(":")) if (!p.isEmpty()) urls.add(Path.of(p).toUri().toURL());
        Class<?> round = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader()).loadClass("Round");
        round.getMethod("setup").invoke(null);
        Method ours = round.getMethod("run", int.class);
        int rounds = Integer.parseInt(args[1]);
        Process py = new ProcessBuilder(args[2], args[3]).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(py.getOutputStream(), true, StandardCharsets.UTF_8);
        String hello = in.readLine();
        if (hello == null || !hello.startsWith("ready")) throw new IllegalStateException("the ncps worker did not start: " + hello);
        System.out.println("ncps worker: " + hello);
        String[] what = {"LTC step (µs)", "CfC step (µs)", "LTC batch (/s)", "LTC training (seq/s)", "CfC training (seq/s)"};
        try {
            for (int w = 0; w < what.length; w++) {
                double[][] score = new double[2][rounds]; // 0 ours, 1 ncps
                for (int r = -2; r < rounds; r++) {
                    for (int k = 0; k < 2; k++) {
                        int v = (r & 1) == 0 ? k : 1 - k;
                        double s;
                        if (v == 0) {
                            s = (double) ours.invoke(null, w);
                        } else {
                            out.println(w);
                            String line = in.readLine();
                            if (line == null) throw new IllegalStateException("the ncps worker ended");
                            s = Double.parseDouble(line);
                        }
                        if (r >= 0) score[v][r] = s;
                    }
                }
                double[] speedup = new double[rounds];
                for (int r = 0; r < rounds; r++) speedup[r] = w < 2 ? score[1][r] / score[0][r] : score[0][r] / score[1][r];
                for (double[] s : score) Arrays.sort(s);
                Arrays.sort(speedup);
                System.out.printf(Locale.ROOT, "%-22s liquidpilot %11.3f  ncps %11.3f  speed-up per round: median %.1fx, quartiles %.1f–%.1fx%n",
                        what[w], score[0][rounds / 2], score[1][rounds / 2], speedup[rounds / 2], speedup[rounds / 4], speedup[3 * rounds / 4]);
            }
        } finally {
            out.close();
            py.waitFor();
        }
    }
}
