package org.liquidpilot.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Mini-batch training with Adam: windows are cut from the data, split once into training and validation with the
 * seed, shuffled each epoch with (seed, epoch), and the parameters with the best validation loss are kept. The final
 * parameters are rounded to float32, the precision of the model file, and the reported validation loss is measured
 * after that rounding, so a reloaded model reproduces it.
 */
public final class Trainer {

    /** Progress callbacks; all optional. */
    public interface Listener {
        default void started(int epochs, int batchesPerEpoch, int trainWindows, int valWindows) {}

        default void batchDone(int epoch, int batch, double loss) {}

        default void epochDone(TrainState.Epoch e, boolean best) {}

        /** Called after each epoch; the state is live, so copy what must outlive the call. */
        default void afterEpoch(TrainState state) {}
    }

    /** How a run ended. */
    public record Result(TrainState state, double finalValLoss, boolean stoppedEarly, int trainWindows, int valWindows) {}

    /** The deterministic split of the data into training and validation windows. */
    public record Split(List<Window> train, List<Window> val) {
        public static Split of(SequenceDataset data, TrainConfig cfg) {
            List<Window> all = new ArrayList<>(Window.cut(data, cfg.seqLen()));
            Collections.shuffle(all, new Random(cfg.seed()));
            int nVal = cfg.valFraction() > 0 && all.size() >= 2 ? Math.max(1, (int) Math.round(all.size() * cfg.valFraction())) : 0;
            return new Split(List.copyOf(all.subList(nVal, all.size())), List.copyOf(all.subList(0, nVal)));
        }
    }

    private Trainer() {}

    public static Result fit(TrainableModel model, SequenceDataset data, TrainConfig cfg, Listener listener, TrainState resume) {
        if (data.features() != model.inputSize() || data.outputs() != model.outputSize()) {
            throw new IllegalArgumentException("the data has " + data.features() + " features and " + data.outputs() + " outputs but the model takes "
                    + model.inputSize() + " and gives " + model.outputSize());
        }
        Split split = Split.of(data, cfg);
        List<Window> train = new ArrayList<>(split.train());
        List<Window> val = split.val();
        double[] p = model.params().values();
        int np = p.length;
        Adam adam = new Adam(np, 0.9, 0.999, 1e-8, cfg.weightDecay(), cfg.decoupledWeightDecay());
        TrainState st = resume != null ? resume : new TrainState();
        if (resume != null) {
            if (resume.params == null || resume.params.length != np) throw new IllegalArgumentException("checkpoint does not fit this model (" + np + " parameters)");
            System.arraycopy(resume.params, 0, p, 0, np);
            adam.restore(resume.adamM, resume.adamV, resume.adamStep);
        }
        int batches = (train.size() + cfg.batch() - 1) / cfg.batch();
        listener.started(cfg.epochs(), batches, train.size(), val.size());
        int maxSteps = cfg.truncation() > 0 ? Math.min(cfg.truncation(), cfg.seqLen()) : cfg.seqLen();
        double[] grad = new double[np];
        boolean stoppedEarly = false;
        try (BatchEngine engine = new BatchEngine(model, maxSteps, cfg.threads(), Math.max(2, cfg.threads()))) {
            for (int epoch = st.epochsDone; epoch < cfg.epochs(); epoch++) {
                if (cfg.patience() > 0 && st.epochsSinceBest() >= cfg.patience()) {
                    stoppedEarly = true;
                    break;
                }
                double lr = cfg.schedule().at(epoch);
                List<Window> order = new ArrayList<>(train);
                Collections.shuffle(order, new Random(cfg.seed() * 1_000_003L + epoch));
                double sum = 0;
                for (int b = 0; b < batches; b++) {
                    List<Window> batch = order.subList(b * cfg.batch(), Math.min(order.size(), (b + 1) * cfg.batch()));
                    double loss = engine.run(batch, cfg.truncation(), cfg.loss(), grad);
                    double norm = Adam.clipGradNorm(grad, cfg.clipNorm());
                    if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
                        throw new TrainingDivergedException("training diverged: " + (Double.isFinite(loss) ? "gradient" : "loss") + " is "
                                + (Double.isFinite(loss) ? norm : loss) + " at epoch " + (epoch + 1) + ", batch " + (b + 1) + " of " + batches
                                + " (try a lower --lr or --clip)");
                    }
                    adam.step(p, grad, lr);
                    model.afterUpdate();
                    sum += loss * batch.size();
                    listener.batchDone(epoch, b, loss);
                }
                double trainLoss = sum / train.size();
                double valLoss = val.isEmpty() ? trainLoss : evaluate(engine, val, cfg);
                if (!Double.isFinite(valLoss)) {
                    throw new TrainingDivergedException("training diverged: validation loss is " + valLoss + " after epoch " + (epoch + 1));
                }
                TrainState.Epoch e = new TrainState.Epoch(epoch, trainLoss, valLoss, lr);
                st.history.add(e);
                boolean best = valLoss < st.bestValLoss;
                if (best) {
                    st.bestValLoss = valLoss;
                    st.bestEpoch = epoch;
                    st.bestParams = p.clone();
                }
                st.epochsDone = epoch + 1;
                st.params = p.clone();
                st.adamM = adam.firstMoment().clone();
                st.adamV = adam.secondMoment().clone();
                st.adamStep = adam.stepCount();
                listener.epochDone(e, best);
                listener.afterEpoch(st);
            }
            if (st.bestParams != null) System.arraycopy(st.bestParams, 0, p, 0, np);
            for (int i = 0; i < np; i++) p[i] = (float) p[i];
            double finalVal = evaluate(engine, val.isEmpty() ? train : val, cfg);
            return new Result(st, finalVal, stoppedEarly, train.size(), val.size());
        }
    }

    /** Mean loss of the model on windows, in batches, without gradients. */
    public static double evaluate(BatchEngine engine, List<Window> windows, TrainConfig cfg) {
        double sum = 0;
        int n = 0;
        for (int b = 0; b < windows.size(); b += cfg.batch()) {
            List<Window> batch = windows.subList(b, Math.min(windows.size(), b + cfg.batch()));
            sum += engine.run(batch, cfg.truncation(), cfg.loss(), null) * batch.size();
            n += batch.size();
        }
        return sum / n;
    }

    /** Validation loss of a model on the split {@code cfg} makes of {@code data}: what a reloaded model is checked with. */
    public static double validationLoss(TrainableModel model, SequenceDataset data, TrainConfig cfg) {
        Split split = Split.of(data, cfg);
        List<Window> val = split.val().isEmpty() ? split.train() : split.val();
        int maxSteps = cfg.truncation() > 0 ? Math.min(cfg.truncation(), cfg.seqLen()) : cfg.seqLen();
        try (BatchEngine engine = new BatchEngine(model, maxSteps, cfg.threads(), Math.max(2, cfg.threads()))) {
            return evaluate(engine, val, cfg);
        }
    }
}
