package org.liquidpilot.sim.dynamics;

import org.junit.jupiter.api.Test;
import org.liquidpilot.sim.scenario.Scenario;

import static org.junit.jupiter.api.Assertions.*;

/** Dryden turbulence against the MIL-F-8785C / MIL-HDBK-1797 formulas it claims. */
class DrydenTurbulenceTest {

    @Test
    void scalesFollowTheLowAltitudeFormulas() {
        double w20 = 45 * DrydenTurbulence.KT;
        DrydenTurbulence d = new DrydenTurbulence(w20, 20 * 0.3048, 1);
        // h = 20 ft, W20 = 45 kt: sigma_w = 4.5 kt, L_w = 20 ft.
        assertEquals(4.5 * 0.514444, d.sigmaW(), 1e-9);
        double base = 0.177 + 0.000823 * 20;
        assertEquals(4.5 * 0.514444 / Math.pow(base, 0.4), d.sigmaU(), 1e-9);
        assertEquals(20 * 0.3048, d.lengthW(), 1e-9);
        assertEquals(20 / Math.pow(base, 1.2) * 0.3048, d.lengthU(), 1e-9);
        assertEquals(0, new DrydenTurbulence(0, 5, 1).sigmaU());
        assertThrows(IllegalArgumentException.class, () -> new DrydenTurbulence(-1, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> DrydenTurbulence.handbookW20("hurricane"));
    }

    @Test
    void intensityFollowsTheScenarioWindUnlessAHandbookWordIsAskedFor() {
        assertEquals(5, WindField.w20(new Scenario.Wind(5, 90, "dryden")), 1e-12, "dryden: W20 is the scenario's wind");
        assertEquals(0.5, new WindField(new Scenario.Wind(5, 90, "dryden"), 2, 1).turbulence().sigmaW(), 1e-12);
        assertEquals(30 * DrydenTurbulence.KT, WindField.w20(new Scenario.Wind(5, 90, "moderate")), 1e-12, "explicit handbook moderate");
        assertEquals(45 * DrydenTurbulence.KT, WindField.w20(new Scenario.Wind(0, 90, "severe")), 1e-12);
        assertEquals(0, WindField.w20(new Scenario.Wind(8, 90, "none")), 1e-12, "steady wind only");
    }

    /**
     * Over a long sample each component has the formula's σ, and its integral length scale V·∫R(τ)dτ/σ² is L_u for
     * u (first-order form) and L/2 for v and w (the second-order form's R(ξ) = σ²(1 − ξ/2L)e^{−ξ/L}), within 10%.
     */
    @Test
    void longSamplesHaveTheFormulaSigmaAndLengthScale() {
        double v = 5, dt = 0.05;
        DrydenTurbulence d = new DrydenTurbulence(8, 2, 42);
        int n = 600_000;
        double[][] x = new double[3][n];
        double[] o = new double[3];
        for (int i = 0; i < n; i++) {
            d.step(dt, v, o);
            for (int k = 0; k < 3; k++) x[k][i] = o[k];
        }
        double[] sigma = {d.sigmaU(), d.sigmaV(), d.sigmaW()};
        double[] scale = {d.lengthU(), d.lengthV() / 2, d.lengthW() / 2};
        double[] length = {d.lengthU(), d.lengthV(), d.lengthW()};
        String[] name = {"u", "v", "w"};
        for (int k = 0; k < 3; k++) {
            double var = 0;
            for (double s : x[k]) var += s * s;
            var /= n;
            assertEquals(sigma[k], Math.sqrt(var), 0.1 * sigma[k], name[k] + " sigma");
            int maxLag = (int) Math.ceil(6 * length[k] / v / dt);
            double integral = 0;
            for (int lag = 0; lag <= maxLag; lag++) {
                double r = 0;
                for (int i = 0; i + lag < n; i++) r += x[k][i] * x[k][i + lag];
                r /= (n - lag);
                integral += (lag == 0 ? 0.5 : 1) * r * dt;
            }
            double measured = v * integral / var;
            assertEquals(scale[k], measured, 0.1 * scale[k], name[k] + " integral length scale (m)");
        }
    }

    @Test
    void samplesAreReproducibleFromTheSeed() {
        DrydenTurbulence a = new DrydenTurbulence(10, 2, 9), b = new DrydenTurbulence(10, 2, 9);
        double[] o = new double[3], p = new double[3];
        for (int i = 0; i < 1000; i++) {
            a.step(0.02, 5, o);
            b.step(0.02, 5, p);
            assertArrayEquals(o, p);
        }
    }
}
