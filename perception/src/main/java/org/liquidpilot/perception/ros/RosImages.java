package org.liquidpilot.perception.ros;

import org.liquidpilot.perception.ImageDecoder;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.ros.msg.sensor_msgs.Image;

/** Frames from ROS image messages; the frame's stamp is the header stamp. */
public final class RosImages {
    private RosImages() {}

    public static RgbFrame toFrame(Image m) {
        return ImageDecoder.decodeRaw(m.width(), m.height(), m.encoding(), m.step(), m.data(), m.header().stamp().toSeconds());
    }
}
