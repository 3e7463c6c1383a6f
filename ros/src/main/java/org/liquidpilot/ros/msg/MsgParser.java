package org.liquidpilot.ros.msg;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses {@code .msg} and {@code .srv} texts following genmsg's rules, so that the md5 sums and full definitions
 * computed from the result match the ones real ROS computes: {@code #} starts a comment except in string constants,
 * constants come as {@code type NAME=value}, {@code Header} means {@code std_msgs/Header}, bare type names resolve in
 * the message's own package, and {@code byte}/{@code char} are legacy aliases of int8/uint8.
 */
public final class MsgParser {
    /** Generous bound on a fixed array length, so that a hostile definition cannot request giant arrays. */
    public static final int MAX_FIXED_ARRAY = 1 << 24;
    /** Bound on a definition's size: real ones are a few kB. */
    public static final int MAX_TEXT = 1 << 20;

    private static final Pattern BASE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_/]*");

    private MsgParser() {
    }

    /**
     * Parses the definition of message {@code type} ({@code pkg/Type}).
     *
     * @throws InvalidDefinitionException if the text is not a valid message definition
     */
    public static MsgSpec parse(String type, String text) {
        checkTypeName(type);
        if (text.length() > MAX_TEXT) {
            throw new InvalidDefinitionException(type + ": definition longer than " + MAX_TEXT + " characters");
        }
        String pkg = type.substring(0, type.indexOf('/'));
        List<MsgField> fields = new ArrayList<>();
        List<MsgConstant> constants = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            String clean = stripComment(line);
            if (clean.isEmpty()) {
                continue;
            }
            try {
                if (clean.indexOf('=') >= 0) {
                    constants.add(parseConstant(line, clean));
                } else {
                    fields.add(parseField(clean, pkg));
                }
            } catch (InvalidDefinitionException e) {
                throw new InvalidDefinitionException(type + " line " + lineNo + ": " + e.getMessage());
            }
        }
        checkUniqueNames(type, fields, constants);
        return new MsgSpec(type, text, fields, constants);
    }

    /** Parses a service definition; the halves become messages {@code <type>Request} and {@code <type>Response}. */
    public static SrvSpec parseService(String type, String text) {
        StringBuilder request = new StringBuilder();
        StringBuilder response = new StringBuilder();
        StringBuilder into = request;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("---")) {
                into = response;
            } else {
                into.append(line).append('\n');
            }
        }
        return new SrvSpec(type, text, parse(type + "Request", request.toString()),
                parse(type + "Response", response.toString()));
    }

    static void checkTypeName(String type) {
        int slash = type.indexOf('/');
        if (slash <= 0 || slash != type.lastIndexOf('/') || !BASE_NAME.matcher(type.substring(0, slash)).matches()
                || !BASE_NAME.matcher(type.substring(slash + 1)).matches()) {
            throw new InvalidDefinitionException("not a message type name (want pkg/Type): '" + shorten(type) + "'");
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).strip();
    }

    /** Splits like Python's {@code [t.strip() for t in s.split(" ") if t.strip()]}: only spaces separate tokens. */
    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.split(" ")) {
            String st = t.strip();
            if (!st.isEmpty()) {
                out.add(st);
            }
        }
        return out;
    }

    private static MsgField parseField(String clean, String pkg) {
        List<String> tok = tokens(clean);
        if (tok.size() != 2) {
            throw new InvalidDefinitionException("invalid declaration: '" + shorten(clean) + "'");
        }
        String typeText = tok.get(0);
        String name = tok.get(1);
        if (!BASE_NAME.matcher(name).matches()) {
            throw new InvalidDefinitionException("'" + shorten(name) + "' is not a legal field name");
        }
        String base = typeText;
        boolean array = false;
        int length = -1;
        int bracket = typeText.indexOf('[');
        if (bracket >= 0) {
            base = typeText.substring(0, bracket);
            String suffix = typeText.substring(bracket);
            if (!suffix.endsWith("]") || suffix.indexOf('[', 1) >= 0) {
                throw new InvalidDefinitionException("'" + shorten(typeText) + "' is not a legal field type");
            }
            array = true;
            String digits = suffix.substring(1, suffix.length() - 1);
            if (!digits.isEmpty()) {
                if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 9) {
                    throw new InvalidDefinitionException("bad array length in '" + shorten(typeText) + "'");
                }
                length = Integer.parseInt(digits);
                if (length > MAX_FIXED_ARRAY) {
                    throw new InvalidDefinitionException("fixed array length " + length + " exceeds " + MAX_FIXED_ARRAY);
                }
            }
        }
        if (!RESOURCE_NAME.matcher(base).matches() || base.contains("//") || base.endsWith("/")) {
            throw new InvalidDefinitionException("'" + shorten(typeText) + "' is not a legal field type");
        }
        return new MsgField(name, resolve(base, pkg), array, length);
    }

    /** Resolves a field's base type as genmsg does: Header is std_msgs/Header, bare names live in {@code pkg}. */
    static String resolve(String base, String pkg) {
        if (Primitive.of(base) != null) {
            return base;
        }
        if (base.indexOf('/') >= 0) {
            checkTypeName(base);
            return base;
        }
        if (base.equals("Header")) {
            return "std_msgs/Header";
        }
        return pkg + "/" + base;
    }

    private static MsgConstant parseConstant(String line, String clean) {
        List<String> tok = tokens(clean);
        String type = tok.get(0);
        Primitive p = Primitive.of(type);
        if (p == null || !p.allowedAsConstant()) {
            throw new InvalidDefinitionException("'" + shorten(type) + "' is not a legal constant type");
        }
        String name;
        String valueText;
        if (p == Primitive.STRING) {
            // a string constant is everything right of '=', comment characters included
            int eq = line.indexOf('=');
            int space = line.indexOf(' ');
            if (space < 0 || space >= eq) {
                throw new InvalidDefinitionException("invalid constant declaration: '" + shorten(line) + "'");
            }
            name = line.substring(space + 1, eq).strip();
            valueText = line.substring(eq + 1).strip();
        } else {
            String[] parts = String.join(" ", tok.subList(1, tok.size())).split("=", -1);
            if (parts.length != 2) {
                throw new InvalidDefinitionException("invalid constant declaration: '" + shorten(line) + "'");
            }
            name = parts[0].strip();
            valueText = parts[1].strip();
        }
        if (!BASE_NAME.matcher(name).matches()) {
            throw new InvalidDefinitionException("'" + shorten(name) + "' is not a legal constant name");
        }
        return new MsgConstant(type, name, constantValue(p, valueText), valueText);
    }

    private static Object constantValue(Primitive p, String text) {
        try {
            switch (p) {
                case STRING:
                    return text;
                case FLOAT32:
                case FLOAT64:
                    return Double.parseDouble(text);
                case BOOL:
                    return switch (text) {
                        case "True", "true", "1" -> Boolean.TRUE;
                        case "False", "false", "0" -> Boolean.FALSE;
                        default -> throw new InvalidDefinitionException("bad bool constant '" + shorten(text) + "'");
                    };
                default:
                    java.math.BigInteger v = new java.math.BigInteger(text.startsWith("+") ? text.substring(1) : text);
                    int bits = p.size() * 8;
                    boolean unsigned = p.rosName().startsWith("u") || p == Primitive.CHAR;
                    java.math.BigInteger lo = unsigned ? java.math.BigInteger.ZERO
                            : java.math.BigInteger.ONE.shiftLeft(bits - 1).negate();
                    java.math.BigInteger hi = unsigned ? java.math.BigInteger.ONE.shiftLeft(bits).subtract(java.math.BigInteger.ONE)
                            : java.math.BigInteger.ONE.shiftLeft(bits - 1).subtract(java.math.BigInteger.ONE);
                    if (v.compareTo(lo) < 0 || v.compareTo(hi) > 0) {
                        throw new InvalidDefinitionException("constant " + text + " out of range for " + p.rosName());
                    }
                    return v.longValue();
            }
        } catch (NumberFormatException e) {
            throw new InvalidDefinitionException("bad " + p.rosName() + " constant '" + shorten(text) + "'");
        }
    }

    private static void checkUniqueNames(String type, List<MsgField> fields, List<MsgConstant> constants) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (MsgField f : fields) {
            if (!seen.add(f.name())) {
                throw new InvalidDefinitionException(type + ": duplicate field '" + f.name() + "'");
            }
        }
        for (MsgConstant c : constants) {
            if (!seen.add(c.name())) {
                throw new InvalidDefinitionException(type + ": duplicate name '" + c.name() + "'");
            }
        }
    }

    static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
