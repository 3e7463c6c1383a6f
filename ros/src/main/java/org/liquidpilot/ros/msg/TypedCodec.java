package org.liquidpilot.ros.msg;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Base of the hand-written codecs for the project's message records. The type's md5 and full definition come from
 * the shipped .msg resources ({@link MsgRegistry#builtin()}), so they cannot drift from the wire layout by typing.
 *
 * <p>{@link #read} and {@link #write} are the raw building blocks nested codecs call; {@link #decode} and
 * {@link #encode} are the checked entry points of {@link MessageCodec}.
 */
public abstract class TypedCodec<T> implements MessageCodec<T> {
    private final String type;
    private final String md5;
    private final String definition;

    protected TypedCodec(String type) {
        this.type = type;
        MsgRegistry builtin = MsgRegistry.builtin();
        this.md5 = builtin.md5(type);
        this.definition = builtin.fullText(type);
    }

    /** The codec of a message without fields: zero bytes on the wire, and every read gives {@code instance}. */
    public static <T> TypedCodec<T> noFields(String type, T instance) {
        return new TypedCodec<>(type) {
            @Override
            public T read(ByteBuffer in) {
                return instance;
            }

            @Override
            public void write(T message, ByteBuffer out) {
            }

            @Override
            public int encodedSize(T message) {
                return 0;
            }
        };
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final String md5sum() {
        return md5;
    }

    @Override
    public final String definition() {
        return definition;
    }

    /** Reads one message; may throw BufferUnderflowException on short input (decode turns that into MessageFormatException). */
    public abstract T read(ByteBuffer in);

    /** Writes one message; the buffer must have {@link #encodedSize} bytes left. */
    public abstract void write(T message, ByteBuffer out);

    @Override
    public final void encode(T message, ByteBuffer out) {
        Wire.requireLittleEndian(out);
        try {
            write(message, out);
        } catch (BufferOverflowException e) {
            throw new IllegalArgumentException(type + ": buffer too small for " + encodedSize(message) + " bytes", e);
        }
    }

    @Override
    public final T decode(ByteBuffer in) {
        Wire.requireLittleEndian(in);
        try {
            return read(in);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new MessageFormatException(type + ": truncated message", e);
        }
    }

    /** The message serialised into a new array. */
    public byte[] toBytes(T message) {
        byte[] b = new byte[encodedSize(message)];
        write(message, ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
        return b;
    }

    /** Decodes a whole array; trailing bytes are an error, as they would be in a TCPROS frame. */
    public T fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        T m = decode(in);
        if (in.hasRemaining()) {
            throw new MessageFormatException(type + ": " + in.remaining() + " bytes left over after the message");
        }
        return m;
    }

    @Override
    public String toString() {
        return "TypedCodec[" + type + "]";
    }
}
