package org.liquidpilot.ros.xmlrpc;

/** XML-RPC or HTTP bytes that are malformed, truncated or over a size limit. */
public class XmlRpcFormatException extends IllegalArgumentException {
    public XmlRpcFormatException(String message) {
        super(message);
    }
}
