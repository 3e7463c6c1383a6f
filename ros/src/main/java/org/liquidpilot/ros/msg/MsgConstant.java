package org.liquidpilot.ros.msg;

/**
 * A constant declared in a message definition, e.g. {@code uint8 DEBUG=1} or {@code string NAME=a # b}.
 *
 * @param type      its primitive type name
 * @param name      the constant name
 * @param value     the value as a Java object (Boolean, Long, Double or String)
 * @param valueText the value as written, as ROS uses it in md5 texts
 */
public record MsgConstant(String type, String name, Object value, String valueText) {
}
