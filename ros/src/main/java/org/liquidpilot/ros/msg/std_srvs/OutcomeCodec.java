package org.liquidpilot.ros.msg.std_srvs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;

/** The codec of the response SetBool and Trigger both send: {@code bool success}, then {@code string message}. */
final class OutcomeCodec<R extends OutcomeCodec.Outcome> extends TypedCodec<R> {

    /** A response that says whether the call worked, and why. */
    interface Outcome {
        boolean success();

        String message();
    }

    interface Make<R> {
        R make(boolean success, String message);
    }

    private final Make<R> make;

    OutcomeCodec(String type, Make<R> make) {
        super(type);
        this.make = make;
    }

    @Override
    public R read(ByteBuffer in) {
        return make.make(in.get() != 0, Wire.readString(in));
    }

    @Override
    public void write(R m, ByteBuffer out) {
        out.put((byte) (m.success() ? 1 : 0));
        Wire.writeString(out, m.message());
    }

    @Override
    public int encodedSize(R m) {
        return 1 + Wire.stringSize(m.message());
    }
}
