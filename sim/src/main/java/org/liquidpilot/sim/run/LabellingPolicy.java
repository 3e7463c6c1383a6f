package org.liquidpilot.sim.run;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.world.World;

import java.util.SplittableRandom;

/**
 * DAgger's data collection policy (Ross, Gordon and Bagnell 2011): the learner drives, or with probability
 * {@code beta} per episode the expert does, and the privileged expert labels every state visited either way. The
 * label of the latest frame is {@link #lastLabel()}; a recorder stores it instead of the executed command, so the
 * learner's mistakes become training examples of how to recover from them.
 * <p>
 * The expert observes and answers on every step even when it does not drive, so its own state (the path segment it
 * tracks) follows the vehicle. Who drives is drawn once per episode, in {@link #onEpisodeStart}, reproducibly from
 * the seed: a whole episode of one driver gives the state distribution of that driver, which per-step mixing would
 * blur.
 */
public final class LabellingPolicy implements PrivilegedPolicy, StepListener {
    private final DrivingPolicy learner;
    private final PrivilegedPolicy expert;
    private final double beta;
    private final double maxCommand;
    private final long seed;
    private boolean expertDrives;
    private double label;
    private int expertEpisodes, episodes;

    /**
     * @param beta       probability, per episode, that the expert drives instead of the learner; in [0, 1]
     * @param maxCommand labels are clamped to ±this, as the vehicle clamps what it executes
     * @param seed       draws the driver of each episode
     */
    public LabellingPolicy(DrivingPolicy learner, PrivilegedPolicy expert, double beta, double maxCommand, long seed) {
        if (learner == null || expert == null) throw new IllegalArgumentException("a learner and an expert are required");
        if (!(beta >= 0 && beta <= 1)) throw new IllegalArgumentException("beta must be in [0, 1], not " + beta);
        if (!(maxCommand > 0)) throw new IllegalArgumentException("maxCommand must be positive, not " + maxCommand);
        this.learner = learner;
        this.expert = expert;
        this.beta = beta;
        this.maxCommand = maxCommand;
        this.seed = seed;
    }

    /** Draws who drives episode {@code episode}; the same seed and episode always give the same driver. */
    @Override
    public void onEpisodeStart(int episode, World world) {
        expertDrives = beta >= 1 || (beta > 0 && new SplittableRandom(seed * 0x9E3779B97F4A7C15L + episode).nextDouble() < beta);
        episodes++;
        if (expertDrives) expertEpisodes++;
    }

    @Override
    public void onStep(int episode, int step, double t, VehicleState state, RgbFrame frame, double command, boolean intervention) {}

    @Override
    public void observe(VehicleState state, World world) {
        expert.observe(state, world);
    }

    @Override
    public double steer(RgbFrame frame, double dtSeconds) {
        double e = expert.steer(frame, dtSeconds);
        label = Double.isFinite(e) ? Math.max(-maxCommand, Math.min(maxCommand, e)) : 0;
        return expertDrives ? e : learner.steer(frame, dtSeconds);
    }

    /**
     * Resets both policies. The label is kept: the runner resets after a corridor exit, before the step's listeners
     * record that frame, and the label belongs to that frame.
     */
    @Override
    public void reset() {
        learner.reset();
        expert.reset();
    }

    /** The expert's command for the latest frame, clamped to the vehicle's range: the training target. */
    public double lastLabel() {
        return label;
    }

    /** Whether the expert drives the current episode. */
    public boolean expertDrives() {
        return expertDrives;
    }

    /** Episodes started so far, and how many of them the expert drove. */
    public int episodes() {
        return episodes;
    }

    public int expertEpisodes() {
        return expertEpisodes;
    }

    public double beta() {
        return beta;
    }
}
