package org.liquidpilot.ros.msg;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liquidpilot.ros.msg.YamlReader.MapNode;
import org.liquidpilot.ros.msg.YamlReader.Node;
import org.liquidpilot.ros.msg.YamlReader.Scalar;
import org.liquidpilot.ros.msg.YamlReader.Seq;

/**
 * Builds and shows messages of any type from text, as {@code rostopic pub} and {@code rostopic echo} do.
 *
 * <pre>{@code
 * DynamicCodec twist = DynamicCodec.of("geometry_msgs/Twist");
 * Map<String, Object> m = DynamicMessage.fromYaml(twist, "{linear: {x: 1.0}, angular: {z: 0.5}}");
 * byte[] wire = twist.toBytes(m);
 * String shown = DynamicMessage.toYaml(twist, twist.fromBytes(wire));
 * }</pre>
 *
 * The argument syntax is rostopic's: a mapping by field name (missing fields are zero), or a sequence of the
 * fields in order; several command-line arguments are joined as one sequence by {@link #fromArgs}. A time field
 * takes {@code now}, seconds, or {@code {secs: S, nsecs: N}}; a Header takes {@code auto} (stamp now).
 */
public final class DynamicMessage {
    private DynamicMessage() {
    }

    /** The message of {@code codec}'s type that the YAML {@code text} describes. */
    public static Map<String, Object> fromYaml(DynamicCodec codec, String text) {
        return new Filler(codec).message(codec.spec(), YamlReader.read(text), codec.type());
    }

    /** Shortcut for a type shipped with the project. */
    public static Map<String, Object> fromYaml(String type, String text) {
        return fromYaml(DynamicCodec.of(type), text);
    }

    /**
     * rostopic's positional form: one argument is the whole message; several are the fields in order
     * ({@code rostopic pub /t geometry_msgs/Twist '[1, 0, 0]' '[0, 0, 0.5]'}).
     */
    public static Map<String, Object> fromArgs(DynamicCodec codec, List<String> args) {
        if (args.size() == 1) {
            return fromYaml(codec, args.get(0));
        }
        List<Node> items = new ArrayList<>();
        for (String a : args) {
            items.add(YamlReader.read(a));
        }
        return new Filler(codec).message(codec.spec(), new Seq(items), codec.type());
    }

    /** The rostopic-echo text of a decoded message. */
    public static String toYaml(DynamicCodec codec, Map<String, Object> message) {
        return MessageYaml.format(codec, message);
    }

    private record Filler(DynamicCodec codec) {

        Map<String, Object> message(MsgSpec spec, Node n, String path) {
            if (n instanceof Scalar sc && !sc.quoted()) {
                if (sc.text().isEmpty() || sc.text().equals("~") || sc.text().equals("null")) {
                    return codec.defaultMessage(spec.type());
                }
                if (sc.text().equals("auto") && spec.type().equals("std_msgs/Header")) {
                    Map<String, Object> h = codec.defaultMessage(spec.type());
                    h.put("stamp", Time.now());
                    return h;
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            if (n instanceof Scalar && spec.fields().size() == 1) {
                // rostopic pub /chatter std_msgs/String "hello": a lone value fills a one-field message
                MsgField only = spec.fields().get(0);
                m.put(only.name(), field(only, n, path + "." + only.name()));
                return m;
            }
            if (n instanceof MapNode map) {
                for (String key : map.entries().keySet()) {
                    if (spec.field(key) == null) {
                        throw new IllegalArgumentException(path + ": " + spec.type() + " has no field '"
                                + MsgParser.shorten(key) + "' (fields: " + fieldNames(spec) + ")");
                    }
                }
                for (MsgField f : spec.fields()) {
                    Node v = map.entries().get(f.name());
                    m.put(f.name(), v == null ? codec.defaultValue(f) : field(f, v, path + "." + f.name()));
                }
                return m;
            }
            if (n instanceof Seq seq) {
                if (seq.items().size() != spec.fields().size()) {
                    throw new IllegalArgumentException(path + ": " + spec.type() + " takes " + spec.fields().size()
                            + " positional values (" + fieldNames(spec) + "), got " + seq.items().size());
                }
                for (int i = 0; i < spec.fields().size(); i++) {
                    MsgField f = spec.fields().get(i);
                    m.put(f.name(), field(f, seq.items().get(i), path + "." + f.name()));
                }
                return m;
            }
            throw new IllegalArgumentException(path + ": expected a mapping for " + spec.type() + ", got '"
                    + MsgParser.shorten(((Scalar) n).text()) + "'");
        }

        private static String fieldNames(MsgSpec spec) {
            return String.join(", ", spec.fields().stream().map(MsgField::name).toList());
        }

        Object field(MsgField f, Node n, String path) {
            Primitive p = f.primitive();
            if (!f.array()) {
                return p == null ? message(codec.registry().spec(f.baseType()), n, path) : scalar(p, n, path);
            }
            if (n instanceof Scalar sc && !sc.quoted() && sc.text().isEmpty()) {
                return codec.defaultValue(f);
            }
            if (!(n instanceof Seq seq)) {
                throw new IllegalArgumentException(path + ": expected a list for " + f.typeText());
            }
            List<Node> items = seq.items();
            if (f.isFixedArray() && items.size() != f.arrayLength()) {
                throw new IllegalArgumentException(path + ": " + f.typeText() + " needs " + f.arrayLength()
                        + " values, got " + items.size());
            }
            int len = items.size();
            if (p == null) {
                MsgSpec spec = codec.registry().spec(f.baseType());
                List<Object> out = new ArrayList<>(len);
                for (int i = 0; i < len; i++) {
                    out.add(message(spec, items.get(i), path + "[" + i + "]"));
                }
                return out;
            }
            Object array = codec.defaultValue(new MsgField(f.name(), f.baseType(), true, len));
            for (int i = 0; i < len; i++) {
                Object v = scalar(p, items.get(i), path + "[" + i + "]");
                if (array instanceof List<?>) {
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) array;
                    list.set(i, v);
                } else if (array instanceof byte[] b) {
                    b[i] = ((Number) v).byteValue();
                } else {
                    java.lang.reflect.Array.set(array, i, v);
                }
            }
            return array;
        }

        Object scalar(Primitive p, Node n, String path) {
            if (p == Primitive.TIME || p == Primitive.DURATION) {
                return timeLike(p, n, path);
            }
            if (!(n instanceof Scalar sc)) {
                throw new IllegalArgumentException(path + ": expected a " + p.rosName() + " value, got a "
                        + (n instanceof Seq ? "list" : "mapping"));
            }
            String t = sc.text();
            if (p == Primitive.STRING) {
                return t;
            }
            if (t.isEmpty() && !sc.quoted()) {
                return DynamicCodec.scalarDefault(p);
            }
            switch (p) {
                case BOOL: {
                    Object v = YamlReader.resolvePlain(t);
                    if (v instanceof Boolean b) {
                        return b;
                    }
                    if (v instanceof Long l && (l == 0 || l == 1)) {
                        return l == 1;
                    }
                    throw new IllegalArgumentException(path + ": '" + MsgParser.shorten(t) + "' is not a bool");
                }
                case FLOAT32:
                case FLOAT64: {
                    double d = real(t, path);
                    return p == Primitive.FLOAT32 ? (Object) (float) d : (Object) d;
                }
                default: {
                    BigInteger v = YamlReader.integer(t);
                    if (v == null) {
                        throw new IllegalArgumentException(path + ": '" + MsgParser.shorten(t) + "' is not an integer");
                    }
                    return integer(p, v, path);
                }
            }
        }

        private static double real(String t, String path) {
            Object v = YamlReader.resolvePlain(t);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            String u = t.strip().toLowerCase(java.util.Locale.ROOT);
            switch (u) {
                case "inf", "+inf", "infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-inf", "-infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                case "nan" -> {
                    return Double.NaN;
                }
                default -> {
                }
            }
            // PyYAML reads "1e3" as text; genpy would refuse it, but a clear number is accepted here
            if (u.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)(e[-+]?\\d+)?")) {
                return Double.parseDouble(u);
            }
            throw new IllegalArgumentException(path + ": '" + MsgParser.shorten(t) + "' is not a number");
        }

        private static Object integer(Primitive p, BigInteger v, String path) {
            long min;
            long max;
            switch (p) {
                case INT8, BYTE -> { min = -128; max = 127; }
                case UINT8, CHAR -> { min = 0; max = 255; }
                case INT16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
                case UINT16 -> { min = 0; max = 0xFFFF; }
                case INT32 -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
                case UINT32 -> { min = 0; max = 0xFFFF_FFFFL; }
                case INT64 -> { min = Long.MIN_VALUE; max = Long.MAX_VALUE; }
                default -> { // UINT64
                    if (v.signum() < 0 || v.bitLength() > 64) {
                        throw new IllegalArgumentException(path + ": " + v + " is out of range for uint64");
                    }
                    return v.longValue();
                }
            }
            if (v.bitLength() > 63 || v.longValue() < min || v.longValue() > max) {
                throw new IllegalArgumentException(path + ": " + v + " is out of range for " + p.rosName());
            }
            long x = v.longValue();
            return switch (p) {
                case INT8, BYTE -> (byte) x;
                case UINT8, CHAR, INT16 -> (short) x;
                case UINT16, INT32 -> (int) x;
                default -> x;
            };
        }

        private Object timeLike(Primitive p, Node n, String path) {
            boolean time = p == Primitive.TIME;
            if (n instanceof MapNode m) {
                for (String k : m.entries().keySet()) {
                    if (!k.equals("secs") && !k.equals("nsecs")) {
                        throw new IllegalArgumentException(path + ": a " + p.rosName() + " has secs and nsecs, not '"
                                + MsgParser.shorten(k) + "'");
                    }
                }
                long secs = part(m.entries().get("secs"), path + ".secs", time);
                long nsecs = part(m.entries().get("nsecs"), path + ".nsecs", time);
                return time ? new Time((int) secs, (int) nsecs) : new Duration((int) secs, (int) nsecs);
            }
            if (n instanceof Scalar sc) {
                String t = sc.text().strip();
                if (t.isEmpty()) {
                    return DynamicCodec.scalarDefault(p);
                }
                if (time && t.equals("now")) {
                    return Time.now();
                }
                double seconds = real(t, path);
                if (!Double.isFinite(seconds)) {
                    throw new IllegalArgumentException(path + ": " + p.rosName() + " must be finite");
                }
                long nanos = Math.round(seconds * 1e9);
                try {
                    return time ? Time.ofNanos(nanos) : Duration.ofNanos(nanos);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ": " + e.getMessage());
                }
            }
            throw new IllegalArgumentException(path + ": expected a " + p.rosName() + ", got a list");
        }

        private static long part(Node n, String path, boolean unsigned) {
            if (n == null) {
                return 0;
            }
            if (!(n instanceof Scalar sc)) {
                throw new IllegalArgumentException(path + ": expected an integer");
            }
            BigInteger v = YamlReader.integer(sc.text());
            if (v == null) {
                throw new IllegalArgumentException(path + ": '" + MsgParser.shorten(sc.text()) + "' is not an integer");
            }
            long min = unsigned ? 0 : Integer.MIN_VALUE;
            long max = unsigned ? 0xFFFF_FFFFL : Integer.MAX_VALUE;
            if (v.bitLength() > 40 || v.longValue() < min || v.longValue() > max) {
                throw new IllegalArgumentException(path + ": " + v + " is out of range");
            }
            return v.longValue();
        }
    }
}
