/**
 * The typed node API in the style of rosjava ({@link org.liquidpilot.ros.node.NodeMain},
 * {@link org.liquidpilot.ros.node.ConnectedNode}, publishers, subscribers, services, parameters, /rosout) and its
 * implementation, a facade over package-private roles. May depend on the root package, {@code msg},
 * {@code xmlrpc}, {@code tcpros} and {@code net}; never on {@code master}, {@code tools} or {@code debian}.
 */
package org.liquidpilot.ros.node;
