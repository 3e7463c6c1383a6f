package org.liquidpilot.bags;

/** A chunk record's header and where its (possibly compressed) data lies in the file. */
public record ChunkHeader(long pos, Compression compression, int uncompressedSize, long dataPos, int dataLength) {

    public long end() {
        return dataPos + dataLength;
    }
}
