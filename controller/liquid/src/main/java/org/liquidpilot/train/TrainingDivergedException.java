package org.liquidpilot.train;

/** The loss or gradient became NaN or infinite; the message names the epoch and batch. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
