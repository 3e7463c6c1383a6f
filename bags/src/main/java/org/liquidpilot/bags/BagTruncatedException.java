package org.liquidpilot.bags;

/** A record whose length runs past the end of the file: the file was cut off. */
public class BagTruncatedException extends BagFormatException {
    public BagTruncatedException(String message) {
        super(message);
    }
}
