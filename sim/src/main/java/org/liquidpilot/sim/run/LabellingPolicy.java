package org.liquidpilot.sim.run;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.sim.dynamics.Vehicle;
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
 * <p>
 * Optionally the executed command carries a slowly varying disturbance (DART, Laskey et al. 2017): an
 * Ornstein-Uhlenbeck process with standard deviation {@code noiseStd} and correlation time {@link #NOISE_TAU_S}. The
 * label stays the clean expert answer, so even in calm conditions the data shows how to steer back from the
 * off-centre headings and offsets the noise causes, which a learner meets once wind or a misjudged bend push it there.
 */
public final class LabellingPolicy implements PrivilegedPolicy, StepListener {
    private final DrivingPolicy learner;
    private final PrivilegedPolicy expert;
    private final double beta;
    private final Vehicle vehicle;
    private final double maxCommand;
    private final long seed;
    private final double noiseStd;
    private SplittableRandom noiseRandom = new SplittableRandom(0);
    private double noise;
    private boolean expertDrives;
    private VehicleCommand label = VehicleCommand.ZERO;
    private int expertEpisodes, episodes;

    /**
     * @param beta    probability, per episode, that the expert drives instead of the learner; in [0, 1]
     * @param vehicle the vehicle driven: labels' steering is clamped to its {@link Vehicle#maxCommand()}, as it
     *                clamps what it executes, and the disturbance is in its steering units
     * @param seed    draws the driver of each episode
     */
    public LabellingPolicy(DrivingPolicy learner, PrivilegedPolicy expert, double beta, Vehicle vehicle, long seed) {
        this(learner, expert, beta, vehicle, seed, 0);
    }

    /** Correlation time of the DART disturbance: long enough to move the vehicle off the line, short enough to vary within a bend. */
    public static final double NOISE_TAU_S = 1.0;

    /**
     * @param noiseStd standard deviation of the disturbance added to the executed command's steering (curvature 1/m
     *                 for the car, yaw rate rad/s for the quadrotor); 0 for none
     */
    public LabellingPolicy(DrivingPolicy learner, PrivilegedPolicy expert, double beta, Vehicle vehicle, long seed, double noiseStd) {
        if (learner == null || expert == null || vehicle == null) throw new IllegalArgumentException("a learner, an expert and a vehicle are required");
        double maxCommand = vehicle.maxCommand();
        if (!(noiseStd >= 0 && noiseStd <= maxCommand)) throw new IllegalArgumentException("noise std must be in [0, " + maxCommand + "], not " + noiseStd);
        if (!(beta >= 0 && beta <= 1)) throw new IllegalArgumentException("beta must be in [0, 1], not " + beta);
        this.vehicle = vehicle;
        this.learner = learner;
        this.expert = expert;
        this.beta = beta;
        this.maxCommand = maxCommand;
        this.seed = seed;
        this.noiseStd = noiseStd;
    }

    /** Draws who drives episode {@code episode}; the same seed and episode always give the same driver. */
    @Override
    public void onEpisodeStart(int episode, World world) {
        expertDrives = beta >= 1 || (beta > 0 && new SplittableRandom(seed * 0x9E3779B97F4A7C15L + episode).nextDouble() < beta);
        episodes++;
        if (expertDrives) expertEpisodes++;
        noiseRandom = new SplittableRandom(seed * 0xBF58476D1CE4E5B9L + episode);
        noise = 0;
    }

    @Override
    public void onStep(int episode, int step, double t, VehicleState state, RgbFrame frame, VehicleCommand command, boolean intervention) {}

    @Override
    public void observe(VehicleState state, World world) {
        expert.observe(state, world);
    }

    @Override
    public VehicleCommand act(RgbFrame frame, double dtSeconds) {
        VehicleCommand e = expert.act(frame, dtSeconds);
        if (e == null || !e.isFinite()) e = VehicleCommand.ZERO;
        label = vehicle.withSteering(e, Math.max(-maxCommand, Math.min(maxCommand, vehicle.steering(e))));
        VehicleCommand drive = expertDrives ? e : learner.act(frame, dtSeconds);
        if (noiseStd > 0 && drive != null) {
            // Exact OU update over dt: stationary standard deviation noiseStd whatever the frame rate.
            double a = Math.exp(-Math.max(0, dtSeconds) / NOISE_TAU_S);
            noise = a * noise + noiseStd * Math.sqrt(1 - a * a) * gaussian();
            drive = vehicle.withSteering(drive, vehicle.steering(drive) + noise);
        }
        return drive;
    }

    private double gaussian() {
        double u = 1 - noiseRandom.nextDouble(), v = noiseRandom.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    public double noiseStd() {
        return noiseStd;
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

    /** The expert's command for the latest frame, its steering clamped to the vehicle's range: the training target. */
    public VehicleCommand lastLabel() {
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
