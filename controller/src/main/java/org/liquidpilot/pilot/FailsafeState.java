package org.liquidpilot.pilot;

/** What the pilot is doing about its inputs; {@code /pilot/status} reports it. */
public enum FailsafeState {
    /** Inputs are sane: the policy flies at the commanded speed. */
    ACTIVE,
    /** Features look unlike the training data: the policy still steers, but slowly. */
    DEGRADED,
    /** No usable input (no image, non-finite values): stop or hover until inputs are sane again. */
    STOPPED,
    /** Turned off through {@code ~enable}: commands are hover/stop until enabled again. */
    DISABLED
}
