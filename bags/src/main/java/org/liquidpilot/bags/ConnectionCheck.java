package org.liquidpilot.bags;

import org.liquidpilot.ros.GraphNames;
import org.liquidpilot.ros.msg.DynamicCodec;
import org.liquidpilot.ros.msg.MsgRegistry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a connection record found by recovery before anything is copied from it: what Debian's python rosbag
 * needs to read a bag back (UTF-8 field names and values, a {@code type}, {@code md5sum} and
 * {@code message_definition}) and what makes the connection mean something (a legal topic, a type {@code pkg/Name},
 * an md5sum of 32 hex digits, a definition that parses and hashes to that md5sum). What can be made valid is
 * repaired: optional fields that are garbage are dropped, and a definition (or type name) is restored from the
 * project's own message types when the md5sum identifies exactly one. Anything else is rejected.
 */
final class ConnectionCheck {
    private ConnectionCheck() {}

    static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*/[A-Za-z][A-Za-z0-9_]*");
    static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SEPARATOR = Pattern.compile("\n=+\n");
    private static final String HASH_MISMATCH = "it hashes to ";
    private static final Set<String> REQUIRED = Set.of("type", "md5sum", "message_definition");

    /**
     * A connection that can be copied. {@code exact}: its definition hashes to its md5sum (otherwise Debian's rosbag
     * reads it with a warning). {@code repairs} says what was changed to make it valid.
     */
    record Valid(Connection connection, boolean exact, List<String> repairs) {}

    /** The checked connection, or an exception whose message says why it cannot be used. */
    static Valid check(int id, byte[] recordTopic, RecordHeader fields) {
        List<String> repairs = new ArrayList<>();
        String topic = utf8(recordTopic, "topic");
        if (topic.isEmpty() || !GraphNames.isLegal(topic) || topic.length() > 1024) {
            throw new BagFormatException("topic '" + printable(topic) + "' is not a legal ROS name");
        }
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : fields.fields().entrySet()) {
            String name = f.getKey();
            boolean legalName = FIELD_NAME.matcher(name).matches();
            if (REQUIRED.contains(name) || name.equals("topic")) {
                out.put(name, utf8(f.getValue(), name));
                continue;
            }
            String value = legalName ? utf8OrNull(f.getValue()) : null;
            if (value != null && name.equals("latching") && !value.equals("0") && !value.equals("1")) value = null;
            if (value != null && name.equals("callerid") && !GraphNames.isLegal(value)) value = null;
            if (value == null) {
                repairs.add("dropped its unreadable '" + printable(name) + "' field");
            } else {
                out.put(name, value);
            }
        }
        if (out.containsKey("topic") && !out.get("topic").equals(topic)) {
            throw new BagFormatException("its header says topic '" + printable(out.get("topic")) + "' but the record says '"
                    + printable(topic) + "'");
        }
        String md5 = out.get("md5sum");
        if (md5 == null || !MD5.matcher(md5).matches()) {
            throw new BagFormatException("md5sum " + (md5 == null ? "missing" : "'" + printable(md5) + "' is not 32 hex digits"));
        }
        String type = out.get("type");
        if (type == null || !TYPE.matcher(type).matches()) {
            String known = builtinTypeOf(md5);
            if (known == null) {
                throw new BagFormatException("type " + (type == null ? "missing" : "'" + printable(type) + "' is not pkg/Name"));
            }
            repairs.add("type '" + printable(type == null ? "" : type) + "' restored to " + known + " from its md5sum");
            type = known;
            out.put("type", type);
        }
        String definition = out.get("message_definition");
        String problem = definition == null ? "it has no message_definition" : definitionProblem(type, definition, md5);
        boolean exact = problem == null;
        if (!exact) {
            String builtin = builtinDefinition(type, md5);
            if (builtin != null) {
                repairs.add("message_definition restored from " + type + " (" + problem + ")");
                out.put("message_definition", builtin);
                exact = true;
            } else if (definition == null || !problem.startsWith(HASH_MISMATCH)) {
                throw new BagFormatException("message_definition of " + type + " is unusable: " + problem);
            }
        }
        // Keep the writer's field order; a header without topic gets it from the record (as the writer would).
        return new Valid(new Connection(id, topic, RecordHeader.ofStrings(out)), exact, List.copyOf(repairs));
    }

    /** Null when {@code definition} parses, defines every type it uses, and hashes to {@code md5}; else why not. */
    static String definitionProblem(String type, String definition, String md5) {
        try {
            DynamicCodec codec = DynamicCodec.fromDefinition(type, definition);
            Set<String> defined = new HashSet<>();
            defined.add(type);
            String[] blocks = SEPARATOR.split(definition.replace("\r\n", "\n"), -1);
            for (int i = 1; i < blocks.length; i++) {
                int nl = blocks[i].indexOf('\n');
                defined.add((nl < 0 ? blocks[i] : blocks[i].substring(0, nl)).substring(4).strip());
            }
            for (String dep : codec.registry().dependencies(type)) {
                if (!defined.contains(dep)) return "it uses " + dep + " without defining it";
            }
            if (!codec.md5sum().equals(md5)) return HASH_MISMATCH + codec.md5sum() + ", not " + md5;
            return null;
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return "it does not parse (" + m + ")";
        }
    }

    /** Whether {@code data} is exactly one message of the connection's type. */
    static boolean decodes(Connection c, ByteBuffer data) {
        try {
            DynamicCodec codec;
            synchronized (CODECS) {
                codec = CODECS.computeIfAbsent(List.of(c.type(), c.messageDefinition()),
                        k -> DynamicCodec.fromDefinition(c.type(), c.messageDefinition()));
            }
            ByteBuffer in = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            codec.decode(in);
            return !in.hasRemaining();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Codecs of the connections last checked (a bag has a handful of types). */
    private static final Map<List<String>, DynamicCodec> CODECS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, DynamicCodec> eldest) {
            return size() > 64;
        }
    };

    private static Map<String, List<String>> builtinByMd5;

    private static synchronized Map<String, List<String>> builtinByMd5() {
        if (builtinByMd5 == null) {
            Map<String, List<String>> m = new HashMap<>();
            MsgRegistry r = MsgRegistry.builtin();
            for (String t : r.types()) {
                try {
                    m.computeIfAbsent(r.md5(t), k -> new ArrayList<>()).add(t);
                } catch (RuntimeException e) {
                    // a builtin that does not resolve is no help here
                }
            }
            builtinByMd5 = m;
        }
        return builtinByMd5;
    }

    private static String builtinTypeOf(String md5) {
        List<String> types = builtinByMd5().get(md5);
        return types != null && types.size() == 1 ? types.get(0) : null;
    }

    private static String builtinDefinition(String type, String md5) {
        MsgRegistry r = MsgRegistry.builtin();
        try {
            return r.contains(type) && r.md5(type).equals(md5) ? r.fullText(type) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String utf8(byte[] b, String what) {
        String s = utf8OrNull(b);
        if (s == null) throw new BagFormatException("its " + what + " is not UTF-8 text without NULs");
        return s;
    }

    private static String utf8OrNull(byte[] b) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            return s.indexOf('\0') >= 0 ? null : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** For messages: control characters shown as '?', long text shortened. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(60).forEach(c -> b.appendCodePoint(Character.isISOControl(c) || c == 0xFFFD ? '?' : c));
        return s.codePointCount(0, s.length()) > 60 ? b + "..." : b.toString();
    }
}
