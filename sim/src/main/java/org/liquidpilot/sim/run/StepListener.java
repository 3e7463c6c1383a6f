package org.liquidpilot.sim.run;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.sim.dynamics.VehicleState;

/** Sees every closed-loop step: for trajectories, sample frames, video and demonstration recording. */
public interface StepListener {

    /**
     * @param frame        the frame the policy saw (its buffer may be reused after this returns)
     * @param command      the command the vehicle got (never null, always finite)
     * @param intervention true when the vehicle failed this step and was put back on the path
     */
    void onStep(int episode, int step, double t, VehicleState state, RgbFrame frame, VehicleCommand command, boolean intervention);

    default void onEpisodeStart(int episode, org.liquidpilot.sim.world.World world) {}

    default void onEpisodeEnd(int episode, EpisodeMetrics metrics) {}

    StepListener NONE = (e, s, t, st, f, c, i) -> {};

    /** Tells each listener in turn, in the order given. */
    static StepListener all(StepListener... listeners) {
        StepListener[] ls = listeners.clone();
        return new StepListener() {
            @Override
            public void onStep(int episode, int step, double t, VehicleState state, RgbFrame frame, VehicleCommand command, boolean intervention) {
                for (StepListener l : ls) l.onStep(episode, step, t, state, frame, command, intervention);
            }

            @Override
            public void onEpisodeStart(int episode, org.liquidpilot.sim.world.World world) {
                for (StepListener l : ls) l.onEpisodeStart(episode, world);
            }

            @Override
            public void onEpisodeEnd(int episode, EpisodeMetrics metrics) {
                for (StepListener l : ls) l.onEpisodeEnd(episode, metrics);
            }
        };
    }
}
