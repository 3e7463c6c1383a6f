package org.liquidpilot.ros.xmlrpc;

/** An XML-RPC {@code <fault>}: sent by a handler that throws it, received by a client as this exception. */
public class XmlRpcFault extends Exception {
    private final int code;

    public XmlRpcFault(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
