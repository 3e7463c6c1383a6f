package org.liquidpilot.sim.expert;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.run.PrivilegedPolicy;
import org.liquidpilot.sim.world.Centreline;
import org.liquidpilot.sim.world.World;

/**
 * Pure pursuit on the ground-truth centreline: aim at the path point one look-ahead distance further on and
 * command the arc through it, curvature 2 sin(alpha)/L. The quadrotor gets that curvature times its speed as a
 * yaw rate. It ignores the frame.
 */
public final class PurePursuitExpert implements PrivilegedPolicy {
    private final boolean yawRateOutput;
    private final double lookahead;
    private final double[] target = new double[3];
    private int hint = -1;
    private double command;

    /**
     * @param yawRateOutput true for the quadrotor (command in rad/s), false for the car (curvature)
     * @param speedMps      cruise speed; sets the look-ahead distance
     */
    public PurePursuitExpert(boolean yawRateOutput, double speedMps) {
        this.yawRateOutput = yawRateOutput;
        this.lookahead = yawRateOutput ? Math.max(1.6, 0.6 * speedMps) : Math.max(4.0, 1.0 * speedMps);
    }

    @Override
    public void observe(VehicleState s, World world) {
        Centreline c = world.centreline();
        Centreline.Projection p = c.project(s.x(), s.y(), hint, hint < 0 ? 0 : 60);
        if (hint < 0) p = c.project(s.x(), s.y());
        hint = p.segment();
        c.pointAt(p.along() + lookahead, target);
        double dx = target[0] - s.x(), dy = target[1] - s.y();
        double alpha = Math.atan2(dy, dx) - s.yaw();
        alpha = Math.atan2(Math.sin(alpha), Math.cos(alpha));
        double dist = Math.max(0.5, Math.hypot(dx, dy));
        double curvature = 2 * Math.sin(alpha) / dist;
        command = yawRateOutput ? curvature * Math.max(0.5, s.groundSpeed()) : curvature;
    }

    @Override
    public double steer(RgbFrame frame, double dtSeconds) {
        return command;
    }

    @Override
    public void reset() {
        hint = -1;
        command = 0;
    }
}
