package org.liquidpilot.bags;

/**
 * A record read from the file: its header, and the position and length of its data, which is read on demand.
 * {@code declaredLength} is what the record claims; it exceeds {@code dataLength} only for a record cut off by
 * the end of the file, which only recovery asks for.
 */
record RawRecord(long pos, RecordHeader header, long dataPos, int dataLength, long declaredLength) {
    long end() {
        return dataPos + dataLength;
    }

    boolean cut() {
        return declaredLength > dataLength;
    }
}
