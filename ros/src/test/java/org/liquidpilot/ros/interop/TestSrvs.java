package org.liquidpilot.ros.interop;

import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.msg.MessageFormatException;
import org.liquidpilot.ros.msg.ServiceType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** std_srvs/SetBool written out by hand, so the transport tests do not depend on the message package's services. */
final class TestSrvs {
    private TestSrvs() {}

    record SetBoolRequest(boolean data) {}

    record SetBoolResponse(boolean success, String message) {}

    static final MessageCodec<SetBoolRequest> REQUEST = new MessageCodec<>() {
        public String type() {
            return "std_srvs/SetBoolRequest";
        }

        public String md5sum() {
            return "8b94c1b53db61fb6aed406028ad6332a";
        }

        public String definition() {
            return "bool data # e.g. for hardware enabling / disabling\n";
        }

        public int encodedSize(SetBoolRequest m) {
            return 1;
        }

        public void encode(SetBoolRequest m, ByteBuffer out) {
            out.put((byte) (m.data() ? 1 : 0));
        }

        public SetBoolRequest decode(ByteBuffer in) {
            if (in.remaining() < 1) throw new MessageFormatException("truncated SetBoolRequest");
            return new SetBoolRequest(in.get() != 0);
        }
    };

    static final MessageCodec<SetBoolResponse> RESPONSE = new MessageCodec<>() {
        public String type() {
            return "std_srvs/SetBoolResponse";
        }

        public String md5sum() {
            return "937c9679a518e3a18d831e57125ea522";
        }

        public String definition() {
            return "bool success   # indicate successful run of triggered service\nstring message # informational, e.g. for error messages\n";
        }

        public int encodedSize(SetBoolResponse m) {
            return 5 + m.message().getBytes(StandardCharsets.UTF_8).length;
        }

        public void encode(SetBoolResponse m, ByteBuffer out) {
            byte[] b = m.message().getBytes(StandardCharsets.UTF_8);
            out.put((byte) (m.success() ? 1 : 0)).putInt(b.length).put(b);
        }

        public SetBoolResponse decode(ByteBuffer in) {
            if (in.remaining() < 5) throw new MessageFormatException("truncated SetBoolResponse");
            boolean ok = in.get() != 0;
            int n = in.getInt();
            if (n < 0 || n > in.remaining()) throw new MessageFormatException("bad string length");
            byte[] b = new byte[n];
            in.get(b);
            return new SetBoolResponse(ok, new String(b, StandardCharsets.UTF_8));
        }
    };

    static final ServiceType<SetBoolRequest, SetBoolResponse> SET_BOOL =
            new ServiceType<>("std_srvs/SetBool", "09fb03525b03e7ea1fd3992bafd87e16", REQUEST, RESPONSE);
}
