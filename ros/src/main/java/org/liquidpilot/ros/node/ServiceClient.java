package org.liquidpilot.ros.node;

/** Calls a service by name; each call looks the provider up with the master and uses one TCPROS connection. */
public interface ServiceClient<Q, R> {
    String getName();

    R call(Q request) throws ServiceException;
}
