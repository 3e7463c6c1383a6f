package org.liquidpilot.ros.xmlrpc;

import java.util.List;

/**
 * A parsed {@code <methodCall>}. Values are {@code String}, {@code Integer}, {@code Double}, {@code Boolean},
 * {@code byte[]} (base64), {@code List<Object>} (array) and {@code Map<String, Object>} (struct).
 */
public record XmlRpcCall(String method, List<Object> params) {
    public XmlRpcCall {
        params = List.copyOf(params);
    }
}
