package org.liquidpilot.sim.run;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.world.World;

/** Renders what the vehicle's camera sees. The renderer is one implementation; {@link #blank} is another. */
public interface FrameSource extends AutoCloseable {

    /** Builds the scene for one episode's world and weather; {@code seed} drives rain, lens drops and noise. */
    void load(World world, Scenario scenario, long seed);

    /**
     * The camera frame for this state at simulated time {@code t}. The returned frame may share its buffer with the
     * next one.
     */
    RgbFrame render(VehicleState state, double cameraHeight, double t);

    @Override
    void close();

    /** A source of uniform grey frames, for physics-only runs with a policy that does not look (the expert). */
    public static FrameSource blank(int width, int height) {
        byte[] grey = new byte[width * height * 3];
        java.util.Arrays.fill(grey, (byte) 128);
        return new FrameSource() {
            @Override public void load(World world, Scenario scenario, long seed) {}
            @Override public RgbFrame render(VehicleState state, double h, double t) { return new RgbFrame(width, height, grey, t); }
            @Override public void close() {}
        };
    }
}
