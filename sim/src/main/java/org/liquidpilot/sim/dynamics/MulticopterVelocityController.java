package org.liquidpilot.sim.dynamics;

/**
 * The velocity stage of a PX4-style multicopter position controller, as offboard velocity setpoints drive it: a
 * velocity setpoint in; a thrust vector out, which the attitude controller then makes real by tilting.
 * <p>
 * All vectors are in the world frame (x east, y north, z up) and thrust is specific (m/s², thrust over mass).
 * <ol>
 *   <li><b>Setpoint.</b> The body-frame (forward, left) setpoint is turned into the world by the yaw ψ; horizontal
 *   speed is limited to {@code MPC_XY_VEL_MAX}. A vertical setpoint of 0 holds the altitude latched when it became 0:
 *   v<sub>z,sp</sub> = MPC_Z_P · (z<sub>hold</sub> − z), within {@code MPC_Z_VEL_MAX_UP/DN}.</li>
 *   <li><b>Velocity PID.</b> e = v<sub>sp</sub> − v;
 *   a<sub>sp</sub> = P·e + ∫I·e dt − D·a<sub>measured</sub> (derivative on the measurement, as PX4 does, so setpoint
 *   steps do not kick).</li>
 *   <li><b>Acceleration → thrust direction.</b> The thrust points along (a<sub>sp,x</sub>, a<sub>sp,y</sub>, g), tilted
 *   no further than {@code MPC_TILTMAX_AIR} from vertical; its magnitude gives the vertical acceleration asked:
 *   |T| = (a<sub>sp,z</sub> + g) / cos(tilt).</li>
 *   <li><b>Thrust limits</b> (normalised thrust n = |T|·{@code MPC_THR_HOVER}/g). The vertical part is kept in
 *   [{@code MPC_THR_MIN}, {@code MPC_THR_MAX}] first, since holding height matters most; the horizontal part gets what
 *   is left of {@code MPC_THR_MAX}.</li>
 *   <li><b>Anti-windup.</b> The vertical integral stops while the vertical thrust sits on a limit in the direction
 *   the error pushes. The horizontal integral integrates e − (2/P)·(a<sub>sp,xy</sub> − a<sub>produced,xy</sub>)
 *   when the limits cut the acceleration (back-calculation): it unwinds instead of growing while tilt-limited.</li>
 * </ol>
 * Not thread-safe; allocates nothing per step.
 */
public final class MulticopterVelocityController {
    static final double G = 9.81;

    private final FlightControllerParams p;
    private final double tiltMax, thrustPerNorm;
    private double intX, intY, intZ;
    private double zHold;
    private boolean holding;

    public MulticopterVelocityController(FlightControllerParams params) {
        this.p = params;
        this.tiltMax = Math.toRadians(params.mpcTiltmaxAir());
        this.thrustPerNorm = G / params.mpcThrHover();
    }

    public FlightControllerParams params() {
        return p;
    }

    /**
     * Starts in steady flight: the integrators hold what cancels {@code steadyAccel} (for example the drag at cruise
     * in still air), as they would after flying that way for a while.
     */
    public void reset(double z, double steadyAx, double steadyAy) {
        intX = steadyAx;
        intY = steadyAy;
        intZ = 0;
        zHold = z;
        holding = true;
    }

    /**
     * One control step.
     *
     * @param forward  body-frame setpoint, m/s
     * @param left     body-frame setpoint, m/s
     * @param up       vertical setpoint, m/s; 0 holds altitude
     * @param yaw      current heading, rad
     * @param pos      current position {x, y, z}
     * @param vel      current velocity {x, y, z}
     * @param accel    current measured acceleration {x, y, z} (for the D term)
     * @param thrustOut receives the specific thrust setpoint {x, y, z}, m/s²
     */
    public void update(double forward, double left, double up, double yaw, double[] pos, double[] vel, double[] accel,
                       double dt, double[] thrustOut) {
        double c = Math.cos(yaw), s = Math.sin(yaw);
        double vxSp = forward * c - left * s, vySp = forward * s + left * c;
        double h = Math.hypot(vxSp, vySp);
        if (h > p.mpcXyVelMax()) {
            vxSp *= p.mpcXyVelMax() / h;
            vySp *= p.mpcXyVelMax() / h;
        }
        double vzSp;
        if (up == 0) {
            if (!holding) {
                zHold = pos[2];
                holding = true;
            }
            vzSp = p.mpcZP() * (zHold - pos[2]);
        } else {
            holding = false;
            vzSp = up;
        }
        vzSp = Math.max(-p.mpcZVelMaxDn(), Math.min(p.mpcZVelMaxUp(), vzSp));

        double ex = vxSp - vel[0], ey = vySp - vel[1], ez = vzSp - vel[2];
        double kp = p.mpcXyVelPAcc(), kd = p.mpcXyVelDAcc();
        double axSp = kp * ex + intX - kd * accel[0];
        double aySp = kp * ey + intY - kd * accel[1];
        double azSp = p.mpcZVelPAcc() * ez + intZ;

        // Thrust direction from the acceleration, tilt-limited; magnitude from the vertical acceleration asked.
        double horiz = Math.hypot(axSp, aySp);
        double tilt = Math.atan2(horiz, G);
        double tx, ty;
        if (tilt > tiltMax) tilt = tiltMax;
        double dirX = horiz > 0 ? axSp / horiz : 0, dirY = horiz > 0 ? aySp / horiz : 0;
        double magnitude = (azSp + G) / Math.cos(tilt);
        double tMin = p.mpcThrMin() * thrustPerNorm, tMax = p.mpcThrMax() * thrustPerNorm;
        magnitude = Math.max(tMin, magnitude);
        double tz = magnitude * Math.cos(tilt);
        tx = magnitude * Math.sin(tilt) * dirX;
        ty = magnitude * Math.sin(tilt) * dirY;

        // Vertical first, then what is left of the maximum for the horizontal part.
        boolean zSaturatedLow = tz <= tMin, zSaturatedHigh = tz >= tMax;
        tz = Math.max(tMin, Math.min(tMax, tz));
        double txy = Math.hypot(tx, ty), txyMax = Math.sqrt(Math.max(0, tMax * tMax - tz * tz));
        if (txy > txyMax) {
            tx *= txyMax / txy;
            ty *= txyMax / txy;
        }
        thrustOut[0] = tx;
        thrustOut[1] = ty;
        thrustOut[2] = tz;

        // Anti-windup.
        if ((zSaturatedHigh && ez > 0) || (zSaturatedLow && ez < 0)) ez = 0;
        intZ += p.mpcZVelIAcc() * ez * dt;
        double cutX = axSp - tx, cutY = aySp - ty;
        if (axSp * axSp + aySp * aySp > tx * tx + ty * ty) {
            double arw = 2 / kp;
            ex -= arw * cutX;
            ey -= arw * cutY;
        }
        intX += p.mpcXyVelIAcc() * ex * dt;
        intY += p.mpcXyVelIAcc() * ey * dt;
    }

    /** The horizontal integrator's acceleration, world frame (what it has learnt of wind and drag). */
    public double integralX() {
        return intX;
    }

    public double integralY() {
        return intY;
    }
}
