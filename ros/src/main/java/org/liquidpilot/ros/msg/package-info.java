/**
 * ROS messages: .msg/.srv parsing, md5 sums and full definitions ({@link org.liquidpilot.ros.msg.MsgRegistry}), the
 * codec contract ({@link org.liquidpilot.ros.msg.MessageCodec}), typed and definition-driven codecs, service
 * descriptors ({@link org.liquidpilot.ros.msg.ServiceType}) and the registry of shipped types. May depend on its own
 * type subpackages, never on the node, master or transport packages.
 */
package org.liquidpilot.ros.msg;
