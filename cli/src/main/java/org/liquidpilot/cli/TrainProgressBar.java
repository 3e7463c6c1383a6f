package org.liquidpilot.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.liquidpilot.train.TrainState;
import org.liquidpilot.train.Trainer;

import java.io.PrintStream;
import java.util.Locale;

/** A batch-level progress bar with the running loss, the last validation loss and an ETA; one line per epoch. */
final class TrainProgressBar implements Trainer.Listener, AutoCloseable {
    private final PrintStream out;
    private final boolean quiet;
    private final int startEpoch;
    private ProgressBar bar;
    private int batches;
    private double runningLoss = Double.NaN;
    private String lastVal = "";

    TrainProgressBar(PrintStream out, boolean quiet, int startEpoch) {
        this.out = out;
        this.quiet = quiet;
        this.startEpoch = startEpoch;
    }

    @Override
    public void started(int epochs, int batchesPerEpoch, int trainWindows, int valWindows) {
        batches = batchesPerEpoch;
        if (quiet) return;
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax((long) (epochs - startEpoch) * batchesPerEpoch)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setMaxRenderedLength(110)
                .setConsumer(new ConsoleProgressBarConsumer(out, 110)).build();
    }

    @Override
    public void batchDone(int epoch, int batch, double loss) {
        runningLoss = Double.isNaN(runningLoss) ? loss : 0.9 * runningLoss + 0.1 * loss;
        if (bar != null) {
            bar.setExtraMessage(String.format(Locale.ROOT, "ep %d b %d/%d loss %.4g%s", epoch + 1, batch + 1, batches, runningLoss, lastVal.isEmpty() ? "" : " (last" + lastVal + ")"));
            bar.step();
        }
    }

    @Override
    public void epochDone(TrainState.Epoch e, boolean best) {
        lastVal = String.format(Locale.ROOT, " val %.4g", e.valLoss());
        if (bar != null) {
            bar.setExtraMessage(String.format(Locale.ROOT, "ep %d done: loss %.4g%s%s", e.epoch() + 1, e.trainLoss(), lastVal, best ? " (best)" : ""));
            bar.refresh();
        }
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
