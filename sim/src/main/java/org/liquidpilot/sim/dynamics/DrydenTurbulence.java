package org.liquidpilot.sim.dynamics;

import java.util.SplittableRandom;

/**
 * Low-altitude Dryden turbulence after MIL-F-8785C and MIL-HDBK-1797, with h the height in feet and W20 the mean
 * wind at 20 ft:
 * <pre>
 *   σ_w = 0.1·W20                      σ_u = σ_v = σ_w / (0.177 + 0.000823·h)^0.4
 *   L_w = h                            L_u = L_v = h / (0.177 + 0.000823·h)^1.2
 *   Φ_u(Ω) = σ_u² (2L_u/π) / (1 + (L_u Ω)²)
 *   Φ_v(Ω) = σ_v² (L_v/π) (1 + 3(L_v Ω)²) / (1 + (L_v Ω)²)²       (Φ_w likewise with σ_w, L_w)
 * </pre>
 * Below 10 ft the 10 ft values are used, as the standard's fit starts there. Frozen turbulence is flown through
 * at airspeed V, so a length L becomes a time constant τ = L/V.
 * <p>
 * u is a first-order Gauss-Markov process, exactly discretised. v and w use the shaping filter
 * H(s) = (1 + √3 τs)/(1 + τs)²: with y₁ = n/(1+τs) and y₂ = y₁/(1+τs) it is √3·y₁ + (1 − √3)·y₂, a two-state
 * linear system whose exact discretisation (state transition e^{Ah} and noise covariance ∫e^{As}BBᵀe^{Aᵀs}ds in
 * closed form) keeps the stationary variance at σ² for any step. The integral length scale (∫R(ξ)dξ / σ²) is L_u for
 * u and L/2 for v and w; the tests measure both.
 * <p>
 * Components are along the vehicle's heading (u), to its left (v) and up (w).
 */
public final class DrydenTurbulence {
    static final double FT = 0.3048, KT = 0.514444;
    private static final double SQRT3 = Math.sqrt(3);

    private final double sigmaU, sigmaW, lengthU, lengthW;
    private final SplittableRandom rnd;
    private double u;
    /** Shaping-filter states (y₁, y₂) of v and of w, each with unit stationary variance of y₁. */
    private double v1, v2, w1, w2;

    /**
     * @param w20Mps   mean wind speed at 20 ft (6.1 m), m/s; 0 gives calm air
     * @param altitudeM height above ground
     */
    public DrydenTurbulence(double w20Mps, double altitudeM, long seed) {
        if (!(w20Mps >= 0 && Double.isFinite(w20Mps))) throw new IllegalArgumentException("W20 must be >= 0 m/s, not " + w20Mps);
        double hFt = Math.max(10, Math.min(1000, altitudeM / FT));
        double base = 0.177 + 0.000823 * hFt;
        this.sigmaW = 0.1 * w20Mps;
        this.sigmaU = sigmaW / Math.pow(base, 0.4);
        this.lengthW = hFt * FT;
        this.lengthU = hFt / Math.pow(base, 1.2) * FT;
        this.rnd = new SplittableRandom(seed);
        // Start from the stationary distribution, not from calm air (covariance of (y1, y2) is [[1, ½], [½, ½]]).
        this.u = sigmaU * gaussian();
        this.v1 = gaussian();
        this.v2 = 0.5 * v1 + 0.5 * gaussian();
        this.w1 = gaussian();
        this.w2 = 0.5 * w1 + 0.5 * gaussian();
    }

    /** W20 (m/s) of a handbook intensity word: light, moderate and severe are 15, 30 and 45 kt; none is 0. */
    public static double handbookW20(String intensity) {
        return switch (intensity) {
            case "none" -> 0;
            case "light" -> 15 * KT;
            case "moderate" -> 30 * KT;
            case "severe" -> 45 * KT;
            default -> throw new IllegalArgumentException("turbulence intensity must be none, light, moderate or severe, not " + intensity);
        };
    }

    public double sigmaU() { return sigmaU; }
    public double sigmaV() { return sigmaU; }
    public double sigmaW() { return sigmaW; }
    public double lengthU() { return lengthU; }
    public double lengthV() { return lengthU; }
    public double lengthW() { return lengthW; }

    /** Advances {@code dt} seconds at {@code airspeed} and writes {u, v, w} (m/s) into {@code out}. */
    public void step(double dt, double airspeed, double[] out) {
        double speed = Math.max(1.0, airspeed);
        double au = Math.exp(-speed * dt / lengthU);
        u = au * u + sigmaU * Math.sqrt(1 - au * au) * gaussian();
        // v and w: σ/√2 times the filter output, whose variance is 2 when y₁ has unit variance.
        double tauV = lengthU / speed, tauW = lengthW / speed;
        double[] next = shaped(v1, v2, dt / tauV, gaussian(), gaussian());
        v1 = next[0];
        v2 = next[1];
        next = shaped(w1, w2, dt / tauW, gaussian(), gaussian());
        w1 = next[0];
        w2 = next[1];
        double inv = 1 / Math.sqrt(2);
        out[0] = u;
        out[1] = sigmaU * inv * (SQRT3 * v1 + (1 - SQRT3) * v2);
        out[2] = sigmaW * inv * (SQRT3 * w1 + (1 - SQRT3) * w2);
    }

    private final double[] pair = new double[2];

    /**
     * Exact step of dy₁ = −y₁/τ dt + √(2/τ) dW, dy₂ = (y₁ − y₂)/τ dt over x = h/τ, with standard normal draws
     * {@code n1}, {@code n2}. Returns a buffer reused by the next call.
     */
    private double[] shaped(double y1, double y2, double x, double n1, double n2) {
        double e = Math.exp(-x), e2 = e * e;
        // Transition: e^{-x} [[1, 0], [x, 1]].
        double m1 = e * y1, m2 = e * (x * y1 + y2);
        // Noise covariance for b² = 2/τ, in units where τ = 1: Q = 2·∫0^x e^{-2s}[[1, s], [s, s²]] ds.
        double q11 = 1 - e2;
        double q12 = 0.5 * (1 - e2 * (1 + 2 * x));
        double q22 = 0.5 * (1 - e2 * (1 + 2 * x + 2 * x * x));
        double l11 = Math.sqrt(Math.max(0, q11));
        double l21 = l11 > 0 ? q12 / l11 : 0;
        double l22 = Math.sqrt(Math.max(0, q22 - l21 * l21));
        pair[0] = m1 + l11 * n1;
        pair[1] = m2 + l21 * n1 + l22 * n2;
        return pair;
    }

    private double gaussian() {
        // Box-Muller from the seeded stream keeps runs reproducible across JDKs.
        double a = rnd.nextDouble(), b = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - a)) * Math.cos(2 * Math.PI * b);
    }
}
