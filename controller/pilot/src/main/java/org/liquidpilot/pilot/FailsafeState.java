package org.liquidpilot.pilot;

/** What the pilot is doing about its inputs; {@code /pilot/status} reports it. */
public enum FailsafeState {
    /** Inputs are sane: the policy flies at the commanded speed. */
    ACTIVE,
    /** Features look mildly unlike the training data: the policy still steers, but slowly. */
    DEGRADED,
    /**
     * No usable input (no image, non-finite values, a blind or frozen camera, frames far from the training data):
     * zero commands (the car stops, the drone hovers) until inputs are sane again.
     */
    STOPPED,
    /** Turned off through {@code ~enable}: commands are hover/stop until enabled again. */
    DISABLED
}
