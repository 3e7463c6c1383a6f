package org.liquidpilot.launch;

import java.util.regex.Pattern;

/** Graph-name rules roslaunch applies while loading: legal names, namespace joins. */
final class RosNames {
    private static final Pattern LEGAL = Pattern.compile("[~/A-Za-z][A-Za-z0-9_/]*");
    private static final Pattern BASE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private RosNames() {}

    static boolean isLegal(String name) {
        return name != null && (name.isEmpty() || LEGAL.matcher(name).matches()) && !name.contains("//");
    }

    static boolean isLegalBase(String name) {
        return name != null && BASE.matcher(name).matches();
    }

    /** Joins a child namespace onto a parent; both absolute results end in '/'. */
    static String childNamespace(String parent, String child) {
        if (child == null || child.isEmpty()) return parent;
        String joined = child.startsWith("/") ? child : parent + child;
        return joined.endsWith("/") ? joined : joined + "/";
    }

    /** A relative or global name resolved in a namespace (no private names here). */
    static String resolve(String ns, String name) {
        String full = name.startsWith("/") ? name : ns + name;
        return full.length() > 1 && full.endsWith("/") ? full.substring(0, full.length() - 1) : full;
    }
}
