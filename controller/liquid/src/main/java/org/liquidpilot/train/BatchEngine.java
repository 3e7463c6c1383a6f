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
 * order: the result is bit-identical whatever the thread count or scheduling.
 */
public final class BatchEngine implements AutoCloseable {
    private final TrainableModel model;
    private final Shard[] shards;
    private final ExecutorService pool;
    private final int m;

    private final class Shard {
        final SequenceKernel kernel;
        final double[] grad, state, y, gy;

        Shard(int maxSteps) {
            kernel = model.newKernel(maxSteps);
            grad = new double[model.params().size()];
            state = new double[model.stateSize()];
            y = new double[maxSteps * m];
            gy = new double[maxSteps * m];
        }

        /** Loss sum over windows [from, to); adds the gradient of (loss sum / norm) into grad when train. */
        double run(List<Window> batch, int from, int to, int truncation, Loss loss, double norm, boolean train) {
            if (train) Arrays.fill(grad, 0);
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
    }

    /**
     * @param maxSteps longest window (or truncation chunk) a kernel will see
     * @param threads  worker threads (1 runs on the caller's thread)
     * @param shardCount fixed split of each batch; keep it the same to reproduce a run exactly
     */
    public BatchEngine(TrainableModel model, int maxSteps, int threads, int shardCount) {
        if (threads < 1 || shardCount < 1) throw new IllegalArgumentException("threads and shards must be ≥ 1");
        this.model = model;
        this.m = model.outputSize();
        this.shards = new Shard[shardCount];
        for (int i = 0; i < shardCount; i++) shards[i] = new Shard(maxSteps);
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
