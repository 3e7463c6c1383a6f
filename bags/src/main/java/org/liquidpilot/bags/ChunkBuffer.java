package org.liquidpilot.bags;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** The open chunk's uncompressed records: a growable little-endian byte array that codecs encode straight into. */
final class ChunkBuffer {
    private byte[] bytes;
    private ByteBuffer view;

    ChunkBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
        view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A little-endian view positioned at the end, with room for {@code more} bytes. */
    ByteBuffer reserve(int more) {
        int need = view.position() + more;
        if (more < 0 || need < 0) throw new IllegalArgumentException("a chunk cannot exceed 2 GiB");
        if (need > bytes.length) {
            int pos = view.position();
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * bytes.length)));
            view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).position(pos);
        }
        return view;
    }

    int size() {
        return view.position();
    }

    byte[] array() {
        return bytes;
    }

    void clear() {
        view.clear();
    }
}
