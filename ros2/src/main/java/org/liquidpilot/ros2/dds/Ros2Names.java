package org.liquidpilot.ros2.dds;

/**
 * How ROS 2 (every rmw: Fast-DDS, Cyclone DDS, Connext) names topics and types on the DDS wire: topic {@code /x} is
 * {@code rt/x}, message type {@code pkg/msg/T} is {@code pkg::msg::dds_::T_}; a service {@code /s} of type
 * {@code pkg/srv/S} is {@code rq/sRequest} ({@code pkg::srv::dds_::S_Request_}) and {@code rr/sReply}
 * ({@code pkg::srv::dds_::S_Response_}).
 */
public final class Ros2Names {
    private Ros2Names() {}

    public static final String TOPIC_PREFIX = "rt";

    /** {@code /camera/image_raw} → {@code rt/camera/image_raw}. */
    public static String topic(String resolvedName) {
        requireGlobal(resolvedName);
        return TOPIC_PREFIX + resolvedName;
    }

    public static String serviceRequestTopic(String resolvedName) {
        requireGlobal(resolvedName);
        return "rq" + resolvedName + "Request";
    }

    public static String serviceReplyTopic(String resolvedName) {
        requireGlobal(resolvedName);
        return "rr" + resolvedName + "Reply";
    }

    /** {@code geometry_msgs/Twist} (or {@code geometry_msgs/msg/Twist}) → {@code geometry_msgs::msg::dds_::Twist_}. */
    public static String messageType(String rosType) {
        return ddsType(rosType, "msg", "");
    }

    /** {@code std_srvs/SetBool} → {@code std_srvs::srv::dds_::SetBool_Request_}. */
    public static String serviceRequestType(String rosType) {
        return ddsType(rosType, "srv", "_Request");
    }

    public static String serviceResponseType(String rosType) {
        return ddsType(rosType, "srv", "_Response");
    }

    /** The ROS topic of a DDS topic name ({@code rt/x} → {@code /x}), or null for one that is not a ROS 2 topic. */
    public static String rosTopic(String ddsTopic) {
        return ddsTopic.startsWith(TOPIC_PREFIX + "/") ? ddsTopic.substring(TOPIC_PREFIX.length()) : null;
    }

    /** {@code geometry_msgs::msg::dds_::Twist_} → {@code geometry_msgs/Twist} (the ROS 1 spelling the codecs use). */
    public static String rosType(String ddsType) {
        String[] parts = ddsType.split("::");
        if (parts.length != 4 || !parts[2].equals("dds_") || !parts[3].endsWith("_")) return null;
        return parts[0] + "/" + parts[3].substring(0, parts[3].length() - 1);
    }

    private static String ddsType(String rosType, String kind, String suffix) {
        String[] parts = rosType.split("/");
        String pkg, name;
        if (parts.length == 2) {
            pkg = parts[0];
            name = parts[1];
        } else if (parts.length == 3 && parts[1].equals(kind)) {
            pkg = parts[0];
            name = parts[2];
        } else {
            throw new IllegalArgumentException("not a ROS " + kind + " type name: '" + rosType + "'");
        }
        if (pkg.isEmpty() || name.isEmpty()) throw new IllegalArgumentException("not a ROS " + kind + " type name: '" + rosType + "'");
        return pkg + "::" + kind + "::dds_::" + name + suffix + "_";
    }

    private static void requireGlobal(String name) {
        if (name.isEmpty() || name.charAt(0) != '/' || name.length() > 1 && name.endsWith("/")) {
            throw new IllegalArgumentException("not a resolved graph name: '" + name + "'");
        }
    }
}
