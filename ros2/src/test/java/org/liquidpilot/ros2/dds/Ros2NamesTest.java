package org.liquidpilot.ros2.dds;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Ros2NamesTest {
    @Test
    void namesOnTheWire() {
        assertEquals("rt/cmd_vel", Ros2Names.topic("/cmd_vel"));
        assertEquals("rt/uav1/camera/image_raw", Ros2Names.topic("/uav1/camera/image_raw"));
        assertEquals("geometry_msgs::msg::dds_::Twist_", Ros2Names.messageType("geometry_msgs/Twist"));
        assertEquals("geometry_msgs::msg::dds_::Twist_", Ros2Names.messageType("geometry_msgs/msg/Twist"));
        assertEquals("rq/pilot/enableRequest", Ros2Names.serviceRequestTopic("/pilot/enable"));
        assertEquals("rr/pilot/enableReply", Ros2Names.serviceReplyTopic("/pilot/enable"));
        assertEquals("std_srvs::srv::dds_::SetBool_Request_", Ros2Names.serviceRequestType("std_srvs/SetBool"));
        assertEquals("std_srvs::srv::dds_::SetBool_Response_", Ros2Names.serviceResponseType("std_srvs/srv/SetBool"));
        assertEquals("/cmd_vel", Ros2Names.rosTopic("rt/cmd_vel"));
        assertNull(Ros2Names.rosTopic("rq/pilot/enableRequest"));
        assertEquals("sensor_msgs/Image", Ros2Names.rosType("sensor_msgs::msg::dds_::Image_"));
        assertNull(Ros2Names.rosType("DCPSParticipant"));
        assertThrows(IllegalArgumentException.class, () -> Ros2Names.topic("cmd_vel"));
        assertThrows(IllegalArgumentException.class, () -> Ros2Names.messageType("Twist"));
    }

    @Test
    void settingsFromTheEnvironment() {
        assertEquals(new DdsSettings(0, false), DdsSettings.fromEnvironment(java.util.Map.of()));
        assertEquals(new DdsSettings(7, true), DdsSettings.fromEnvironment(java.util.Map.of("ROS_DOMAIN_ID", "7", "LIQUIDPILOT_DDS_NETWORK", "host")));
        assertThrows(IllegalArgumentException.class, () -> DdsSettings.fromEnvironment(java.util.Map.of("ROS_DOMAIN_ID", "x")));
        assertThrows(IllegalArgumentException.class, () -> DdsSettings.fromEnvironment(java.util.Map.of("ROS_DOMAIN_ID", "999")));
        assertThrows(IllegalArgumentException.class, () -> DdsSettings.fromEnvironment(java.util.Map.of("LIQUIDPILOT_DDS_NETWORK", "eth0")));
    }
}
