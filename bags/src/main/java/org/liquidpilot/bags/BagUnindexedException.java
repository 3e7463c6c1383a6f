package org.liquidpilot.bags;

/** The bag has no usable index (an unfinished recording or a cut-off file); {@code bag recover} rebuilds it. */
public class BagUnindexedException extends BagFormatException {
    public BagUnindexedException(String message) {
        super(message);
    }
}
