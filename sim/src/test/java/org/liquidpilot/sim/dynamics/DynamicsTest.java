package org.liquidpilot.sim.dynamics;

import org.junit.jupiter.api.Test;
import org.liquidpilot.pilot.VehicleCommand;

import static org.junit.jupiter.api.Assertions.*;

class DynamicsTest {
    static final double[] CALM = {0, 0, 0};

    @Test
    void carDrivesStraightAndTurnsLeftOnPositiveCurvature() {
        BicycleCar car = new BicycleCar(5);
        car.reset(0, 0, 0);
        for (int i = 0; i < 100; i++) car.step(VehicleCommand.car(5, 0), 0.02, CALM);
        assertEquals(10, car.state().x(), 1e-9);
        assertEquals(0, car.state().y(), 1e-9);
        for (int i = 0; i < 200; i++) car.step(VehicleCommand.ofCurvature(5, 0.1), 0.02, CALM);
        assertTrue(car.state().y() > 1, "turned left: " + car.state());
        // Steady state: yaw rate = v * curvature.
        assertEquals(0.5, car.state().yawRate(), 1e-6);
    }

    @Test
    void carSteeringIsLimited() {
        BicycleCar car = new BicycleCar(5);
        car.reset(0, 0, 0);
        for (int i = 0; i < 200; i++) car.step(VehicleCommand.ofCurvature(5, 10), 0.02, CALM);
        assertEquals(5 * Math.tan(BicycleCar.MAX_STEER_RAD) / BicycleCar.WHEELBASE_M, car.state().yawRate(), 1e-9);
    }

    @Test
    void carFollowsTheCommandedSpeedWithinItsAccelerationLimitAndStopsOnZero() {
        BicycleCar car = new BicycleCar(5);
        car.reset(0, 0, 0);
        car.step(VehicleCommand.ZERO, 0.5, CALM);
        assertEquals(5 - BicycleCar.MAX_ACCEL_MPS2 * 0.5, car.state().groundSpeed(), 1e-9, "braking is rate limited");
        for (int i = 0; i < 100; i++) car.step(VehicleCommand.ZERO, 0.02, new double[]{0, 10, 0});
        double x = car.state().x(), y = car.state().y();
        for (int i = 0; i < 100; i++) car.step(VehicleCommand.ZERO, 0.02, new double[]{0, 10, 0});
        assertEquals(x, car.state().x(), 1e-12, "a stopped car stays put, wind or not");
        assertEquals(y, car.state().y(), 1e-12);
        car.step(new VehicleCommand(Double.NaN, 0, 0, 1), 0.02, CALM);
        assertEquals(0, car.state().groundSpeed(), 1e-12, "a non-finite command is a stop");
    }

    @Test
    void crosswindPushesTheCar() {
        BicycleCar car = new BicycleCar(5);
        car.reset(0, 0, 0);
        for (int i = 0; i < 250; i++) car.step(VehicleCommand.car(5, 0), 0.02, new double[]{0, 10, 0});
        assertTrue(car.state().y() > 1, "a 10 m/s wind from the right pushes it left: " + car.state());
    }

    @Test
    void quadHoldsCruiseAndAltitudeInCalmAir() {
        Quadrotor calm = new Quadrotor(3);
        calm.reset(0, 0, 0);
        for (int i = 0; i < 500; i++) calm.step(new VehicleCommand(3, 0, 0, 0), 0.02, CALM);
        assertEquals(30, calm.state().x(), 1e-6);
        assertEquals(0, calm.state().y(), 1e-9);
        assertEquals(Quadrotor.ALTITUDE_M, calm.state().altitude(), 1e-6);
    }

    @Test
    void quadYawRateFollowsCommandWithinItsLimit() {
        Quadrotor q = new Quadrotor(3);
        q.reset(0, 0, 0);
        for (int i = 0; i < 100; i++) q.step(new VehicleCommand(3, 0, 0, 0.5), 0.02, CALM);
        assertEquals(0.5, q.state().yawRate(), 1e-3);
        for (int i = 0; i < 100; i++) q.step(new VehicleCommand(3, 0, 0, 50), 0.02, CALM);
        assertEquals(q.params().maxYawRateRad(), q.state().yawRate(), 1e-3);
    }

    @Test
    void quadHoversOnZeroAndOnNonFiniteCommands() {
        Quadrotor q = new Quadrotor(3);
        q.reset(0, 0, 0);
        for (int i = 0; i < 500; i++) q.step(VehicleCommand.ZERO, 0.02, CALM);
        assertEquals(0, q.state().groundSpeed(), 0.02, "zero velocity setpoint: hover (the cruise drag the integrator held unwinds)");
        double x = q.state().x();
        for (int i = 0; i < 100; i++) q.step(new VehicleCommand(Double.NaN, 5, 0, 0), 0.02, CALM);
        assertEquals(x, q.state().x(), 0.01, "NaN setpoint: hover in place");
        assertEquals(Quadrotor.ALTITUDE_M, q.state().altitude(), 0.01);
    }
}
