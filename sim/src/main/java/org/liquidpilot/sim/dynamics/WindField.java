package org.liquidpilot.sim.dynamics;

import org.liquidpilot.sim.scenario.Scenario;

/**
 * Steady wind plus Dryden turbulence around the vehicle, in the world frame. The turbulence intensity follows the
 * scenario: {@code dryden} takes W20 (the wind at 20 ft that sets the low-altitude intensities) from the scenario's
 * mean wind; {@code light}, {@code moderate} and {@code severe} ask explicitly for the handbook's W20 of 15, 30 and
 * 45 kt whatever the mean wind; {@code none} is calm air around the mean wind.
 */
public final class WindField {
    private final double meanX, meanY;
    private final DrydenTurbulence turbulence;
    private final double[] uvw = new double[3];

    public WindField(Scenario.Wind wind, double altitudeM, long seed) {
        double dir = Math.toRadians(wind.directionDeg());
        this.meanX = wind.meanMps() * Math.cos(dir);
        this.meanY = wind.meanMps() * Math.sin(dir);
        this.turbulence = new DrydenTurbulence(w20(wind), altitudeM, seed);
    }

    /** W20 (m/s) the scenario's wind sets the turbulence intensity with. */
    public static double w20(Scenario.Wind wind) {
        return wind.turbulence().equals("dryden") ? wind.meanMps() : DrydenTurbulence.handbookW20(wind.turbulence());
    }

    public DrydenTurbulence turbulence() {
        return turbulence;
    }

    /** The air velocity at a vehicle heading {@code yaw} at {@code airspeed}, after {@code dt}, into {@code out}. */
    public void sample(double dt, double yaw, double airspeed, double[] out) {
        turbulence.step(dt, airspeed, uvw);
        double c = Math.cos(yaw), s = Math.sin(yaw);
        out[0] = meanX + uvw[0] * c - uvw[1] * s;
        out[1] = meanY + uvw[0] * s + uvw[1] * c;
        out[2] = uvw[2];
    }
}
