package org.liquidpilot.bags.mcap;

/** The record opcodes of the MCAP specification; each record is opcode (1 byte), content length (uint64), content. */
final class Opcode {
    static final int HEADER = 0x01;
    static final int FOOTER = 0x02;
    static final int SCHEMA = 0x03;
    static final int CHANNEL = 0x04;
    static final int MESSAGE = 0x05;
    static final int CHUNK = 0x06;
    static final int MESSAGE_INDEX = 0x07;
    static final int CHUNK_INDEX = 0x08;
    static final int ATTACHMENT = 0x09;
    static final int ATTACHMENT_INDEX = 0x0A;
    static final int STATISTICS = 0x0B;
    static final int METADATA = 0x0C;
    static final int METADATA_INDEX = 0x0D;
    static final int SUMMARY_OFFSET = 0x0E;
    static final int DATA_END = 0x0F;

    /** Opcode and length prefix of every record. */
    static final int PREFIX = 9;

    private static final String[] NAMES = {"reserved 0x00", "header", "footer", "schema", "channel", "message", "chunk",
            "message index", "chunk index", "attachment", "attachment index", "statistics", "metadata", "metadata index",
            "summary offset", "data end"};

    private Opcode() {}

    static String name(int op) {
        return op >= 0 && op < NAMES.length ? NAMES[op] : String.format("opcode 0x%02x", op);
    }
}
