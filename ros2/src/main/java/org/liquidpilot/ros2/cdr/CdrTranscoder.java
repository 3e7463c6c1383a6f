package org.liquidpilot.ros2.cdr;

import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.msg.MessageFormatException;
import org.liquidpilot.ros.msg.MsgField;
import org.liquidpilot.ros.msg.MsgRegistry;
import org.liquidpilot.ros.msg.MsgSpec;
import org.liquidpilot.ros.msg.Primitive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts one message type between ROS 1 wire bytes and the ROS 2 CDR body (XCDR1, little endian, the bytes after
 * the 4-byte encapsulation header), walking the type's {@code .msg} spec. What differs between the two:
 * <ul>
 *   <li>CDR aligns each primitive to its own size (8-byte types to 8), counted from the start of the body;</li>
 *   <li>a string's length includes its terminating NUL, which CDR writes;</li>
 *   <li>{@code std_msgs/Header} has no {@code seq} in ROS 2 (it is dropped, and reads back as 0);</li>
 *   <li>{@code time}/{@code duration} are builtin_interfaces Time/Duration (int32 sec, uint32 nanosec): the same
 *       8 bytes, aligned to 4;</li>
 *   <li>a message with no fields carries one {@code uint8} in ROS 2 ({@code structure_needs_at_least_one_member}).</li>
 * </ul>
 * Every length read from CDR is checked against the bytes left before anything is allocated, so a hostile payload
 * costs at most a bounded multiple of its own size and ends in a {@link MessageFormatException}.
 */
public final class CdrTranscoder {
    static final String HEADER = "std_msgs/Header";

    private final MsgRegistry registry;
    private final String type;

    public CdrTranscoder(MsgRegistry registry, String type) {
        if (!registry.contains(type)) throw new IllegalArgumentException("unknown message type " + type);
        this.registry = registry;
        this.type = type;
    }

    /** The transcoder for what {@code codec} encodes, built from the full definition it carries. */
    public static CdrTranscoder of(MessageCodec<?> codec) {
        return new CdrTranscoder(MsgRegistry.fromFullText(codec.type(), codec.definition()), codec.type());
    }

    public String type() {
        return type;
    }

    /** Writes the CDR body of the ROS 1 message at {@code ros1}'s position (consumed) to {@code out}. */
    public void toCdr(ByteBuffer ros1, ByteSink out) {
        ByteBuffer in = ros1.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        try {
            writeCdr(registry.spec(type), in, out);
        } catch (java.nio.BufferUnderflowException e) {
            throw new MessageFormatException(type + ": ROS 1 message ends early");
        }
        ros1.position(in.position());
    }

    /** Writes the ROS 1 bytes of the CDR body at {@code cdr}'s position (its alignment origin) to {@code out}. */
    public void toRos1(ByteBuffer cdr, ByteSink out) {
        CdrReader in = new CdrReader(cdr);
        readCdr(registry.spec(type), in, out);
    }

    private void writeCdr(MsgSpec spec, ByteBuffer in, ByteSink out) {
        if (spec.fields().isEmpty()) {
            out.put((byte) 0);
            return;
        }
        boolean header = spec.type().equals(HEADER);
        for (MsgField f : spec.fields()) {
            if (header && f.name().equals("seq")) {
                need(in, 4);
                in.getInt();
                continue;
            }
            int count = 1;
            if (f.array()) {
                if (f.isFixedArray()) {
                    count = f.arrayLength();
                } else {
                    need(in, 4);
                    count = in.getInt();
                    if (count < 0 || count > in.remaining()) {
                        throw new MessageFormatException(spec.type() + "." + f.name() + ": array length " + Integer.toUnsignedString(count)
                                + " exceeds the " + in.remaining() + " bytes left");
                    }
                    out.align(4);
                    out.putInt(count);
                }
            }
            Primitive p = f.primitive();
            if (p == null) {
                MsgSpec nested = registry.spec(f.baseType());
                for (int i = 0; i < count; i++) writeCdr(nested, in, out);
            } else if (p == Primitive.STRING) {
                for (int i = 0; i < count; i++) {
                    need(in, 4);
                    int n = in.getInt();
                    need(in, n);
                    out.align(4);
                    out.putInt(n + 1);
                    out.copy(in, n);
                    out.put((byte) 0);
                }
            } else {
                long bytes = (long) p.size() * count;
                if (bytes > in.remaining()) throw new MessageFormatException(spec.type() + "." + f.name() + ": ROS 1 message ends early");
                // An empty sequence is not padded (as Fast-CDR and Cyclone write it); the elements of a non-empty one
                // are contiguous in both encodings once the first is aligned.
                if (count > 0) out.align(alignment(p));
                out.copy(in, (int) bytes);
            }
        }
    }

    private void readCdr(MsgSpec spec, CdrReader in, ByteSink out) {
        if (spec.fields().isEmpty()) {
            in.skip(1, spec.type());
            return;
        }
        boolean header = spec.type().equals(HEADER);
        for (MsgField f : spec.fields()) {
            if (header && f.name().equals("seq")) {
                out.putInt(0);
                continue;
            }
            String where = spec.type() + "." + f.name();
            int count = 1;
            if (f.array()) {
                if (f.isFixedArray()) {
                    count = f.arrayLength();
                } else {
                    count = in.getInt(where);
                    // Every element takes at least one byte of CDR: a larger count cannot be real.
                    if (count < 0 || count > in.remaining()) {
                        throw new MessageFormatException(where + ": sequence length " + Integer.toUnsignedString(count)
                                + " exceeds the " + in.remaining() + " bytes left");
                    }
                    out.putInt(count);
                }
            }
            Primitive p = f.primitive();
            if (p == null) {
                MsgSpec nested = registry.spec(f.baseType());
                for (int i = 0; i < count; i++) readCdr(nested, in, out);
            } else if (p == Primitive.STRING) {
                for (int i = 0; i < count; i++) {
                    int n = in.getInt(where);
                    if (n < 0 || n > in.remaining()) {
                        throw new MessageFormatException(where + ": string length " + Integer.toUnsignedString(n)
                                + " exceeds the " + in.remaining() + " bytes left");
                    }
                    if (n == 0) {
                        out.putInt(0);
                        continue;
                    }
                    out.putInt(n - 1);
                    out.copy(in.buffer(), n - 1);
                    if (in.buffer().get() != 0) throw new MessageFormatException(where + ": string is not NUL-terminated");
                }
            } else {
                long bytes = (long) p.size() * count;
                if (count > 0) in.align(alignment(p), where);
                if (bytes > in.remaining()) throw new MessageFormatException(where + ": payload ends early");
                out.copy(in.buffer(), (int) bytes);
            }
        }
    }

    /** CDR alignment of a primitive: its size, and 4 for builtin_interfaces Time/Duration (two 32-bit fields). */
    static int alignment(Primitive p) {
        return p == Primitive.TIME || p == Primitive.DURATION ? 4 : p.size();
    }

    private static void need(ByteBuffer in, int n) {
        if (n < 0 || n > in.remaining()) throw new MessageFormatException("ROS 1 message ends early");
    }
}
