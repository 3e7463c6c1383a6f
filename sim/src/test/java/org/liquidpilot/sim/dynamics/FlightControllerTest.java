package org.liquidpilot.sim.dynamics;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.liquidpilot.pilot.VehicleCommand;

import static org.junit.jupiter.api.Assertions.*;

/** The quadrotor's PX4-like flight controller: what an offboard pilot relies on. */
class FlightControllerTest {
    static final double DT = 1 / 60.0;
    static final double[] CALM = {0, 0, 0};

    /** Lateral (left of heading) position and velocity. */
    private static double left(VehicleState s) {
        return -s.x() * Math.sin(s.yaw()) + s.y() * Math.cos(s.yaw());
    }

    private static double leftSpeed(VehicleState s) {
        return -s.vx() * Math.sin(s.yaw()) + s.vy() * Math.cos(s.yaw());
    }

    @Test
    void steadyCrosswindIsRejectedWithNoSteadyStateDrift() {
        // 5 m/s from the right of a northbound... here eastbound vehicle: wind blows towards +y (its left).
        Quadrotor q = new Quadrotor(3);
        q.reset(0, 0, 0);
        double[] wind = {0, 5, 0};
        VehicleCommand straight = new VehicleCommand(3, 0, 0, 0);
        for (int i = 0; i < 60 * 40; i++) q.step(straight, DT, wind); // let the integrator learn the wind
        double y0 = left(q.state());
        double maxSpeed = 0;
        for (int i = 0; i < 60 * 20; i++) {
            q.step(straight, DT, wind);
            maxSpeed = Math.max(maxSpeed, Math.abs(leftSpeed(q.state())));
        }
        double drift = left(q.state()) - y0;
        assertEquals(0, drift, 0.02, "lateral drift over 20 s in a steady 5 m/s crosswind");
        assertTrue(maxSpeed < 0.005, "lateral speed stays ~0, max " + maxSpeed);
        assertEquals(3, q.state().vx(), 0.005, "forward speed held");
        assertTrue(q.state().roll() < -0.1, "it leans into the wind (right, against the push to the left): " + q.state());
    }

    @Property(tries = 20)
    void anySteadyWindUpToTenMetresPerSecondIsRejected(@ForAll @DoubleRange(min = 0, max = 10) double speed,
                                                      @ForAll @DoubleRange(min = 0, max = 6.28) double direction) {
        Quadrotor q = new Quadrotor(2);
        q.reset(0, 0, 0.3);
        double[] wind = {speed * Math.cos(direction), speed * Math.sin(direction), 0};
        VehicleCommand cmd = new VehicleCommand(2, 0, 0, 0);
        for (int i = 0; i < 60 * 60; i++) q.step(cmd, DT, wind);
        VehicleState s = q.state();
        assertEquals(0, leftSpeed(s), 0.01, "no sideways drift: " + s);
        assertEquals(Quadrotor.ALTITUDE_M, s.altitude(), 0.01, "altitude held: " + s);
    }

    @Test
    void bodyFrameSetpointsAreTurnedByTheHeading() {
        Quadrotor q = new Quadrotor(0);
        q.reset(0, 0, Math.PI / 2); // facing north (+y)
        for (int i = 0; i < 60 * 10; i++) q.step(new VehicleCommand(2, 1, 0, 0), DT, CALM);
        VehicleState s = q.state();
        assertEquals(2, s.vy(), 0.01, "forward is north: " + s);
        assertEquals(-1, s.vx(), 0.01, "left of north is west: " + s);
    }

    @Test
    void verticalSetpointClimbsAndZeroHoldsTheNewAltitude() {
        Quadrotor q = new Quadrotor(0);
        q.reset(0, 0, 0);
        for (int i = 0; i < 60 * 2; i++) q.step(new VehicleCommand(0, 0, 1, 0), DT, CALM);
        assertEquals(1, q.verticalSpeed(), 0.05, "climbs at the commanded rate");
        for (int i = 0; i < 60 * 10; i++) q.step(VehicleCommand.ZERO, DT, new double[]{0, 0, -1});
        double h = q.state().altitude();
        assertTrue(h > Quadrotor.ALTITUDE_M + 1.5, "climbed: " + h);
        for (int i = 0; i < 60 * 10; i++) q.step(VehicleCommand.ZERO, DT, new double[]{0, 0, -1});
        assertEquals(h, q.state().altitude(), 0.02, "holds altitude against a steady 1 m/s downdraft");
    }

    @Test
    void tiltAndThrustStayWithinTheirLimits() {
        FlightControllerParams p = FlightControllerParams.px4Defaults();
        Quadrotor q = new Quadrotor(0, p);
        q.reset(0, 0, 0);
        double maxTilt = 0;
        for (int i = 0; i < 60 * 3; i++) {
            q.step(new VehicleCommand(50, -50, 10, 0), DT, CALM);
            VehicleState s = q.state();
            maxTilt = Math.max(maxTilt, Math.atan(Math.hypot(Math.tan(s.roll()), Math.tan(s.pitch()))));
        }
        assertTrue(maxTilt <= Math.toRadians(p.mpcTiltmaxAir()) + 1e-6, "tilt " + Math.toDegrees(maxTilt));
        assertTrue(maxTilt > Math.toRadians(p.mpcTiltmaxAir()) - 1, "it does use the tilt it has: " + Math.toDegrees(maxTilt));
        assertTrue(q.state().groundSpeed() <= p.mpcXyVelMax() + 0.1, "horizontal speed limit: " + q.state().groundSpeed());
    }

    @Test
    void antiWindupKeepsTheIntegralBoundedWhileSaturatedSoItRecovers() {
        Quadrotor q = new Quadrotor(0);
        q.reset(0, 0, 0);
        // A headwind it cannot beat at full tilt: a velocity error of about 3 m/s stays for a whole minute.
        double[] gale = {-25, 0, 0};
        for (int i = 0; i < 60 * 60; i++) q.step(new VehicleCommand(12, 0, 0, 0), DT, gale);
        assertTrue(q.state().vx() < 10, "saturated: " + q.state());
        double limit = MulticopterVelocityController.G * Math.tan(Math.toRadians(q.params().mpcTiltmaxAir()));
        // A plain integrator would hold I·e·t ≈ 0.4 · 3 · 60 ≈ 70 m/s² by now.
        assertTrue(Math.abs(q.controller().integralX()) < limit, "integral " + q.controller().integralX() + " within the tilt's reach " + limit);
        // The wind drops and the pilot asks for a hover: what the integrator learnt of the gale unwinds in seconds.
        for (int i = 0; i < 60 * 15; i++) q.step(VehicleCommand.ZERO, DT, CALM);
        assertTrue(q.state().groundSpeed() < 0.3, "hovering 15 s after the release: " + q.state().groundSpeed());
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FlightControllerParams(1.8, 0.4, 0.2, 4, 2, 1, 12, 3, 1, 95, 0.5, 0.12, 1, 6.5, 115, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new FlightControllerParams(1.8, 0.4, 0.2, 4, 2, 1, 12, 3, 1, 45, 0.5, 0.6, 1, 6.5, 115, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new FlightControllerParams(-1, 0.4, 0.2, 4, 2, 1, 12, 3, 1, 45, 0.5, 0.12, 1, 6.5, 115, 0.1));
    }
}
