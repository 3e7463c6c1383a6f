package org.liquidpilot.perception.ros;

import org.liquidpilot.perception.ImageDecoder;
import org.liquidpilot.perception.ImageFormatException;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.ros.msg.sensor_msgs.CompressedImage;
import org.liquidpilot.ros.msg.sensor_msgs.Image;

/** Frames from ROS image messages; a frame's stamp is its header stamp. */
public final class RosImages {
    public static final String IMAGE_TYPE = "sensor_msgs/Image";
    public static final String COMPRESSED_TYPE = "sensor_msgs/CompressedImage";

    private RosImages() {}

    public static RgbFrame toFrame(Image m) {
        return ImageDecoder.decodeRaw(m.width(), m.height(), m.encoding(), m.step(), m.data(), m.header().stamp().toSeconds());
    }

    public static RgbFrame toFrame(CompressedImage m) {
        return ImageDecoder.decodeCompressed(m.format(), m.data(), m.header().stamp().toSeconds());
    }

    /** Either kind of image message; anything else is an {@link ImageFormatException}. */
    public static RgbFrame toFrame(Object message) {
        if (message instanceof Image i) return toFrame(i);
        if (message instanceof CompressedImage c) return toFrame(c);
        throw new ImageFormatException("not an image message: " + (message == null ? "null" : message.getClass().getSimpleName()));
    }

    public static boolean isImageType(String rosType) {
        return IMAGE_TYPE.equals(rosType) || COMPRESSED_TYPE.equals(rosType);
    }
}
