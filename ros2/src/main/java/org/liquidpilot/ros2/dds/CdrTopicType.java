package org.liquidpilot.ros2.dds;

import org.liquidpilot.ros.msg.MessageFormatException;
import org.liquidpilot.ros2.cdr.ByteSink;
import org.liquidpilot.ros2.cdr.CdrCodec;
import us.ihmc.idl.CDR;
import us.ihmc.idl.InterchangeSerializer;
import us.ihmc.pubsub.TopicDataType;
import us.ihmc.pubsub.common.SerializedPayload;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * Lets Fast-DDS carry one ROS message type with this project's CDR codec. The library's payload buffer is the
 * serialized payload exactly as it goes on the wire, so we write the 4-byte encapsulation header (CDR little
 * endian, options 0) and then the body, and read both back; bodies align from after the header. (The library's
 * reported received length is 4 bytes longer than the payload; bytes after the message are ignored anyway.)
 * Receiving decodes straight from the library's buffer into a {@link Sample}; a payload that is not a valid message
 * leaves the sample's {@code error} set instead of throwing on the library's thread.
 */
public final class CdrTopicType<T> implements TopicDataType<CdrTopicType.Sample<T>> {
    /** Largest payload for camera types (a 1920×1080 RGB frame is 6.2 MB) and for everything else. */
    public static final int MAX_SENSOR_PAYLOAD = 8 << 20, MAX_PAYLOAD = 1 << 20;
    private static final Set<String> LARGE = Ros2Qos.SENSOR_TYPES;

    /** One message in or out: {@code message} when it decoded (or is to be sent), else {@code error}. */
    public static final class Sample<T> {
        public T message;
        public String error;
    }

    /** RTPS encapsulation: representation identifier CDR_LE (0x0001, big-endian on the wire), options 0. */
    private static final byte[] ENCAPSULATION = {0, 1, 0, 0};
    private static final int CDR_LE = 0x0001;

    private final CdrCodec<T> codec;
    private final String ddsName;
    private ByteBuffer sinkTarget;
    private ByteSink sink;

    public CdrTopicType(CdrCodec<T> codec) {
        this.codec = codec;
        this.ddsName = Ros2Names.messageType(codec.type());
    }

    public CdrCodec<T> codec() {
        return codec;
    }

    @Override
    public void serialize(Sample<T> data, SerializedPayload payload) {
        ByteBuffer target = payload.getData();
        if (target != sinkTarget) {
            sinkTarget = target;
            sink = ByteSink.over(target.clear().position(ENCAPSULATION.length));
        }
        target.put(0, ENCAPSULATION);
        codec.encode(data.message, sink.clear());
        payload.setLength(ENCAPSULATION.length + sink.length());
        payload.setEncapsulation(SerializedPayload.CDR_LE);
    }

    @Override
    public void deserialize(SerializedPayload payload, Sample<T> data) {
        ByteBuffer body = payload.getData().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        body.position(0).limit(Math.min(payload.getLength(), body.capacity()));
        try {
            if (body.remaining() < ENCAPSULATION.length) throw new MessageFormatException("payload shorter than its encapsulation header");
            int representation = (body.get(0) & 0xff) << 8 | body.get(1) & 0xff;
            if (representation != CDR_LE) {
                throw new MessageFormatException(String.format("encapsulation 0x%04x: only plain little-endian CDR (0x0001) is read", representation));
            }
            body.position(ENCAPSULATION.length);
            data.message = codec.decode(body);
            data.error = null;
        } catch (MessageFormatException e) {
            data.message = null;
            data.error = e.getMessage();
        } catch (RuntimeException e) {
            // A codec's own checks on the transcoded bytes; the payload was still garbage.
            data.message = null;
            data.error = e.toString();
        }
    }

    @Override
    public void serialize(Sample<T> data, InterchangeSerializer serializer) {
        throw new UnsupportedOperationException("only CDR payloads");
    }

    @Override
    public void deserialize(InterchangeSerializer serializer, Sample<T> data) {
        throw new UnsupportedOperationException("only CDR payloads");
    }

    @Override
    public void serialize(Sample<T> data, CDR cdr) {
        throw new UnsupportedOperationException("only CDR payloads");
    }

    @Override
    public void deserialize(Sample<T> data, CDR cdr) {
        throw new UnsupportedOperationException("only CDR payloads");
    }

    @Override
    public void copy(Sample<T> src, Sample<T> dest) {
        dest.message = src.message;
        dest.error = src.error;
    }

    @Override
    public int getTypeSize() {
        return LARGE.contains(codec.type()) ? MAX_SENSOR_PAYLOAD : MAX_PAYLOAD;
    }

    @Override
    public String getName() {
        return ddsName;
    }

    @Override
    public Sample<T> createData() {
        return new Sample<>();
    }

    @Override
    public TopicDataType<Sample<T>> newInstance() {
        return new CdrTopicType<>(new CdrCodec<>(codec.codec()));
    }
}
