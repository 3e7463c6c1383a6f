package org.liquidpilot.perception;

/** An image message that cannot be turned into a frame: unknown encoding, inconsistent size, corrupt data. */
public final class ImageFormatException extends IllegalArgumentException {
    public ImageFormatException(String message) {
        super(message);
    }
}
