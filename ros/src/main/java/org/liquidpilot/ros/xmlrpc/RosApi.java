package org.liquidpilot.ros.xmlrpc;

import java.util.List;
import java.util.Map;

/** The ROS convention on top of XML-RPC: every answer is {@code [code, statusMessage, value]}, code 1 = ok. */
public final class RosApi {
    private RosApi() {}

    public static final int SUCCESS = 1;
    public static final int FAILURE = 0;
    public static final int ERROR = -1;

    public static List<Object> ok(String message, Object value) {
        return List.of(SUCCESS, message, value);
    }

    public static List<Object> failure(String message, Object value) {
        return List.of(FAILURE, message, value);
    }

    public static List<Object> error(String message, Object value) {
        return List.of(ERROR, message, value);
    }

    /** The value of a successful answer; throws {@link RosApiException} for code 0/-1 or a malformed answer. */
    public static Object value(Object response) throws RosApiException {
        if (!(response instanceof List<?> l) || l.size() != 3 || !(l.get(0) instanceof Integer code)) {
            throw new RosApiException(ERROR, "malformed ROS API answer: " + abbreviate(response));
        }
        if (code != SUCCESS) throw new RosApiException(code, String.valueOf(l.get(1)));
        return l.get(2);
    }

    public static int code(Object response) {
        return response instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Integer c ? c : ERROR;
    }

    /** Positional argument access that turns a wrong type into a clear {@link IllegalArgumentException}. */
    public static String string(List<Object> params, int i, String what) {
        Object v = arg(params, i, what);
        if (v instanceof String s) return s;
        throw new IllegalArgumentException(what + " must be a string");
    }

    public static List<?> list(List<Object> params, int i, String what) {
        Object v = arg(params, i, what);
        if (v instanceof List<?> l) return l;
        throw new IllegalArgumentException(what + " must be an array");
    }

    public static Map<?, ?> map(Object v, String what) {
        if (v instanceof Map<?, ?> m) return m;
        throw new IllegalArgumentException(what + " must be a struct");
    }

    public static Object arg(List<Object> params, int i, String what) {
        if (i >= params.size()) throw new IllegalArgumentException("missing argument " + what);
        return params.get(i);
    }

    static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
