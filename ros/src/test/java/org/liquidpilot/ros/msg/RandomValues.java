package org.liquidpilot.ros.msg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random value trees for any message spec, reaching the edges of every type (NaN, -0.0, extremes, Unicode). */
final class RandomValues {
    private static final String[] STRINGS = {"", "camera", "a b", "#x", "k: v", "'q'", "\"dq\"", "line\nbreak",
            "tab\t", "nul\0", "ünïcødé ✓ 日本語", "😀", "true", "123", "-", "- x", " lead", "trail ", "[1]", "{a}"};
    private static final double[] DOUBLES = {0.0, -0.0, 1.0, -1.5, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1e-5, 1e16, 0.1, 123456789.125};

    private final MsgRegistry registry;
    private final Random r;

    RandomValues(MsgRegistry registry, long seed) {
        this.registry = registry;
        this.r = new Random(seed);
    }

    Map<String, Object> message(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (MsgField f : registry.spec(type).fields()) {
            m.put(f.name(), field(f));
        }
        return m;
    }

    private Object field(MsgField f) {
        Primitive p = f.primitive();
        if (!f.array()) {
            return p == null ? message(f.baseType()) : scalar(p);
        }
        int n = f.isFixedArray() ? f.arrayLength() : r.nextInt(p != null && p.isByteLike() ? 40 : 5);
        if (p == null) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                l.add(message(f.baseType()));
            }
            return l;
        }
        Object proto = DynamicCodec.of("std_msgs/Empty").defaultValue(new MsgField("x", f.baseType(), true, n));
        for (int i = 0; i < n; i++) {
            Object v = scalar(p);
            if (proto instanceof List<?>) {
                @SuppressWarnings("unchecked")
                List<Object> l = (List<Object>) proto;
                l.set(i, v);
            } else if (proto instanceof byte[] b) {
                b[i] = ((Number) v).byteValue();
            } else {
                java.lang.reflect.Array.set(proto, i, v);
            }
        }
        return proto;
    }

    Object scalar(Primitive p) {
        boolean edge = r.nextInt(4) == 0;
        return switch (p) {
            case BOOL -> r.nextBoolean();
            case INT8, BYTE -> (byte) (edge ? (r.nextBoolean() ? -128 : 127) : r.nextInt(256) - 128);
            case UINT8, CHAR -> (short) (edge ? 255 : r.nextInt(256));
            case INT16 -> (short) (edge ? Short.MIN_VALUE : r.nextInt(65536) - 32768);
            case UINT16 -> edge ? 0xFFFF : r.nextInt(65536);
            case INT32 -> edge ? Integer.MIN_VALUE : r.nextInt();
            case UINT32 -> edge ? 0xFFFF_FFFFL : Integer.toUnsignedLong(r.nextInt());
            case INT64, UINT64 -> edge ? (r.nextBoolean() ? Long.MIN_VALUE : -1L) : r.nextLong();
            case FLOAT32 -> edge ? (float) DOUBLES[r.nextInt(DOUBLES.length)] : (float) (r.nextGaussian() * 1e3);
            case FLOAT64 -> edge ? DOUBLES[r.nextInt(DOUBLES.length)] : r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20);
            case STRING -> edge ? STRINGS[r.nextInt(STRINGS.length)] : randomString();
            case TIME -> new Time(r.nextInt(), r.nextInt(1_000_000_000));
            case DURATION -> new Duration(r.nextInt(), r.nextInt(1_000_000_000));
        };
    }

    private String randomString() {
        int n = r.nextInt(12);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            if (kind < 6) {
                b.append((char) (0x20 + r.nextInt(0x5F)));
            } else if (kind < 8) {
                b.append((char) r.nextInt(0x20));
            } else if (kind < 9) {
                b.append((char) (0xA0 + r.nextInt(0x2000)));
            } else {
                b.appendCodePoint(0x1F600 + r.nextInt(50));
            }
        }
        return b.toString();
    }
}
