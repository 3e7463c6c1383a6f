package org.liquidpilot.ros;

/**
 * ROS graph names: validation and resolution of relative, global and private ({@code ~}) names, as rospy does.
 * Canonical names start with '/', have no trailing '/' (except the root) and no empty segments.
 */
public final class GraphNames {
    private GraphNames() {}

    public static final String ROOT = "/";

    /** True for a legal ROS name: segments start with a letter (or '~'/'/' prefixes) and hold [A-Za-z0-9_]. */
    public static boolean isLegal(String name) {
        if (name == null || name.isEmpty()) return true;
        int i = 0;
        if (name.charAt(0) == '~' || name.charAt(0) == '/') i = 1;
        boolean segmentStart = true;
        for (; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/') {
                if (segmentStart && i > 1) return false;
                segmentStart = true;
            } else if (segmentStart) {
                if (!Character.isLetter(c) || c > 127) return false;
                segmentStart = false;
            } else if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return true;
    }

    /** Throws a clear IllegalArgumentException for an illegal name. */
    public static String requireLegal(String name) {
        if (!isLegal(name)) throw new IllegalArgumentException("not a legal ROS graph name: [" + name + "]");
        return name;
    }

    public static String canonical(String name) {
        if (name.isEmpty()) return ROOT;
        StringBuilder sb = new StringBuilder(name.length() + 1);
        if (name.charAt(0) != '/') sb.append('/');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '/') continue;
            sb.append(c);
        }
        if (sb.length() > 1 && sb.charAt(sb.length() - 1) == '/') sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /** The namespace of a global name: {@code /a/b/c -> /a/b}, {@code /a -> /}. */
    public static String parent(String name) {
        String c = canonical(name);
        int slash = c.lastIndexOf('/');
        return slash <= 0 ? ROOT : c.substring(0, slash);
    }

    /** The last segment: {@code /a/b -> b}. */
    public static String basename(String name) {
        String c = canonical(name);
        return c.substring(c.lastIndexOf('/') + 1);
    }

    public static String join(String namespace, String name) {
        return canonical(canonical(namespace) + "/" + name);
    }

    /**
     * Resolves {@code name} as seen by node {@code nodeName} (a global name) in {@code namespace}: global names stay,
     * {@code ~x} becomes {@code nodeName/x}, relative names go under the namespace.
     */
    public static String resolve(String namespace, String nodeName, String name) {
        requireLegal(name);
        if (name.isEmpty()) return canonical(namespace);
        if (name.charAt(0) == '/') return canonical(name);
        if (name.charAt(0) == '~') return join(nodeName, name.substring(1));
        return join(namespace, name);
    }
}
