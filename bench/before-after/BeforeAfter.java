// Not part of the Maven build: bench/before-after/run compiles it.
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@code Round} of two builds in one JVM, each through its own class loader (so each has its own classes and
 * JIT profiles), alternating round by round and swapping which goes first, so that both see the same machine load.
 * Usage: BeforeAfter CLASSPATH_BEFORE CLASSPATH_AFTER ROUNDS
 */
public class BeforeAfter {
    public static void main(String[] args) throws Exception {
        Method[] run = new Method[2];
        for (int v = 0; v < 2; v++) {
            List<URL> urls = new ArrayList<>();
            for (String p : args[v].split(":")) if (!p.isEmpty()) urls.add(Path.of(p).toUri().toURL());
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Class<?> round = loader.loadClass("Round");
            round.getMethod("setup").invoke(null);
            run[v] = round.getMethod("run", int.class);
        }
        int rounds = Integer.parseInt(args[2]);
        String[] what = {"LTC step (µs)", "CfC step (µs)", "LTC batch (/s)", "LTC training (seq/s)", "CfC training (seq/s)"};
        for (int w = 0; w < what.length; w++) {
            double[][] score = new double[2][rounds];
            for (int r = -3; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int v = (r & 1) == 0 ? k : 1 - k;
                    double s = (double) run[v].invoke(null, w);
                    if (r >= 0) score[v][r] = s;
                }
            }
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) ratio[r] = score[1][r] / score[0][r];
            for (double[] s : score) Arrays.sort(s);
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "%-22s before %10.3f  after %10.3f  after/before per round: median %.3f, quartiles %.3f–%.3f%n",
                    what[w], score[0][rounds / 2], score[1][rounds / 2], ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
        }
    }
}
