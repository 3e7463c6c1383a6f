package org.liquidpilot.ros.xmlrpc;

import java.util.List;

/** Answers one XML-RPC method call; the returned value becomes the response's single param. */
@FunctionalInterface
public interface XmlRpcHandler {
    /**
     * @throws XmlRpcFault to answer with a fault (unknown method, wrong arguments)
     */
    Object handle(String method, List<Object> params) throws XmlRpcFault;
}
