package org.liquidpilot.ros.tcpros;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads length-prefixed TCPROS frames into one reused buffer. The buffer grows only as bytes actually arrive, so
 * a peer that claims a huge length and then sends nothing costs nothing; lengths over the cap end the connection.
 */
public final class FrameReader {
    /** Default cap on one message: far above a 4K rgb8 frame (25 MB), far below a 4 GB prefix. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 128 << 20;
    private static final int GROW_STEP = 1 << 20;

    private final InputStream in;
    private final int maxFrame;
    private byte[] buffer = new byte[64 << 10];
    // One little-endian view of the buffer, handed out for every frame: a subscriber's steady state allocates nothing.
    private ByteBuffer view = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] prefix = new byte[4];

    public FrameReader(InputStream in) {
        this(in, DEFAULT_MAX_FRAME_BYTES);
    }

    public FrameReader(InputStream in, int maxFrame) {
        this.in = in;
        this.maxFrame = maxFrame;
    }

    /** The frame's length; throws EOFException on a clean close before the prefix. */
    public int readLength() throws IOException {
        readFully(prefix, 0, 4);
        long len = (prefix[0] & 0xffL) | (prefix[1] & 0xffL) << 8 | (prefix[2] & 0xffL) << 16 | (prefix[3] & 0xffL) << 24;
        if (len > maxFrame) throw new TcpRosFormatException("frame of " + len + " bytes is over the " + maxFrame + " byte limit");
        return (int) len;
    }

    /**
     * The next frame's payload as a little-endian buffer (position 0, limit = length). It is valid until the next
     * call, and the same buffer object is returned again: decode before reading again, never keep it.
     */
    public ByteBuffer next() throws IOException {
        return payload(readLength());
    }

    /** Reads {@code len} payload bytes (after {@link #readLength()}). */
    public ByteBuffer payload(int len) throws IOException {
        int have = 0;
        while (have < len) {
            if (buffer.length < len) {
                int target = (int) Math.min(len, Math.max((long) buffer.length * 2, (long) have + GROW_STEP));
                if (target > buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, target);
                    view = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
                }
            }
            int n = in.read(buffer, have, Math.min(len, buffer.length) - have);
            if (n < 0) throw new EOFException("connection closed inside a " + len + " byte frame");
            have += n;
        }
        view.limit(len).position(0);
        return view;
    }

    /** A copy of the next frame (for the rare callers that keep it). */
    public byte[] nextCopy() throws IOException {
        ByteBuffer b = next();
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        return copy;
    }

    public int readByte() throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException("connection closed");
        return b;
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) throw new EOFException("connection closed");
            off += n;
            len -= n;
        }
    }
}
