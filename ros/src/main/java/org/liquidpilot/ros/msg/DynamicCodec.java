package org.liquidpilot.ros.msg;

import java.lang.reflect.Array;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A codec for any message type, driven by its parsed definition. Messages are generic value trees:
 * <ul>
 *   <li>a message is a {@code LinkedHashMap<String, Object>} in field order;</li>
 *   <li>scalars: bool → Boolean, int8/byte → Byte, uint8/char and int16 → Short, uint16 and int32 → Integer,
 *       uint32 and int64 → Long, uint64 → Long (the raw 64 bits), float32 → Float, float64 → Double,
 *       string → String, time → {@link Time}, duration → {@link Duration};</li>
 *   <li>arrays of int8/uint8/byte/char → {@code byte[]} (raw bytes, e.g. image data); other primitive arrays →
 *       the primitive array of the scalar type ({@code double[]}, {@code long[]} for uint32[], ...);
 *       string, time, duration and message arrays → {@code List}.</li>
 * </ul>
 * Decoding then encoding gives back the same bytes. {@link #encode} is lenient about Java types (any Number for a
 * numeric field, a List for an array, a missing field means its zero value) but strict about ranges and fixed
 * array lengths.
 */
public final class DynamicCodec implements MessageCodec<Map<String, Object>> {
    private final MsgRegistry registry;
    private final String type;
    private final String md5;
    private final String definition;

    public DynamicCodec(MsgRegistry registry, String type) {
        this.registry = registry;
        this.type = type;
        this.md5 = registry.md5(type);
        this.definition = registry.fullText(type);
    }

    /** A codec for {@code type} from a full {@code message_definition} text (connection header or bag). */
    public static DynamicCodec fromDefinition(String type, String fullDefinition) {
        return new DynamicCodec(MsgRegistry.fromFullText(type, fullDefinition), type);
    }

    /** A codec for a type shipped with the project. */
    public static DynamicCodec of(String type) {
        return new DynamicCodec(MsgRegistry.builtin(), type);
    }

    public MsgRegistry registry() {
        return registry;
    }

    public MsgSpec spec() {
        return registry.spec(type);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String md5sum() {
        return md5;
    }

    @Override
    public String definition() {
        return definition;
    }

    // ---------------------------------------------------------------- decode

    @Override
    public Map<String, Object> decode(ByteBuffer in) {
        Wire.requireLittleEndian(in);
        try {
            return readMessage(registry.spec(type), in);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new MessageFormatException(type + ": truncated message", e);
        }
    }

    public Map<String, Object> fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Object> m = decode(in);
        if (in.hasRemaining()) {
            throw new MessageFormatException(type + ": " + in.remaining() + " bytes left over after the message");
        }
        return m;
    }

    private Map<String, Object> readMessage(MsgSpec spec, ByteBuffer in) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (MsgField f : spec.fields()) {
            m.put(f.name(), readField(f, in));
        }
        return m;
    }

    private Object readField(MsgField f, ByteBuffer in) {
        Primitive p = f.primitive();
        if (!f.array()) {
            return p == null ? readMessage(registry.spec(f.baseType()), in) : readScalar(p, in);
        }
        int min = p == null ? minSize(f.baseType()) : (p == Primitive.STRING ? 4 : p.size());
        int n;
        if (f.isFixedArray()) {
            n = f.arrayLength();
            Wire.checkCount(in, n, min);
        } else {
            n = Wire.readCount(in, min);
        }
        if (p == null) {
            MsgSpec spec = registry.spec(f.baseType());
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(readMessage(spec, in));
            }
            return list;
        }
        switch (p) {
            case INT8, UINT8, BYTE, CHAR: {
                byte[] b = new byte[n];
                in.get(b);
                return b;
            }
            case BOOL: {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.get() != 0;
                }
                return a;
            }
            case INT16: {
                short[] a = new short[n];
                in.asShortBuffer().get(a);
                in.position(in.position() + 2 * n);
                return a;
            }
            case UINT16: {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.getShort() & 0xFFFF;
                }
                return a;
            }
            case INT32: {
                int[] a = new int[n];
                in.asIntBuffer().get(a);
                in.position(in.position() + 4 * n);
                return a;
            }
            case UINT32: {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = Integer.toUnsignedLong(in.getInt());
                }
                return a;
            }
            case INT64, UINT64: {
                long[] a = new long[n];
                in.asLongBuffer().get(a);
                in.position(in.position() + 8 * n);
                return a;
            }
            case FLOAT32:
                return Wire.readFloats(in, n);
            case FLOAT64:
                return Wire.readDoubles(in, n);
            default: {
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readScalar(p, in));
                }
                return list;
            }
        }
    }

    private static Object readScalar(Primitive p, ByteBuffer in) {
        return switch (p) {
            case BOOL -> in.get() != 0;
            case INT8, BYTE -> in.get();
            case UINT8, CHAR -> (short) (in.get() & 0xFF);
            case INT16 -> in.getShort();
            case UINT16 -> in.getShort() & 0xFFFF;
            case INT32 -> in.getInt();
            case UINT32 -> Integer.toUnsignedLong(in.getInt());
            case INT64, UINT64 -> in.getLong();
            case FLOAT32 -> in.getFloat();
            case FLOAT64 -> in.getDouble();
            case STRING -> Wire.readString(in);
            case TIME -> Wire.readTime(in);
            case DURATION -> Wire.readDuration(in);
        };
    }

    /** The fewest bytes one message of {@code type} takes on the wire (strings and arrays empty). */
    int minSize(String type) {
        int n = 0;
        for (MsgField f : registry.spec(type).fields()) {
            Primitive p = f.primitive();
            int one = p == null ? minSize(f.baseType()) : (p == Primitive.STRING ? 4 : p.size());
            if (!f.array()) {
                n += one;
            } else if (f.isFixedArray()) {
                n += (int) Math.min(Integer.MAX_VALUE / 2, (long) one * f.arrayLength());
            } else {
                n += 4;
            }
            if (n > Integer.MAX_VALUE / 2) {
                return Integer.MAX_VALUE / 2;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- encode

    @Override
    public int encodedSize(Map<String, Object> message) {
        return (int) Math.min(Integer.MAX_VALUE, sizeOfMessage(registry.spec(type), message, type));
    }

    @Override
    public void encode(Map<String, Object> message, ByteBuffer out) {
        Wire.requireLittleEndian(out);
        try {
            writeMessage(registry.spec(type), message, out, type);
        } catch (BufferOverflowException e) {
            throw new IllegalArgumentException(type + ": buffer too small for " + encodedSize(message) + " bytes", e);
        }
    }

    public byte[] toBytes(Map<String, Object> message) {
        byte[] b = new byte[encodedSize(message)];
        encode(message, ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
        return b;
    }

    private void checkKeys(MsgSpec spec, Map<String, Object> m, String path) {
        for (String k : m.keySet()) {
            if (spec.field(k) == null) {
                throw new IllegalArgumentException(path + ": " + spec.type() + " has no field '" + k + "'");
            }
        }
    }

    private long sizeOfMessage(MsgSpec spec, Map<String, Object> m, String path) {
        checkKeys(spec, m, path);
        long n = 0;
        for (MsgField f : spec.fields()) {
            Object v = m.get(f.name());
            n += v == null ? sizeOfDefault(f) : sizeOfField(f, v, path + "." + f.name());
        }
        return n;
    }

    private long sizeOfDefault(MsgField f) {
        if (f.array()) {
            if (!f.isFixedArray()) {
                return 4;
            }
            Primitive p = f.primitive();
            long one = p == null ? minSize(f.baseType()) : (p == Primitive.STRING ? 4 : p.size());
            return one * f.arrayLength();
        }
        Primitive p = f.primitive();
        return p == null ? minSize(f.baseType()) : (p == Primitive.STRING ? 4 : p.size());
    }

    @SuppressWarnings("unchecked")
    private long sizeOfField(MsgField f, Object v, String path) {
        Primitive p = f.primitive();
        if (!f.array()) {
            if (p == null) {
                return sizeOfMessage(registry.spec(f.baseType()), asMap(v, path), path);
            }
            return p == Primitive.STRING ? Wire.stringSize(asString(v, path)) : p.size();
        }
        int n = arrayLength(v, path);
        if (f.isFixedArray() && n != f.arrayLength()) {
            throw new IllegalArgumentException(path + ": fixed array needs " + f.arrayLength() + " elements, got " + n);
        }
        long size = f.isFixedArray() ? 0 : 4;
        if (p == null) {
            MsgSpec spec = registry.spec(f.baseType());
            for (int i = 0; i < n; i++) {
                size += sizeOfMessage(spec, asMap(element(v, i), path + "[" + i + "]"), path + "[" + i + "]");
            }
        } else if (p == Primitive.STRING) {
            for (int i = 0; i < n; i++) {
                size += Wire.stringSize(asString(element(v, i), path + "[" + i + "]"));
            }
        } else {
            size += (long) p.size() * n;
        }
        return size;
    }

    private void writeMessage(MsgSpec spec, Map<String, Object> m, ByteBuffer out, String path) {
        checkKeys(spec, m, path);
        for (MsgField f : spec.fields()) {
            Object v = m.get(f.name());
            String fp = path + "." + f.name();
            if (v == null) {
                v = defaultValue(f);
            }
            writeField(f, v, out, fp);
        }
    }

    private void writeField(MsgField f, Object v, ByteBuffer out, String path) {
        Primitive p = f.primitive();
        if (!f.array()) {
            if (p == null) {
                writeMessage(registry.spec(f.baseType()), asMap(v, path), out, path);
            } else {
                writeScalar(p, v, out, path);
            }
            return;
        }
        int n = arrayLength(v, path);
        if (f.isFixedArray()) {
            if (n != f.arrayLength()) {
                throw new IllegalArgumentException(path + ": fixed array needs " + f.arrayLength() + " elements, got " + n);
            }
        } else {
            out.putInt(n);
        }
        if (v instanceof byte[] b && p != null && p.isByteLike()) {
            out.put(b);
            return;
        }
        if (p == null) {
            MsgSpec spec = registry.spec(f.baseType());
            for (int i = 0; i < n; i++) {
                writeMessage(spec, asMap(element(v, i), path + "[" + i + "]"), out, path + "[" + i + "]");
            }
        } else {
            for (int i = 0; i < n; i++) {
                writeScalar(p, element(v, i), out, path + "[" + i + "]");
            }
        }
    }

    private static void writeScalar(Primitive p, Object v, ByteBuffer out, String path) {
        switch (p) {
            case BOOL -> out.put((byte) (asBoolean(v, path) ? 1 : 0));
            case INT8, BYTE -> out.put((byte) integer(v, path, -128, 127));
            case UINT8, CHAR -> out.put((byte) integer(v, path, 0, 255));
            case INT16 -> out.putShort((short) integer(v, path, Short.MIN_VALUE, Short.MAX_VALUE));
            case UINT16 -> out.putShort((short) integer(v, path, 0, 0xFFFF));
            case INT32 -> out.putInt((int) integer(v, path, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case UINT32 -> out.putInt((int) integer(v, path, 0, 0xFFFF_FFFFL));
            case INT64, UINT64 -> out.putLong(integer(v, path, Long.MIN_VALUE, Long.MAX_VALUE));
            case FLOAT32 -> out.putFloat((float) real(v, path));
            case FLOAT64 -> out.putDouble(real(v, path));
            case STRING -> Wire.writeString(out, asString(v, path));
            case TIME -> {
                if (!(v instanceof Time t)) {
                    throw new IllegalArgumentException(path + ": expected a time, got " + describe(v));
                }
                Wire.writeTime(out, t);
            }
            case DURATION -> {
                if (!(v instanceof Duration d)) {
                    throw new IllegalArgumentException(path + ": expected a duration, got " + describe(v));
                }
                Wire.writeDuration(out, d);
            }
        }
    }

    /** The zero value of a field: 0, false, "", empty arrays, zeroed fixed arrays, messages of zero values. */
    public Object defaultValue(MsgField f) {
        Primitive p = f.primitive();
        if (f.array()) {
            int n = f.isFixedArray() ? f.arrayLength() : 0;
            if (p == null || p == Primitive.STRING || p == Primitive.TIME || p == Primitive.DURATION) {
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(p == null ? defaultMessage(f.baseType()) : scalarDefault(p));
                }
                return list;
            }
            return switch (p) {
                case INT8, UINT8, BYTE, CHAR -> new byte[n];
                case BOOL -> new boolean[n];
                case INT16 -> new short[n];
                case UINT16, INT32 -> new int[n];
                case UINT32, INT64, UINT64 -> new long[n];
                case FLOAT32 -> new float[n];
                default -> new double[n];
            };
        }
        return p == null ? defaultMessage(f.baseType()) : scalarDefault(p);
    }

    /** A message of {@code type} with every field at its zero value. */
    public Map<String, Object> defaultMessage(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (MsgField f : registry.spec(type).fields()) {
            m.put(f.name(), defaultValue(f));
        }
        return m;
    }

    static Object scalarDefault(Primitive p) {
        return switch (p) {
            case BOOL -> Boolean.FALSE;
            case INT8, BYTE -> (byte) 0;
            case UINT8, CHAR, INT16 -> (short) 0;
            case UINT16, INT32 -> 0;
            case UINT32, INT64, UINT64 -> 0L;
            case FLOAT32 -> 0f;
            case FLOAT64 -> 0d;
            case STRING -> "";
            case TIME -> Time.ZERO;
            case DURATION -> Duration.ZERO;
        };
    }

    // ---------------------------------------------------------------- lenient value access

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object v, String path) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(path + ": expected a message (map), got " + describe(v));
    }

    private static String asString(Object v, String path) {
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(path + ": expected a string, got " + describe(v));
    }

    private static boolean asBoolean(Object v, String path) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n && (n.longValue() == 0 || n.longValue() == 1) && n.doubleValue() == n.longValue()) {
            return n.longValue() == 1;
        }
        throw new IllegalArgumentException(path + ": expected a bool, got " + describe(v));
    }

    private static long integer(Object v, String path, long min, long max) {
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            long x = ((Number) v).longValue();
            if (min != Long.MIN_VALUE && (x < min || x > max)) {
                throw new IllegalArgumentException(path + ": " + x + " is out of range [" + min + ", " + max + "]");
            }
            return x;
        }
        if (v instanceof java.math.BigInteger b) {
            // only uint64 values above Long.MAX_VALUE need a BigInteger; they are stored as their raw 64 bits
            if (b.signum() < 0 || b.bitLength() > 64 || min != Long.MIN_VALUE) {
                throw new IllegalArgumentException(path + ": " + b + " is out of range");
            }
            return b.longValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new IllegalArgumentException(path + ": expected an integer, got " + describe(v));
    }

    private static double real(Object v, String path) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(path + ": expected a number, got " + describe(v));
    }

    private static int arrayLength(Object v, String path) {
        if (v instanceof List<?> l) {
            return l.size();
        }
        if (v != null && v.getClass().isArray()) {
            return Array.getLength(v);
        }
        throw new IllegalArgumentException(path + ": expected an array, got " + describe(v));
    }

    private static Object element(Object v, int i) {
        return v instanceof List<?> l ? l.get(i) : Array.get(v, i);
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String s = String.valueOf(v);
        return v.getClass().getSimpleName() + " " + (s.length() > 40 ? s.substring(0, 37) + "..." : s);
    }

    @Override
    public String toString() {
        return "DynamicCodec[" + type + "]";
    }
}
