package org.liquidpilot.sim.report;

import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.run.EpisodeMetrics;
import org.liquidpilot.sim.run.StepListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Records the first episode of a run into {@code neurons.csv}: every state value when there are at most
 * {@link #ALL_UP_TO}, else the first {@link #FIRST_OF_MANY} (an LSTM-64 has 128; a plot of them all is unreadable).
 */
public final class NeuronTraceListener implements StepListener {
    public static final int ALL_UP_TO = 32;
    public static final int FIRST_OF_MANY = 16;

    private final NeuronProbe probe;
    private final Path file;
    private final float[] state;
    private final NeuronTrace.Recorder recorder;
    private int episode = -1;
    private boolean written;

    public NeuronTraceListener(NeuronProbe probe, Path file) {
        this.probe = probe;
        this.file = file;
        List<String> all = probe.neuronNames();
        this.state = new float[all.size()];
        this.recorder = new NeuronTrace.Recorder(all.subList(0, recorded(all.size())));
    }

    /** How many of {@code stateSize} values a trace keeps. */
    public static int recorded(int stateSize) {
        return stateSize <= ALL_UP_TO ? stateSize : FIRST_OF_MANY;
    }

    @Override
    public void onEpisodeStart(int e, org.liquidpilot.sim.world.World world) {
        if (episode < 0) episode = e;
    }

    @Override
    public void onStep(int e, int step, double t, VehicleState s, RgbFrame frame, VehicleCommand command, boolean intervention) {
        if (e != episode || written) return;
        probe.neurons(state);
        recorder.add(t, command.yawRate(), probe.rawOutput(), intervention, state);
    }

    @Override
    public void onEpisodeEnd(int e, EpisodeMetrics m) {
        if (e != episode || written || recorder.steps() == 0) return;
        try {
            recorder.trace().write(file);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        written = true;
    }
}
