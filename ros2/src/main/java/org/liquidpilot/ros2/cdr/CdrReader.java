package org.liquidpilot.ros2.cdr;

import org.liquidpilot.ros.msg.MessageFormatException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads a CDR body: alignment counts from where the body starts; every read is checked against what is left. */
final class CdrReader {
    private final ByteBuffer in;
    private final int origin;

    CdrReader(ByteBuffer body) {
        this.in = body.order(ByteOrder.LITTLE_ENDIAN);
        this.origin = body.position();
    }

    ByteBuffer buffer() {
        return in;
    }

    int remaining() {
        return in.remaining();
    }

    void align(int n, String where) {
        int pad = (n - ((in.position() - origin) % n)) % n;
        skip(pad, where);
    }

    void skip(int n, String where) {
        if (n > in.remaining()) throw new MessageFormatException(where + ": payload ends early");
        in.position(in.position() + n);
    }

    int getInt(String where) {
        align(4, where);
        if (in.remaining() < 4) throw new MessageFormatException(where + ": payload ends early");
        return in.getInt();
    }
}
