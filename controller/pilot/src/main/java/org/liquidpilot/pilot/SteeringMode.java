package org.liquidpilot.pilot;

/** How the policy's output becomes the vehicle's turn command. */
public enum SteeringMode {
    /** The output scaled is the yaw rate (rad/s): quadrotors, and cars at a fixed speed. */
    YAW_RATE,
    /** The output scaled is the path curvature (1/m); yaw rate = curvature × speed, so turns keep their radius at any speed. */
    CURVATURE
}
