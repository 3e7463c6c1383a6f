package org.liquidpilot.bags.mcap;

import org.liquidpilot.bags.BagFormatException;

/** A file that is not a readable MCAP, or a record in it that is malformed, cut off, implausibly large or fails its CRC. */
public final class McapFormatException extends BagFormatException {
    public McapFormatException(String message) {
        super(message);
    }

    public McapFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
