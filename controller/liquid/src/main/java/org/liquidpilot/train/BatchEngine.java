package org.liquidpilot.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loss and gradient of a batch of windows, data-parallel over the batch. The batch is split into a fixed number
 * of contiguous shards, each with its own kernel and gradient buffer, and the shard gradients are summed in shard
 * order: the result is bit-identical whatever the thread count or scheduling. Where the model has a
 * {@link LaneKernel} and a shard's windows are of one length, the shard runs up to {@link #LANES} of them at once
 * through it; the loss is the same, and the gradient differs from the one-at-a-time sum only in rounding.
 */
public final class BatchEngine implements AutoCloseable {
    // Windows a shard runs at once where the model has a batched kernel: wide enough for the JIT's vector loops,
    // small enough that a window's caches for all lanes stay near the core.
    static final int LANES = 32;
    private final TrainableModel model;
    private final Shard[] shards;
    private final ExecutorService pool;
    private final int m;

    private final class Shard {
        final int maxSteps;
        // The per-window kernel, made on first use: with a batched kernel it may never be needed, and its caches
        // are as large as one lane's.
        SequenceKernel kernel;
        final double[] grad, state, y, gy;
        // The batched kernel and its per-lane buffers; null for models without one.
        final LaneKernel lanes;
        final double[][] xs, dts, states, ys, gys;
        final int[] xOffs, dtOffs;

        Shard(int maxSteps, int maxLanes) {
            this.maxSteps = maxSteps;
            grad = new double[model.params().size()];
            state = new double[model.stateSize()];
            y = new double[maxSteps * m];
            gy = new double[maxSteps * m];
            lanes = maxLanes > 1 ? LaneKernel.of(model, maxSteps, maxLanes) : null;
            int n = lanes == null ? 0 : lanes.maxLanes;
            xs = new double[n][];
            dts = new double[n][];
            states = new double[n][model.stateSize()];
            ys = new double[n][maxSteps * m];
            gys = new double[n][maxSteps * m];
            xOffs = new int[n];
            dtOffs = new int[n];
        }

        /** Loss sum over windows [from, to); adds the gradient of (loss sum / norm) into grad when train. */
        double run(List<Window> batch, int from, int to, int truncation, Loss loss, double norm, boolean train) {
            if (train) Arrays.fill(grad, 0);
            if (lanes != null && to - from > 1 && sameLength(batch, from, to)) return runLanes(batch, from, to, truncation, loss, norm, train);
            if (kernel == null) kernel = model.newKernel(maxSteps);
            double sum = 0;
            for (int b = from; b < to; b++) {
                Window w = batch.get(b);
                Sequence s = w.seq();
                Arrays.fill(state, 0);
                int chunk = truncation > 0 ? truncation : w.length();
                for (int c = 0; c < w.length(); c += chunk) {
                    int len = Math.min(chunk, w.length() - c), t0 = w.start() + c;
                    kernel.forward(s.x(), t0 * s.features(), s.dt(), t0, len, state, y, 0);
                    sum += loss.sumAndGrad(y, 0, s.y(), t0 * m, len * m, norm, train ? gy : null, 0);
                    if (train) kernel.backward(gy, 0, grad);
                }
            }
            return sum;
        }

        /** {@link #run} through the batched kernel, up to its lane count of windows at a time. */
        private double runLanes(List<Window> batch, int from, int to, int truncation, Loss loss, double norm, boolean train) {
            double sum = 0;
            int length = batch.get(from).length(), chunk = truncation > 0 ? truncation : length;
            for (int g0 = from; g0 < to; g0 += lanes.maxLanes) {
                int count = Math.min(lanes.maxLanes, to - g0);
                for (int j = 0; j < count; j++) {
                    Sequence s = batch.get(g0 + j).seq();
                    xs[j] = s.x();
                    dts[j] = s.dt();
                    Arrays.fill(states[j], 0);
                }
                for (int c = 0; c < length; c += chunk) {
                    int len = Math.min(chunk, length - c);
                    for (int j = 0; j < count; j++) {
                        Window w = batch.get(g0 + j);
                        xOffs[j] = (w.start() + c) * w.seq().features();
                        dtOffs[j] = w.start() + c;
                    }
                    lanes.forward(count, len, xs, xOffs, dts, dtOffs, states, ys);
                    for (int j = 0; j < count; j++) {
                        Sequence s = batch.get(g0 + j).seq();
                        sum += loss.sumAndGrad(ys[j], 0, s.y(), dtOffs[j] * m, len * m, norm, train ? gys[j] : null, 0);
                    }
                    if (train) lanes.backward(gys, grad);
                }
            }
            return sum;
        }
    }

    private static boolean sameLength(List<Window> batch, int from, int to) {
        for (int b = from + 1; b < to; b++) if (batch.get(b).length() != batch.get(from).length()) return false;
        return true;
    }

    /**
     * @param maxSteps longest window (or truncation chunk) a kernel will see
     * @param threads  worker threads (1 runs on the caller's thread)
     * @param shardCount fixed split of each batch; keep it the same to reproduce a run exactly
     */
    public BatchEngine(TrainableModel model, int maxSteps, int threads, int shardCount) {
        this(model, maxSteps, threads, shardCount, LANES);
    }

    /** @param maxLanes most windows a shard runs at once through a batched kernel (1: one at a time) */
    BatchEngine(TrainableModel model, int maxSteps, int threads, int shardCount, int maxLanes) {
        if (threads < 1 || shardCount < 1 || maxLanes < 1) throw new IllegalArgumentException("threads, shards and lanes must be ≥ 1");
        this.model = model;
        this.m = model.outputSize();
        this.shards = new Shard[shardCount];
        for (int i = 0; i < shardCount; i++) shards[i] = new Shard(maxSteps, maxLanes);
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "train-worker");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Mean loss over the batch; when {@code grad} is not null it receives d(mean loss)/d params. */
    public double run(List<Window> batch, int truncation, Loss loss, double[] grad) {
        int n = batch.size();
        double norm = (double) n * batch.get(0).length() * m;
        boolean train = grad != null;
        int used = Math.min(shards.length, n);
        double[] sums = new double[used];
        if (pool == null || used == 1) {
            for (int i = 0; i < used; i++) sums[i] = shards[i].run(batch, i * n / used, (i + 1) * n / used, truncation, loss, norm, train);
        } else {
            List<Future<Double>> fs = new ArrayList<>();
            for (int i = 0; i < used; i++) {
                final int k = i;
                fs.add(pool.submit(() -> shards[k].run(batch, k * n / used, (k + 1) * n / used, truncation, loss, norm, train)));
            }
            for (int i = 0; i < used; i++) {
                try {
                    sums[i] = fs.get(i).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        double total = 0;
        for (double s : sums) total += s;
        if (train) {
            Arrays.fill(grad, 0);
            for (int i = 0; i < used; i++) {
                double[] g = shards[i].grad;
                for (int j = 0; j < grad.length; j++) grad[j] += g[j];
            }
        }
        return total / norm;
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
