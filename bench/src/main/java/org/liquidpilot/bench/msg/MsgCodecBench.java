package org.liquidpilot.bench.msg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.liquidpilot.ros.msg.DynamicCodec;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Serialisation cost of the two messages on the pilot's hot path: the 160x80 rgb8 camera Image in and the Twist out,
 * with the typed codecs (what nodes use) and the definition-driven dynamic codec (what topic echo and bags use).
 * Encoding writes into a reused buffer, as the TCPROS writer does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MsgCodecBench {
    private Image image;
    private Twist twist;
    private ByteBuffer imageBuf;
    private ByteBuffer twistBuf;
    private ByteBuffer imageBytes;
    private ByteBuffer twistBytes;
    private DynamicCodec dynTwist;
    private DynamicCodec dynImage;
    private Map<String, Object> dynTwistValue;

    @Setup
    public void setup() {
        byte[] pixels = new byte[160 * 80 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31);
        }
        image = Image.of(new Header(7, new Time(1700000000, 3_000_000), "camera"), 80, 160, "rgb8", 3, pixels);
        twist = Twist.of(2.0, 0.3);
        imageBuf = ByteBuffer.allocate(Image.CODEC.encodedSize(image)).order(ByteOrder.LITTLE_ENDIAN);
        twistBuf = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        imageBytes = ByteBuffer.wrap(Image.CODEC.toBytes(image)).order(ByteOrder.LITTLE_ENDIAN);
        twistBytes = ByteBuffer.wrap(Twist.CODEC.toBytes(twist)).order(ByteOrder.LITTLE_ENDIAN);
        dynTwist = DynamicCodec.of("geometry_msgs/Twist");
        dynImage = DynamicCodec.of("sensor_msgs/Image");
        dynTwistValue = dynTwist.fromBytes(Twist.CODEC.toBytes(twist));
    }

    @Benchmark
    public ByteBuffer imageEncode() {
        imageBuf.clear();
        Image.CODEC.encode(image, imageBuf);
        return imageBuf;
    }

    @Benchmark
    public Image imageDecode() {
        imageBytes.rewind();
        return Image.CODEC.decode(imageBytes);
    }

    @Benchmark
    public ByteBuffer twistEncode() {
        twistBuf.clear();
        Twist.CODEC.encode(twist, twistBuf);
        return twistBuf;
    }

    @Benchmark
    public Twist twistDecode() {
        twistBytes.rewind();
        return Twist.CODEC.decode(twistBytes);
    }

    @Benchmark
    public Map<String, Object> twistDecodeDynamic() {
        twistBytes.rewind();
        return dynTwist.decode(twistBytes);
    }

    @Benchmark
    public ByteBuffer twistEncodeDynamic() {
        twistBuf.clear();
        dynTwist.encode(dynTwistValue, twistBuf);
        return twistBuf;
    }

    @Benchmark
    public Map<String, Object> imageDecodeDynamic() {
        imageBytes.rewind();
        return dynImage.decode(imageBytes);
    }
}
