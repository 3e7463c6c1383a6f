package org.liquidpilot.ros.node;

/** Answers service requests; throw {@link ServiceException} to send the caller an error. */
@FunctionalInterface
public interface ServiceHandler<Q, R> {
    R handle(Q request) throws ServiceException;
}
