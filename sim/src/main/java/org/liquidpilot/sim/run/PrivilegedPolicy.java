package org.liquidpilot.sim.run;

import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.world.World;

/** A policy that also sees the true state and world before every frame, as an expert does. */
public interface PrivilegedPolicy extends DrivingPolicy {

    void observe(VehicleState state, World world);
}
