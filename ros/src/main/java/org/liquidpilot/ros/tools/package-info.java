/**
 * Small tools over the runtime: a snapshot of a master's graph and the loopback relay benchmark. The top of the
 * module: may depend on any package of it ({@code node}, {@code master}, {@code msg}, {@code xmlrpc}), and nothing
 * else in the module depends on it.
 */
package org.liquidpilot.ros.tools;
