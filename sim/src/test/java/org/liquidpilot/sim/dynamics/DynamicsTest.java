package org.liquidpilot.sim.dynamics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class DynamicsTest {
    static final double[] CALM = {0, 0, 0};

    @Test
    void carDrivesStraightAndTurnsLeftOnPositiveCurvature() {
        BicycleCar car = new BicycleCar(5);
        car.reset(0, 0, 0);
        for (int i = 0; i < 100; i++) car.step(0, 0.02, CALM);
        assertEquals(10, car.state().x(), 1e-9);
        assertEquals(0, car.state().y(), 1e-9);
        for (int i = 0; i < 200; i++) car.step(0.1, 0.02, CALM);
        assertTrue(car.state().y() > 1, "turned left: " + car.state());
        // Steady state: yaw rate = v * curvature.
        assertEquals(0.5, car.state().yawRate(), 1e-6);
    }

    @Test
    void carSteeringIsLimited() {
        BicycleCar car = new BicycleCar(5);
        car.reset(0, 0, 0);
        for (int i = 0; i < 200; i++) car.step(10, 0.02, CALM);
        assertEquals(5 * Math.tan(BicycleCar.MAX_STEER_RAD) / BicycleCar.WHEELBASE_M, car.state().yawRate(), 1e-9);
    }

    @Test
    void crosswindPushesTheCar() {
        BicycleCar car = new BicycleCar(5);
        car.reset(0, 0, 0);
        for (int i = 0; i < 250; i++) car.step(0, 0.02, new double[]{0, 10, 0});
        assertTrue(car.state().y() > 1, "a 10 m/s wind from the right pushes it left: " + car.state());
    }

    @Test
    void quadHoldsCruiseInCalmAirAndDriftsInWind() {
        Quadrotor calm = new Quadrotor(3), windy = new Quadrotor(3);
        calm.reset(0, 0, 0);
        windy.reset(0, 0, 0);
        for (int i = 0; i < 500; i++) {
            calm.step(0, 0.02, CALM);
            windy.step(0, 0.02, new double[]{0, 8, 0});
        }
        assertEquals(30, calm.state().x(), 1e-6);
        assertEquals(0, calm.state().y(), 1e-9);
        assertEquals(Quadrotor.ALTITUDE_M, calm.state().altitude(), 1e-9);
        assertTrue(windy.state().y() > 5, "steady crosswind drift: " + windy.state());
        assertTrue(windy.state().roll() < 0, "leans into the wind: " + windy.state());
    }

    @Test
    void quadYawRateFollowsCommand() {
        Quadrotor q = new Quadrotor(3);
        q.reset(0, 0, 0);
        for (int i = 0; i < 100; i++) q.step(0.5, 0.02, CALM);
        assertEquals(0.5, q.state().yawRate(), 1e-3);
        for (int i = 0; i < 100; i++) q.step(50, 0.02, CALM);
        assertEquals(Quadrotor.MAX_YAW_RATE, q.state().yawRate(), 1e-3);
    }

    @Test
    void drydenScalesFollowMilF8785c() {
        DrydenTurbulence d = new DrydenTurbulence("severe", 20 * 0.3048, 1);
        // h = 20 ft, W20 = 45 kt: sigma_w = 4.5 kt, L_w = 20 ft.
        assertEquals(4.5 * 0.514444, d.sigmaW(), 1e-9);
        double base = 0.177 + 0.000823 * 20;
        assertEquals(4.5 * 0.514444 / Math.pow(base, 0.4), d.sigmaU(), 1e-9);
        assertEquals(20 * 0.3048, d.lengthW(), 1e-9);
        assertEquals(20 / Math.pow(base, 1.2) * 0.3048, d.lengthU(), 1e-9);
        assertEquals(0, new DrydenTurbulence("none", 5, 1).sigmaU());
        assertThrows(IllegalArgumentException.class, () -> new DrydenTurbulence("hurricane", 5, 1));
    }

    @Test
    void drydenSamplesHaveTheRightSpreadAndAreReproducible() {
        DrydenTurbulence a = new DrydenTurbulence("moderate", 2, 9), b = new DrydenTurbulence("moderate", 2, 9);
        double[] o = new double[3], p = new double[3];
        double sumU = 0, sumW = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            a.step(0.02, 5, o);
            b.step(0.02, 5, p);
            assertArrayEquals(o, p);
            sumU += o[0] * o[0];
            sumW += o[2] * o[2];
        }
        assertEquals(a.sigmaU(), Math.sqrt(sumU / n), 0.15 * a.sigmaU());
        assertEquals(a.sigmaW(), Math.sqrt(sumW / n), 0.15 * a.sigmaW());
    }
}
