package org.liquidpilot.sim.expert;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.sim.dynamics.Quadrotor;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.run.PrivilegedPolicy;
import org.liquidpilot.sim.world.Centreline;
import org.liquidpilot.sim.world.World;

/**
 * The privileged expert: it sees the ground-truth centreline and state, never the frame.
 * <p>
 * Heading by pure pursuit: aim at the path point one look-ahead distance L further on and turn along the arc through
 * it, curvature κ = 2 sin(α)/L. The car drives that curvature at its cruise speed.
 * <p>
 * The quadrotor uses the whole offboard interface. Yaw rate ω = κ·V keeps the camera looking down the trail; a
 * lateral velocity v_left = −K_y·e_y (e_y the signed cross-track error, positive left of the path) pulls it back
 * onto the centreline without having to turn away from it; v_up = K_z·(h_ref − h) holds the flight height; and
 * the forward speed eases off in tight bends, V = V_cruise / (1 + K_κ·|κ_path|), with the path's own curvature
 * read ahead, so gusts in a bend do not carry it out of the corridor.
 */
public final class PurePursuitExpert implements PrivilegedPolicy {
    /** Lateral correction gain (1/s) and its limit (m/s). */
    static final double K_LATERAL = 1.2, MAX_LATERAL_MPS = 1.5;
    /** Height-hold gain (1/s) and its limit (m/s). */
    static final double K_HEIGHT = 1.0, MAX_CLIMB_MPS = 1.0;
    /** How strongly bends slow the quadrotor: at path curvature 1/K_BEND (1/m) it flies at half speed. */
    static final double K_BEND = 5.0;

    private final boolean quad;
    private final double cruise;
    private final double lookahead;
    private final double[] target = new double[3];
    private final double[] ahead = new double[3];
    private int hint = -1;
    private VehicleCommand command = VehicleCommand.ZERO;

    /**
     * @param quad     true for the quadrotor (all four components), false for the car (speed and curvature)
     * @param speedMps cruise speed; sets the look-ahead distance
     */
    public PurePursuitExpert(boolean quad, double speedMps) {
        this.quad = quad;
        this.cruise = speedMps;
        this.lookahead = quad ? Math.max(1.6, 0.6 * speedMps) : Math.max(4.0, 1.0 * speedMps);
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
        if (!quad) {
            command = VehicleCommand.ofCurvature(cruise, curvature);
            return;
        }
        double bend = pathCurvature(c, p.along());
        double forward = cruise / (1 + K_BEND * bend);
        double left = clamp(-K_LATERAL * p.crossTrack(), MAX_LATERAL_MPS);
        double up = clamp(K_HEIGHT * (Quadrotor.ALTITUDE_M - s.altitude()), MAX_CLIMB_MPS);
        // Exactly 0 lets the flight controller hold height itself; a tiny correction would fight it.
        if (Math.abs(up) < 0.05) up = 0;
        command = new VehicleCommand(forward, left, up, curvature * Math.max(0.5, forward));
    }

    /** The largest heading change per metre over the next two look-ahead distances. */
    private double pathCurvature(Centreline c, double along) {
        double step = lookahead / 2, worst = 0;
        c.pointAt(along, ahead);
        double x0 = ahead[0], y0 = ahead[1];
        c.pointAt(along + step, ahead);
        double h0 = Math.atan2(ahead[1] - y0, ahead[0] - x0);
        double px = ahead[0], py = ahead[1];
        for (int k = 2; k <= 4; k++) {
            c.pointAt(along + k * step, ahead);
            double h1 = Math.atan2(ahead[1] - py, ahead[0] - px);
            double d = Math.atan2(Math.sin(h1 - h0), Math.cos(h1 - h0));
            worst = Math.max(worst, Math.abs(d) / step);
            h0 = h1;
            px = ahead[0];
            py = ahead[1];
        }
        return worst;
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
        hint = -1;
        command = VehicleCommand.ZERO;
    }
}
