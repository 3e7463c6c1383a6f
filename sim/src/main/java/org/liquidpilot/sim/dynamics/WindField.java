package org.liquidpilot.sim.dynamics;

import org.liquidpilot.sim.scenario.Scenario;

/** Steady wind plus Dryden turbulence around the vehicle, in the world frame. */
public final class WindField {
    private final double meanX, meanY;
    private final DrydenTurbulence turbulence;
    private final double[] uvw = new double[3];

    public WindField(Scenario.Wind wind, double altitudeM, long seed) {
        double dir = Math.toRadians(wind.directionDeg());
        this.meanX = wind.meanMps() * Math.cos(dir);
        this.meanY = wind.meanMps() * Math.sin(dir);
        this.turbulence = new DrydenTurbulence(wind.turbulence(), altitudeM, seed);
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
