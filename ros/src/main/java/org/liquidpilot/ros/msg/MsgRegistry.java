package org.liquidpilot.ros.msg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable set of message and service definitions, and what ROS derives from them: md5 sums (genmsg's md5
 * text: constants first, comments dropped, nested types replaced by their md5) and full definitions (the type's own
 * text followed by every nested type's text in depth-first order, each after an 80-'=' line and {@code MSG: pkg/Type}).
 *
 * <p>{@link #builtin()} holds the types this project ships as resources; {@link #fromFullText} rebuilds the types
 * of a full definition received in a connection header or a bag.
 */
public final class MsgRegistry {
    static final String SEPARATOR = "=".repeat(80);
    private static final String RESOURCE_DIR = "/org/liquidpilot/ros/msg/defs/";

    private final Map<String, MsgSpec> messages;
    private final Map<String, SrvSpec> services;
    private final Map<String, String> md5Cache = new ConcurrentHashMap<>();

    private MsgRegistry(Map<String, MsgSpec> messages, Map<String, SrvSpec> services) {
        this.messages = Map.copyOf(messages);
        this.services = Map.copyOf(services);
    }

    private static final class Builtin {
        static final MsgRegistry INSTANCE = loadBuiltin();
    }

    /** The definitions shipped with the project (std_msgs, geometry_msgs, sensor_msgs, nav_msgs, rosgraph_msgs, std_srvs, and the mavros_msgs an offboard pilot needs). */
    public static MsgRegistry builtin() {
        return Builtin.INSTANCE;
    }

    public static MsgRegistry of(Collection<MsgSpec> messages) {
        Map<String, MsgSpec> m = new LinkedHashMap<>();
        for (MsgSpec s : messages) {
            m.put(s.type(), s);
        }
        return new MsgRegistry(m, Map.of());
    }

    /** This registry plus {@code more} (which win over same-named types here). */
    public MsgRegistry plus(Collection<MsgSpec> more) {
        Map<String, MsgSpec> m = new LinkedHashMap<>(messages);
        for (MsgSpec s : more) {
            m.put(s.type(), s);
        }
        return new MsgRegistry(m, services);
    }

    /**
     * Parses a full {@code message_definition} text (as carried by connection headers and bag connection records)
     * back into the type tree rooted at {@code type}. Nested types missing from the text are looked up in
     * {@link #builtin()}.
     *
     * @throws InvalidDefinitionException if the text does not parse or a nested type is defined nowhere
     */
    public static MsgRegistry fromFullText(String type, String fullText) {
        if (fullText.length() > MsgParser.MAX_TEXT) {
            throw new InvalidDefinitionException(type + ": definition longer than " + MsgParser.MAX_TEXT + " characters");
        }
        String normalized = fullText.replace("\r\n", "\n");
        List<MsgSpec> specs = new ArrayList<>();
        String[] blocks = normalized.split("\n=+\n", -1);
        specs.add(MsgParser.parse(type, blocks[0]));
        for (int i = 1; i < blocks.length; i++) {
            String block = blocks[i];
            int nl = block.indexOf('\n');
            String head = nl < 0 ? block : block.substring(0, nl);
            if (!head.startsWith("MSG:")) {
                throw new InvalidDefinitionException(type + ": definition block " + i + " lacks its 'MSG: pkg/Type' line");
            }
            String depType = head.substring(4).strip();
            specs.add(MsgParser.parse(depType, nl < 0 ? "" : block.substring(nl + 1)));
        }
        Map<String, MsgSpec> m = new LinkedHashMap<>(builtin().messages);
        for (MsgSpec s : specs) {
            m.put(s.type(), s);
        }
        MsgRegistry r = new MsgRegistry(m, Map.of());
        r.checkResolvable(type, new ArrayList<>());
        return r;
    }

    public boolean contains(String type) {
        return messages.containsKey(type);
    }

    public boolean containsService(String type) {
        return services.containsKey(type);
    }

    /** The message types defined here. */
    public java.util.Set<String> types() {
        return messages.keySet();
    }

    public java.util.Set<String> serviceTypes() {
        return services.keySet();
    }

    public MsgSpec spec(String type) {
        MsgSpec s = messages.get(type);
        if (s == null) {
            throw new InvalidDefinitionException("unknown message type '" + MsgParser.shorten(type) + "'");
        }
        return s;
    }

    public SrvSpec service(String type) {
        SrvSpec s = services.get(type);
        if (s == null) {
            throw new InvalidDefinitionException("unknown service type '" + MsgParser.shorten(type) + "'");
        }
        return s;
    }

    /** The text whose md5 is the type's md5sum. */
    public String md5Text(String type) {
        checkResolvable(type, new ArrayList<>());
        return md5TextOf(spec(type));
    }

    private String md5TextOf(MsgSpec spec) {
        StringBuilder b = new StringBuilder();
        for (MsgConstant c : spec.constants()) {
            b.append(c.type()).append(' ').append(c.name()).append('=').append(c.valueText()).append('\n');
        }
        for (MsgField f : spec.fields()) {
            if (f.isPrimitive()) {
                b.append(f.typeText());
            } else {
                b.append(md5(f.baseType()));
            }
            b.append(' ').append(f.name()).append('\n');
        }
        return b.toString().strip();
    }

    public String md5(String type) {
        String cached = md5Cache.get(type);
        if (cached != null) {
            return cached;
        }
        String md5 = hex(md5TextOf(spec(type)));
        md5Cache.put(type, md5);
        return md5;
    }

    /** A service's md5: the digest of the request's md5 text followed directly by the response's. */
    public String serviceMd5(String type) {
        SrvSpec s = service(type);
        return hex(md5TextOf(s.request()) + md5TextOf(s.response()));
    }

    /** Nested message types of {@code type}, depth first, each once. */
    public List<String> dependencies(String type) {
        checkResolvable(type, new ArrayList<>());
        List<String> out = new ArrayList<>();
        collect(spec(type), out);
        return out;
    }

    private void collect(MsgSpec spec, List<String> out) {
        for (MsgField f : spec.fields()) {
            if (!f.isPrimitive()) {
                if (!out.contains(f.baseType())) {
                    out.add(f.baseType());
                }
                collect(spec(f.baseType()), out);
            }
        }
    }

    /** The full {@code message_definition} text, exactly as genmsg writes it. */
    public String fullText(String type) {
        StringBuilder b = new StringBuilder(spec(type).text()).append('\n');
        for (String dep : dependencies(type)) {
            b.append(SEPARATOR).append('\n').append("MSG: ").append(dep).append('\n').append(spec(dep).text()).append('\n');
        }
        return b.substring(0, b.length() - 1);
    }

    /** Fails on unknown nested types and on recursive definitions (which ROS cannot serialise either). */
    private void checkResolvable(String type, List<String> path) {
        if (path.contains(type)) {
            throw new InvalidDefinitionException("recursive message definition: " + String.join(" -> ", path) + " -> " + type);
        }
        MsgSpec spec = spec(type);
        path.add(type);
        for (MsgField f : spec.fields()) {
            if (!f.isPrimitive()) {
                if (!messages.containsKey(f.baseType())) {
                    throw new InvalidDefinitionException(type + "." + f.name() + ": unknown message type '" + f.baseType() + "'");
                }
                checkResolvable(f.baseType(), path);
            }
        }
        path.remove(path.size() - 1);
    }

    static String hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MsgRegistry loadBuiltin() {
        Map<String, MsgSpec> msgs = new LinkedHashMap<>();
        Map<String, SrvSpec> srvs = new LinkedHashMap<>();
        for (String entry : resource("index.txt").split("\n")) {
            entry = entry.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String type = entry.substring(0, entry.lastIndexOf('.'));
            String text = resource(entry);
            if (entry.endsWith(".srv")) {
                SrvSpec s = MsgParser.parseService(type, text);
                srvs.put(type, s);
                msgs.put(s.request().type(), s.request());
                msgs.put(s.response().type(), s.response());
            } else {
                msgs.put(type, MsgParser.parse(type, text));
            }
        }
        MsgRegistry r = new MsgRegistry(msgs, srvs);
        for (String t : msgs.keySet()) {
            r.checkResolvable(t, new ArrayList<>());
        }
        return r;
    }

    private static String resource(String name) {
        try (InputStream in = MsgRegistry.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE_DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + RESOURCE_DIR + name, e);
        }
    }
}
