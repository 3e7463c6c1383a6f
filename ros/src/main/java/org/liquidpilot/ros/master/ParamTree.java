package org.liquidpilot.ros.master;

import org.liquidpilot.ros.GraphNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter server's store: a tree of namespaces (maps) with XML-RPC values at the leaves. Setting a map
 * stores it as a subtree, and getting a namespace returns the subtree as a map, as rosmaster does.
 * Not thread-safe; the master guards it.
 */
final class ParamTree {
    private final Map<String, Object> root = new LinkedHashMap<>();

    void set(String key, Object value) {
        String k = GraphNames.canonical(key);
        if (k.equals("/")) {
            if (!(value instanceof Map<?, ?> m)) throw new IllegalArgumentException("cannot set root to a non-dictionary");
            root.clear();
            root.putAll(deepCopy(m));
            return;
        }
        Map<String, Object> ns = root;
        String[] parts = k.substring(1).split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = ns.get(parts[i]);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                ns.put(parts[i], child);
            }
            @SuppressWarnings("unchecked") Map<String, Object> next = (Map<String, Object>) child;
            ns = next;
        }
        ns.put(parts[parts.length - 1], value instanceof Map<?, ?> m ? deepCopy(m) : value);
    }

    /** The value or subtree (copied), or null when unset. */
    Object get(String key) {
        String k = GraphNames.canonical(key);
        if (k.equals("/")) return deepCopy(root);
        Object cur = root;
        for (String part : k.substring(1).split("/")) {
            if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) return null;
            cur = m.get(part);
        }
        return cur instanceof Map<?, ?> m ? deepCopy(m) : cur;
    }

    boolean has(String key) {
        return get(key) != null;
    }

    boolean delete(String key) {
        String k = GraphNames.canonical(key);
        if (k.equals("/")) {
            root.clear();
            return true;
        }
        Map<String, Object> ns = root;
        String[] parts = k.substring(1).split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(ns.get(parts[i]) instanceof Map<?, ?> child)) return false;
            @SuppressWarnings("unchecked") Map<String, Object> next = (Map<String, Object>) child;
            ns = next;
        }
        return ns.remove(parts[parts.length - 1]) != null;
    }

    /** Every leaf's full name. */
    List<String> names() {
        List<String> out = new ArrayList<>();
        collect("", root, out);
        return out;
    }

    private static void collect(String prefix, Map<String, Object> ns, List<String> out) {
        for (Map.Entry<String, Object> e : ns.entrySet()) {
            String name = prefix + "/" + e.getKey();
            if (e.getValue() instanceof Map<?, ?> m && !m.isEmpty()) {
                @SuppressWarnings("unchecked") Map<String, Object> child = (Map<String, Object>) m;
                collect(name, child, out);
            } else {
                out.add(name);
            }
        }
    }

    /**
     * rosmaster's searchParam: looks for the key's first segment in the caller's namespace and each parent,
     * returning the full name found, or null.
     */
    String search(String callerNamespace, String key) {
        if (key.startsWith("/")) return has(key) ? GraphNames.canonical(key) : null;
        String first = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
        String ns = GraphNames.canonical(callerNamespace);
        while (true) {
            if (has(GraphNames.join(ns, first))) return GraphNames.join(ns, key);
            if (ns.equals("/")) return null;
            ns = GraphNames.parent(ns);
        }
    }

    private static Map<String, Object> deepCopy(Map<?, ?> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object v = e.getValue();
            copy.put(String.valueOf(e.getKey()), v instanceof Map<?, ?> sub ? deepCopy(sub) : v);
        }
        return copy;
    }
}
