package org.liquidpilot.sim.run;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.VehicleCommand;

/**
 * What the simulator drives: one camera frame in, one {@link VehicleCommand} out (forward, left and up velocity in
 * the body frame, and a yaw rate). {@code dtSeconds} is the simulated time since the previous frame, the timespan a
 * liquid cell integrates over.
 * <p>
 * Frames handed to a policy may share one buffer that the next frame overwrites; a policy that keeps a frame copies
 * its bytes.
 */
@FunctionalInterface
public interface DrivingPolicy {

    VehicleCommand act(RgbFrame frame, double dtSeconds);

    /** Called at the start of every episode: forget any hidden state. */
    default void reset() {}
}
