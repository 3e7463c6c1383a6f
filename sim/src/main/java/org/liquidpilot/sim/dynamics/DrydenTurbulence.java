package org.liquidpilot.sim.dynamics;

import java.util.SplittableRandom;

/**
 * Low-altitude Dryden turbulence after MIL-F-8785C: with h in feet and W20 the wind at 20 ft (15, 30, 45 kt for
 * light, moderate, severe), L_w = h, L_u = L_v = h/(0.177+0.000823h)^1.2, sigma_w = 0.1 W20 and
 * sigma_u = sigma_v = sigma_w/(0.177+0.000823h)^0.4. Each component is a first-order Gauss-Markov process with that
 * sigma and a correlation time L/V, discretised exactly: it has the Dryden variance and correlation length, and
 * the first-order (u) spectrum; v and w keep the same variance and scale but not the second-order spectral shape.
 * Components are along the vehicle's heading (u), to its left (v) and up (w).
 */
public final class DrydenTurbulence {
    static final double FT = 0.3048, KT = 0.514444;

    private final double sigmaU, sigmaW, lengthU, lengthW;
    private final SplittableRandom rnd;
    private double u, v, w;

    /**
     * @param intensity none, light, moderate or severe
     * @param altitudeM height above ground; below 10 ft the 10 ft values are used, as the standard's fit starts there
     */
    public DrydenTurbulence(String intensity, double altitudeM, long seed) {
        double w20kt = switch (intensity) {
            case "none" -> 0;
            case "light" -> 15;
            case "moderate" -> 30;
            case "severe" -> 45;
            default -> throw new IllegalArgumentException("turbulence must be none, light, moderate or severe, not " + intensity);
        };
        double hFt = Math.max(10, Math.min(1000, altitudeM / FT));
        double base = 0.177 + 0.000823 * hFt;
        this.sigmaW = 0.1 * w20kt * KT;
        this.sigmaU = sigmaW / Math.pow(base, 0.4);
        this.lengthW = hFt * FT;
        this.lengthU = hFt / Math.pow(base, 1.2) * FT;
        this.rnd = new SplittableRandom(seed);
        // Start from the stationary distribution, not from calm air.
        this.u = sigmaU * gaussian();
        this.v = sigmaU * gaussian();
        this.w = sigmaW * gaussian();
    }

    public double sigmaU() { return sigmaU; }
    public double sigmaW() { return sigmaW; }
    public double lengthU() { return lengthU; }
    public double lengthW() { return lengthW; }

    /** Advances {@code dt} seconds at {@code airspeed} and writes {u, v, w} (m/s) into {@code out}. */
    public void step(double dt, double airspeed, double[] out) {
        double speed = Math.max(1.0, airspeed);
        double au = Math.exp(-speed * dt / lengthU), aw = Math.exp(-speed * dt / lengthW);
        double ku = sigmaU * Math.sqrt(1 - au * au), kw = sigmaW * Math.sqrt(1 - aw * aw);
        u = au * u + ku * gaussian();
        v = au * v + ku * gaussian();
        w = aw * w + kw * gaussian();
        out[0] = u;
        out[1] = v;
        out[2] = w;
    }

    private double gaussian() {
        // Box-Muller from the seeded stream keeps runs reproducible across JDKs.
        double a = rnd.nextDouble(), b = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - a)) * Math.cos(2 * Math.PI * b);
    }
}
