package org.liquidpilot.sim.expert;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.sim.dynamics.Quadrotor;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.run.PrivilegedPolicy;
import org.liquidpilot.sim.run.TargetProgress;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.world.Tree;
import org.liquidpilot.sim.world.World;

import java.util.List;

/**
 * The privileged expert of the target tasks: it knows where the targets and the trees are, never looks at the frame,
 * and flies the quadrotor's whole offboard interface through the same flight controller a policy does.
 * <ul>
 *   <li>Yaw rate ω = K_yaw·β (β the target's bearing off the heading) keeps the target centred in the camera.</li>
 *   <li>Forward speed V = min(V_cruise, K_v·(d − d_stop))·cos²β: it slows into a hover {@link #STOP_M} short of the
 *       target (inside the task's 2 m reach, outside the marker) and barely creeps while the target is off to a side.</li>
 *   <li>Sideways, v_left pulls it back onto the straight leg (−K_y·e, e its offset, left positive) that the world
 *       keeps clear of trees, so wind cannot push it into the forest. An obstacle within {@link #AVOID_RANGE_M} that
 *       lies in its way (less than its radius + {@link #BODY_M} + {@link #MARGIN_M} off the course) makes it step
 *       aside at full lateral speed, away from the obstacle's side (left when dead ahead), braking to the obstacle;
 *       beside one it holds its offset until the obstacle is behind. On a hike the marker just reached stands at the
 *       start of the next leg, and this is how it goes round it.</li>
 *   <li>v_up holds the flight height as on the trail.</li>
 * </ul>
 * It moves on to the next target by the task's own criterion ({@link TargetProgress#reached}), on the same states the
 * runner scores, so the two never disagree about which target is current.
 */
public final class TargetExpert implements PrivilegedPolicy {
    static final double K_YAW = 2.5, MAX_YAW_RATE = 1.5;
    static final double K_APPROACH = 0.8, STOP_M = 1.4;
    static final double K_LATERAL = 1.0, MAX_LATERAL_MPS = 1.5;
    /** Obstacles whose surface comes this close are avoided; BODY_M is the airframe's radius, MARGIN_M the room kept. */
    static final double AVOID_RANGE_M = 2.5, BODY_M = 0.35, MARGIN_M = 0.45, BEHIND_M = 0.3, K_BRAKE = 1.0;
    static final double K_HEIGHT = 1.0, MAX_CLIMB_MPS = 1.0;

    private final double cruise, reachM, maxBearingRad;
    private boolean started;
    private int next;
    private double legX, legY;
    private VehicleCommand command = VehicleCommand.ZERO;

    public TargetExpert(double speedMps, Scenario.Success success) {
        this.cruise = speedMps;
        this.reachM = success.reachM();
        this.maxBearingRad = Math.toRadians(success.maxBearingDeg());
    }

    @Override
    public void observe(VehicleState s, World world) {
        List<Tree> targets = world.targets();
        if (targets.isEmpty()) {
            command = VehicleCommand.ZERO;
            return;
        }
        if (!started) {
            started = true;
            legX = s.x();
            legY = s.y();
        }
        Tree g = targets.get(next);
        double dx = g.x() - s.x(), dy = g.y() - s.y(), d = Math.hypot(dx, dy);
        double bearing = TargetProgress.bearing(s, g);
        if (next < targets.size() - 1 && TargetProgress.reached(d, bearing, reachM, maxBearingRad)) {
            // The next leg starts where this target was reached: that line is what it holds to.
            legX = s.x();
            legY = s.y();
            g = targets.get(++next);
            dx = g.x() - s.x();
            dy = g.y() - s.y();
            d = Math.hypot(dx, dy);
            bearing = TargetProgress.bearing(s, g);
        }
        double yawRate = clamp(K_YAW * bearing, MAX_YAW_RATE);
        double facing = Math.max(0, Math.cos(bearing));
        double forward = Math.max(0, Math.min(cruise, K_APPROACH * (d - STOP_M))) * facing * facing;

        // World-frame sideways velocity: back onto the leg, away from whatever comes too close.
        double lx = g.x() - legX, ly = g.y() - legY, len = Math.hypot(lx, ly);
        double ux = len > 1e-6 ? lx / len : Math.cos(s.yaw()), uy = len > 1e-6 ? ly / len : Math.sin(s.yaw());
        double offset = ux * (s.y() - legY) - uy * (s.x() - legX); // left of the leg positive
        double side = -K_LATERAL * offset;
        Tree near = world.nearest(s.x(), s.y(), AVOID_RANGE_M, g);
        if (near != null) {
            double ox = near.x() - s.x(), oy = near.y() - s.y();
            double ahead = ox * ux + oy * uy, across = ux * oy - uy * ox; // along the leg; left of the drone positive
            if (ahead > -BEHIND_M) {
                double clearance = near.radius() + BODY_M + MARGIN_M;
                if (Math.abs(across) < clearance) {
                    // In the way: step aside at full speed, away from its side (left when dead ahead), and brake so
                    // that the step comes before the obstacle does.
                    side = (across > 0.05 ? -1 : 1) * MAX_LATERAL_MPS;
                    if (ahead > 0) forward = Math.min(forward, Math.max(0, K_BRAKE * (ahead - clearance)));
                } else {
                    side = 0; // passing beside it: keep the offset until it is behind, then back onto the leg
                }
            }
        }
        side = clamp(side, MAX_LATERAL_MPS);
        // Into the body frame: the sideways push is along the leg's left normal (-uy, ux).
        double cy = Math.cos(s.yaw()), sy = Math.sin(s.yaw());
        double wx = -uy * side, wy = ux * side;
        forward += wx * cy + wy * sy;
        double left = -wx * sy + wy * cy;
        forward = Math.max(-1, forward);

        double up = clamp(K_HEIGHT * (Quadrotor.ALTITUDE_M - s.altitude()), MAX_CLIMB_MPS);
        if (Math.abs(up) < 0.05) up = 0; // exactly 0 lets the flight controller hold the height itself
        command = new VehicleCommand(forward, left, up, yawRate);
    }

    /** Which target it is flying to (0-based). */
    public int current() {
        return next;
    }

    private static double clamp(double v, double max) {
        return Math.max(-max, Math.min(max, v));
    }

    @Override
    public VehicleCommand act(RgbFrame frame, double dtSeconds) {
        return command;
    }

    @Override
    public void reset() {
        started = false;
        next = 0;
        command = VehicleCommand.ZERO;
    }
}
