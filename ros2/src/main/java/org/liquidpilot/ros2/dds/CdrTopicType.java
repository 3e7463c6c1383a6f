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
 * <p>
 * A service's request and reply types ({@link #service}) carry rmw_cyclonedds's request header between the
 * encapsulation header and the body: the client's 64-bit id, then the request's 64-bit sequence number, both little
 * endian and aligned from after the encapsulation header like the body. Being 16 bytes, it leaves the body's
 * alignment as it would be without it.
 */
public final class CdrTopicType<T> implements TopicDataType<CdrTopicType.Sample<T>> {
    /** Largest payload for camera types (a 1920×1080 RGB frame is 6.2 MB) and for everything else. */
    public static final int MAX_SENSOR_PAYLOAD = 8 << 20, MAX_PAYLOAD = 1 << 20;
    private static final Set<String> LARGE = Ros2Qos.SENSOR_TYPES;

    /** One message in or out: {@code message} when it decoded (or is to be sent), else {@code error}. */
    public static final class Sample<T> {
        public T message;
        public String error;
        /** Service types only: the calling client's id and the request's sequence number (the request header). */
        public long clientId, sequence;
    }

    /** Bytes of the service request header: client id (uint64) and sequence number (int64). */
    public static final int SERVICE_HEADER = 16;

    /** RTPS encapsulation: representation identifier CDR_LE (0x0001, big-endian on the wire), options 0. */
    private static final byte[] ENCAPSULATION = {0, 1, 0, 0};
    private static final int CDR_LE = 0x0001;

    private final CdrCodec<T> codec;
    private final String ddsName;
    private final boolean serviceHeader;
    private final int bodyStart;
    private ByteBuffer sinkTarget;
    private ByteSink sink;

    /** A topic's type: {@code pkg::msg::dds_::T_}. */
    public CdrTopicType(CdrCodec<T> codec) {
        this(codec, Ros2Names.messageType(codec.type()), false);
    }

    private CdrTopicType(CdrCodec<T> codec, String ddsName, boolean serviceHeader) {
        this.codec = codec;
        this.ddsName = ddsName;
        this.serviceHeader = serviceHeader;
        this.bodyStart = ENCAPSULATION.length + (serviceHeader ? SERVICE_HEADER : 0);
    }

    /**
     * One half of a service, under its DDS type name ({@link Ros2Names#serviceRequestType} or
     * {@link Ros2Names#serviceResponseType}), with the request header before the body.
     */
    public static <T> CdrTopicType<T> service(CdrCodec<T> codec, String ddsName) {
        return new CdrTopicType<>(codec, ddsName, true);
    }

    public boolean serviceHeader() {
        return serviceHeader;
    }

    public CdrCodec<T> codec() {
        return codec;
    }

    @Override
    public void serialize(Sample<T> data, SerializedPayload payload) {
        ByteBuffer target = payload.getData();
        if (target != sinkTarget) {
            sinkTarget = target;
            sink = ByteSink.over(target.clear().position(bodyStart));
        }
        target.put(0, ENCAPSULATION);
        if (serviceHeader) {
            // On a duplicate: the library's buffer keeps its own byte order (services are not a per-step path).
            target.duplicate().order(ByteOrder.LITTLE_ENDIAN).putLong(ENCAPSULATION.length, data.clientId).putLong(ENCAPSULATION.length + 8, data.sequence);
        }
        codec.encode(data.message, sink.clear());
        payload.setLength(bodyStart + sink.length());
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
            if (serviceHeader) {
                if (body.remaining() < bodyStart) throw new MessageFormatException("payload shorter than its service request header");
                data.clientId = body.getLong(ENCAPSULATION.length);
                data.sequence = body.getLong(ENCAPSULATION.length + 8);
            }
            body.position(bodyStart);
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
        dest.clientId = src.clientId;
        dest.sequence = src.sequence;
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
        return new CdrTopicType<>(new CdrCodec<>(codec.codec()), ddsName, serviceHeader);
    }
}
