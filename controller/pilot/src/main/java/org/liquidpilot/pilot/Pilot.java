package org.liquidpilot.pilot;

import org.liquidpilot.perception.RgbFrame;

/**
 * Camera frame in, vehicle command out: features (in-process perception) → z-scores under the training
 * statistics → one policy step with the real time between image stamps → yaw rate (or curvature × speed) with
 * magnitude and rate limits → forward speed from the failsafe state. A model that also commands forward, left and
 * up speeds ({@link Policy#outputs()}, a drone model) has them clamped to the configured speed (up to half of it)
 * and scaled by the failsafe; a steering-only model flies forward at the configured speed, level. Besides the features, the failsafe hears
 * whether the frame changed ({@link FrameChangeDetector}, or a stamp that did not advance) and whether the pilot was
 * commanding forward motion, so a frozen camera stops a moving vehicle (see {@link Failsafe}).
 * <p>
 * {@link #onFrame} runs per image; {@link #tick} runs on the output timer and trips the image watchdog, so a
 * stop is commanded within one output period of the timeout. The latest command is read with {@link #forward()}
 * and {@link #yawRate()}. Methods are synchronised (frames and the timer come from different threads); after
 * construction nothing is allocated per frame.
 */
public final class Pilot implements AutoCloseable {
    private final PilotConfig config;
    private final FeatureSource features;
    private final FeatureStats stats;
    private final Policy policy;
    private final Failsafe failsafe;
    private final float[] raw;
    private final float[] z;
    private final float[] neurons;
    private final FrameChangeDetector changes = new FrameChangeDetector();

    private double lastStamp = Double.NaN;
    private double lastDt;
    private double output;
    private double forward;
    private double left;
    private double up;
    private double yawRate;
    // Which policy output commands each axis; -1 where the model does not command it.
    private final int iForward, iLeft, iUp, iYaw;
    private double commandStamp;
    private long frames;
    private long resets;

    public Pilot(PilotConfig config, FeatureSource features, FeatureStats stats, Policy policy) {
        if (features.featureCount() != stats.size()) {
            throw new IllegalArgumentException("perception gives " + features.featureCount() + " features but the statistics have " + stats.size());
        }
        if (policy.inputSize() != features.featureCount()) {
            throw new IllegalArgumentException("the policy takes " + policy.inputSize() + " inputs but perception gives " + features.featureCount());
        }
        this.config = config;
        this.features = features;
        this.stats = stats;
        this.policy = policy;
        this.failsafe = new Failsafe(config.failsafe());
        this.raw = new float[features.featureCount()];
        this.z = new float[features.featureCount()];
        this.neurons = new float[policy.neuronCount()];
        java.util.List<CommandAxis> outs = policy.outputs();
        this.iForward = outs.indexOf(CommandAxis.FORWARD);
        this.iLeft = outs.indexOf(CommandAxis.LEFT);
        this.iUp = outs.indexOf(CommandAxis.UP);
        this.iYaw = outs.indexOf(CommandAxis.YAW_RATE);
    }

    /**
     * One camera frame. {@code receivedNanos} is the monotonic time it arrived (for the watchdog); the frame's own
     * stamp gives the cell its timespan.
     */
    public synchronized void onFrame(RgbFrame frame, long receivedNanos) {
        onFrame(frame, frame.stampSeconds(), receivedNanos);
    }

    /**
     * One camera frame whose stamp is given apart from its pixels, so a caller can pass the same reused frame
     * object every time (the pilot node's control path allocates nothing per image).
     */
    public synchronized void onFrame(RgbFrame frame, double stampSeconds, long receivedNanos) {
        failsafe.frameArrived(receivedNanos);
        frames++;
        // Unchanged: (nearly) the same pixels as the frame before, or a stamp that did not advance.
        double change = changes.difference(frame);
        boolean unchanged = change <= config.failsafe().frozenMaxChange() || !Double.isNaN(lastStamp) && !(stampSeconds > lastStamp);
        boolean commandingMotion = forward > 0;
        double dt = timespan(stampSeconds);
        lastDt = dt;
        commandStamp = stampSeconds;
        features.extract(frame, raw);
        if (!Failsafe.allFinite(raw)) {
            fault("features");
            return;
        }
        stats.zScores(raw, z);
        if (failsafe.state() == FailsafeState.DISABLED) {
            stop();
            return;
        }
        policy.step(z, dt);
        policy.neuronStates(neurons);
        boolean finite = true;
        for (int i = 0, k = policy.outputs().size(); i < k; i++) finite &= Double.isFinite(policy.output(i));
        double out = iYaw >= 0 ? policy.output(iYaw) : 0;
        if (!finite || !Failsafe.allFinite(neurons)) {
            fault(finite ? "state" : "output");
            return;
        }
        output = out;
        failsafe.frameOk(z, unchanged, commandingMotion);
        command(dt);
    }

    /** The output timer: trips the image watchdog. Returns true when the pilot is commanding a stop/hover. */
    public synchronized boolean tick(long nowNanos) {
        if (failsafe.tick(nowNanos)) {
            // A long gap makes the next timespan meaningless and the motion features stale.
            features.reset();
            changes.reset();
            lastStamp = Double.NaN;
            stop();
        }
        return failsafe.mustStop();
    }

    public synchronized void setEnabled(boolean enabled, long nowNanos) {
        failsafe.setEnabled(enabled, nowNanos);
        if (!enabled) stop();
    }

    /** Back to the initial state: zero neurons, no previous frame. The failsafe keeps its state. */
    public synchronized void reset() {
        policy.reset();
        features.reset();
        changes.reset();
        lastStamp = Double.NaN;
        output = 0;
        java.util.Arrays.fill(neurons, 0);
        resets++;
        stop();
    }

    private double timespan(double stamp) {
        double dt = Double.isNaN(lastStamp) ? config.nominalDt() : stamp - lastStamp;
        lastStamp = stamp;
        // Stamps that go backwards or repeat (a restarted bag, a duplicated frame) still advance the cell a little.
        if (!(dt > 1e-4)) dt = config.nominalDt();
        return Math.min(dt, config.maxDt());
    }

    private void fault(String where) {
        failsafe.nonFinite(where);
        policy.reset();
        features.reset();
        lastStamp = Double.NaN;
        output = 0;
        java.util.Arrays.fill(neurons, 0);
        resets++;
        stop();
    }

    private void stop() {
        forward = 0;
        left = 0;
        up = 0;
        yawRate = 0;
    }

    private void command(double dt) {
        if (failsafe.mustStop()) {
            stop();
            return;
        }
        double scale = failsafe.speedScale();
        double speed = iForward >= 0 ? clamp(policy.output(iForward), 0, config.speed()) * scale : config.speed() * scale;
        left = iLeft >= 0 ? clamp(policy.output(iLeft), -config.speed(), config.speed()) * scale : 0;
        up = iUp >= 0 ? clamp(policy.output(iUp), -0.5 * config.speed(), 0.5 * config.speed()) * scale : 0;
        double target = config.steering() == SteeringMode.CURVATURE
                ? output * config.outputGain() * speed
                : output * config.outputGain();
        target = Math.max(-config.maxYawRate(), Math.min(config.maxYawRate(), target));
        double maxChange = config.maxYawAccel() * dt;
        yawRate += Math.max(-maxChange, Math.min(maxChange, target - yawRate));
        forward = speed;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    public synchronized double forward() {
        return forward;
    }

    public synchronized double yawRate() {
        return yawRate;
    }

    /**
     * The latest command as every vehicle takes it. A steering-only model flies forward at the configured speed with
     * no lateral or vertical component, so a multicopter holds its altitude.
     */
    public synchronized VehicleCommand command() {
        return new VehicleCommand(forward, left, up, yawRate);
    }

    /** The latest command as forward, left, up and yaw rate in {@code out[0..3]}: {@link #command()} without a new object. */
    public synchronized void command(double[] out) {
        out[0] = forward;
        out[1] = left;
        out[2] = up;
        out[3] = yawRate;
    }

    /** Stamp (seconds) of the image the current command answers. */
    public synchronized double commandStamp() {
        return commandStamp;
    }

    /** The policy's yaw-rate output on the last frame, in its unit, before the pilot's gain and limits (0 if it has none). */
    public synchronized double output() {
        return output;
    }

    public synchronized double lastDt() {
        return lastDt;
    }

    public synchronized FailsafeStatus status() {
        return failsafe.status();
    }

    /** Why the failsafe is in its state: {@link #status()}'s reason without building the status. */
    public synchronized FailsafeReason reason() {
        return failsafe.reason();
    }

    public synchronized FailsafeState state() {
        return failsafe.state();
    }

    /** Copies the last raw features into {@code out}. */
    public synchronized void features(float[] out) {
        System.arraycopy(raw, 0, out, 0, raw.length);
    }

    /** Copies the neuron states after the last step into {@code out}. */
    public synchronized void neurons(float[] out) {
        System.arraycopy(neurons, 0, out, 0, neurons.length);
    }

    public int featureCount() {
        return raw.length;
    }

    public int neuronCount() {
        return neurons.length;
    }

    public synchronized long frames() {
        return frames;
    }

    /** Times the cell was reset (by a fault or a request). */
    public synchronized long resets() {
        return resets;
    }

    public PilotConfig config() {
        return config;
    }

    public Policy policy() {
        return policy;
    }

    @Override
    public void close() {
        features.close();
    }
}
