package org.liquidpilot.bags;

/** Record op codes of rosbag v2.0. */
public final class Op {
    private Op() {}

    public static final int MESSAGE_DATA = 0x02;
    public static final int FILE_HEADER = 0x03;
    public static final int INDEX_DATA = 0x04;
    public static final int CHUNK = 0x05;
    public static final int CHUNK_INFO = 0x06;
    public static final int CONNECTION = 0x07;

    public static String name(int op) {
        return switch (op) {
            case MESSAGE_DATA -> "MESSAGE_DATA";
            case FILE_HEADER -> "FILE_HEADER";
            case INDEX_DATA -> "INDEX_DATA";
            case CHUNK -> "CHUNK";
            case CHUNK_INFO -> "CHUNK_INFO";
            case CONNECTION -> "CONNECTION";
            default -> "op 0x" + Integer.toHexString(op);
        };
    }
}
