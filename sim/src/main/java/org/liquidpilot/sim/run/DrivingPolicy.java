package org.liquidpilot.sim.run;

import org.liquidpilot.perception.RgbFrame;

/**
 * What the simulator drives: one camera frame in, one command out. The command is a path curvature (1/m) for the
 * car and a yaw rate (rad/s) for the quadrotor; positive turns left. {@code dtSeconds} is the simulated time since
 * the previous frame, the timespan a liquid cell integrates over.
 * <p>
 * Frames handed to a policy may share one buffer that the next frame overwrites; a policy that keeps a frame copies
 * its bytes.
 */
@FunctionalInterface
public interface DrivingPolicy {

    double steer(RgbFrame frame, double dtSeconds);

    /** Called at the start of every episode: forget any hidden state. */
    default void reset() {}
}
