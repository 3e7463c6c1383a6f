/**
 * The std_msgs types the project uses (Header, scalars, multi-arrays, String), each a record with its typed codec.
 * May depend on {@code org.liquidpilot.ros.msg} only.
 */
package org.liquidpilot.ros.msg.std_msgs;
