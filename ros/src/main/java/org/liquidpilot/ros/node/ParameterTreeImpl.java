package org.liquidpilot.ros.node;

import org.liquidpilot.ros.GraphNames;
import org.liquidpilot.ros.xmlrpc.RosApi;
import org.liquidpilot.ros.xmlrpc.RosApiException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The parameter API over the master's XML-RPC; listeners use subscribeParam and the slave's paramUpdate. */
final class ParameterTreeImpl implements ParameterTree {
    private final DefaultNode node;
    private final Map<String, List<ParameterListener>> listeners = new ConcurrentHashMap<>();

    ParameterTreeImpl(DefaultNode node) {
        this.node = node;
    }

    @Override
    public boolean has(String name) {
        return Boolean.TRUE.equals(call("hasParam", node.resolveName(name)));
    }

    @Override
    public Object get(String name) {
        Object r = raw("getParam", node.resolveName(name));
        return RosApi.code(r) == RosApi.SUCCESS ? ((List<?>) r).get(2) : null;
    }

    @Override
    public String resolve(String name) {
        return node.resolveName(name);
    }

    @Override
    public void set(String name, Object value) {
        call("setParam", node.resolveName(name), value);
    }

    @Override
    public void delete(String name) {
        call("deleteParam", node.resolveName(name));
    }

    @Override
    public String search(String name) {
        Object r = raw("searchParam", name);
        return RosApi.code(r) == RosApi.SUCCESS ? String.valueOf(((List<?>) r).get(2)) : null;
    }

    @Override
    public List<String> getNames() {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) call("getParamNames")) out.add(String.valueOf(o));
        return out;
    }

    @Override
    public void addParameterListener(String name, ParameterListener listener) {
        String key = node.resolveName(name);
        listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
        call("subscribeParam", node.getUri().toString(), key);
    }

    /** Re-subscribes every listened key (after a master restart). */
    void resubscribe() throws IOException, RosApiException {
        for (String key : listeners.keySet()) node.masterValue("subscribeParam", node.getUri().toString(), key);
    }

    Iterable<String> subscribedKeys() {
        return listeners.keySet();
    }

    /** The slave API's paramUpdate; false when nothing here listens to that key. */
    boolean update(String key, Object value) {
        String changed = GraphNames.canonical(key);
        boolean any = false;
        for (Map.Entry<String, List<ParameterListener>> e : listeners.entrySet()) {
            String k = e.getKey();
            Object v;
            if (k.equals(changed)) {
                v = value;
            } else if (changed.startsWith(k + "/") || k.startsWith(changed + "/")) {
                v = get(k); // a parent or child changed: report the whole listened value
                if (v == null) v = Map.of();
            } else {
                continue;
            }
            any = true;
            for (ParameterListener l : e.getValue()) l.onNewValue(v);
        }
        return any;
    }

    private Object call(String method, Object... args) {
        try {
            return node.masterValue(method, args);
        } catch (IOException e) {
            throw new UncheckedIOException("parameter server at " + node.getMasterUri() + " unreachable", e);
        } catch (RosApiException e) {
            throw new IllegalArgumentException(method + ": " + e.getMessage());
        }
    }

    private Object raw(String method, Object... args) {
        try {
            return node.masterRaw(method, args);
        } catch (IOException e) {
            throw new UncheckedIOException("parameter server at " + node.getMasterUri() + " unreachable", e);
        }
    }
}
