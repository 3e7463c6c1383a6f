package org.liquidpilot.pilot;

/**
 * Where the failsafe draws its out-of-distribution lines, in the units of the model's own feature statistics:
 * rms|z| is the RMS of a frame's feature z-scores ({@link Failsafe#rmsZ}), max|z| its largest |z|.
 * <pre>
 *   rms|z| &gt; degradeRmsZ or max|z| &gt; degradeMaxAbsZ      mild:      DEGRADED (slow)
 *   rms|z| &lt; exitRmsZ and max|z| &lt; degradeMaxAbsZ       familiar:  back to ACTIVE after a few frames
 *   rms|z| &gt; sustainedRmsZ, sustainedFrames frames net    sustained: STOPPED
 *   rms|z| &gt; stopRmsZ or max|z| &gt; stopMaxAbsZ          severe:    STOPPED at once (a blind camera)
 * </pre>
 * "Net" frames: a counter goes up one for each frame above {@code sustainedRmsZ} and down one (not below zero) for
 * each frame under it, so a few familiar frames in a long unfamiliar stretch do not restart the count.
 * <p>
 * A model file carries thresholds calibrated on its training frames ({@link OodCalibration}); a model without them
 * flies with {@link #defaults()}.
 *
 * @param degradeRmsZ     enter DEGRADED above this rms|z|
 * @param exitRmsZ        below this rms|z| (and max|z| below {@code degradeMaxAbsZ}) a frame counts as familiar again
 * @param degradeMaxAbsZ  enter DEGRADED when any single |z| exceeds this
 * @param sustainedRmsZ   frames above this rms|z| count towards a sustained stop
 * @param sustainedFrames net count of such frames that stops the vehicle
 * @param stopRmsZ        stop at once above this rms|z|
 * @param stopMaxAbsZ     stop at once when any single |z| exceeds this
 */
public record OodThresholds(double degradeRmsZ, double exitRmsZ, double degradeMaxAbsZ, double sustainedRmsZ,
                            int sustainedFrames, double stopRmsZ, double stopMaxAbsZ) {
    public OodThresholds {
        if (!(exitRmsZ > 0 && exitRmsZ <= degradeRmsZ && degradeRmsZ <= sustainedRmsZ && sustainedRmsZ <= stopRmsZ
                && Double.isFinite(stopRmsZ))) {
            throw new IllegalArgumentException("out-of-distribution thresholds need 0 < exit (" + exitRmsZ + ") <= degrade (" + degradeRmsZ
                    + ") <= sustained (" + sustainedRmsZ + ") <= stop (" + stopRmsZ + ") rms|z|, all finite");
        }
        if (!(degradeMaxAbsZ > 0 && degradeMaxAbsZ <= stopMaxAbsZ && Double.isFinite(stopMaxAbsZ))) {
            throw new IllegalArgumentException("out-of-distribution thresholds need 0 < degrade (" + degradeMaxAbsZ + ") <= stop ("
                    + stopMaxAbsZ + ") max|z|, both finite");
        }
        if (sustainedFrames < 1 || sustainedFrames > 100_000) {
            throw new IllegalArgumentException("sustained out-of-distribution frames must be 1..100000, got " + sustainedFrames);
        }
    }

    /**
     * For models without calibrated thresholds: degrade above 3 rms|z| or 8 max|z| (the lines the failsafe used before
     * calibration existed), back below 2; stop above 4 times those (12 rms|z|, 32 max|z|), or after 60 net frames
     * (2 s at 30 Hz) above twice the degrade line (6 rms|z|): the multiples {@link OodCalibration#RULE} applies. Real
     * data agrees: over its 63,000 training frames the shipped model scores rms|z| p99.9 2.22 (max 2.86) and max|z|
     * p99.9 6.95 (max 11.7), and in every shipped weather at most 2.9 rms|z| and 11.6 max|z|, while black, white or
     * grey frames score 15.5 to 22 rms|z| with max|z| 77 to 94 and random-noise frames 8 to 16 rms|z| with max|z| 36
     * to 77 (models/README.md).
     */
    public static OodThresholds defaults() {
        return new OodThresholds(3.0, 2.0, 8.0, 6.0, 60, 12.0, 32.0);
    }
}
