package org.liquidpilot.pilot;

/** Why the failsafe is in its state. */
public enum FailsafeReason {
    NOMINAL,
    WAITING_FOR_IMAGES,
    IMAGE_TIMEOUT,
    NON_FINITE,
    OUT_OF_DISTRIBUTION,
    RECOVERING,
    DISABLED_BY_SERVICE
}
