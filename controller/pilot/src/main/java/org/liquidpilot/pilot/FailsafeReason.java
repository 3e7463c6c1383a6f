package org.liquidpilot.pilot;

/** Why the failsafe is in its state. */
public enum FailsafeReason {
    NOMINAL,
    WAITING_FOR_IMAGES,
    IMAGE_TIMEOUT,
    NON_FINITE,
    /** Mildly unfamiliar frames: DEGRADED. */
    OUT_OF_DISTRIBUTION,
    /** Frames far outside the training data in one go, as a blind (black, white, noise) camera gives: STOPPED. */
    SEVERE_OUT_OF_DISTRIBUTION,
    /** Clearly unfamiliar frames for a long stretch: STOPPED. */
    SUSTAINED_OUT_OF_DISTRIBUTION,
    /** The image stopped changing (identical pixels or a stamp that does not advance) while the pilot commanded motion: STOPPED. */
    FROZEN_FRAMES,
    RECOVERING,
    DISABLED_BY_SERVICE
}
