package org.liquidpilot.ros.node;

import org.liquidpilot.ros.msg.MessageCodec;

import java.nio.ByteBuffer;

/**
 * A message of whatever type the publisher sends, as {@code rostopic echo}/{@code hz} and {@code rosbag record}
 * subscribe: the connection asks for {@code md5sum=*} and {@code type=*}, and each message carries the type,
 * md5sum and full definition from the publisher's connection header with its serialised bytes.
 */
public record AnyMessage(String type, String md5sum, String definition, byte[] payload) {

    /** Subscribe with this codec to receive {@link AnyMessage}s; it cannot encode, so it cannot publish. */
    public static final MessageCodec<AnyMessage> CODEC = new MessageCodec<>() {
        @Override
        public String type() {
            return "*";
        }

        @Override
        public String md5sum() {
            return "*";
        }

        @Override
        public String definition() {
            return "";
        }

        @Override
        public int encodedSize(AnyMessage message) {
            return message.payload().length;
        }

        @Override
        public void encode(AnyMessage message, ByteBuffer out) {
            out.put(message.payload());
        }

        @Override
        public AnyMessage decode(ByteBuffer in) {
            byte[] b = new byte[in.remaining()];
            in.get(b);
            return new AnyMessage("*", "*", "", b);
        }
    };
}
