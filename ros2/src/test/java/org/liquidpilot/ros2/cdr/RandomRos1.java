package org.liquidpilot.ros2.cdr;

import org.liquidpilot.ros.msg.MsgField;
import org.liquidpilot.ros.msg.MsgRegistry;
import org.liquidpilot.ros.msg.MsgSpec;
import org.liquidpilot.ros.msg.Primitive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Random, well-formed ROS 1 wire bytes for any spec (Header seq always 0, since ROS 2 cannot carry it). */
final class RandomRos1 {
    private final MsgRegistry registry;
    private final Random random;

    RandomRos1(MsgRegistry registry, long seed) {
        this.registry = registry;
        this.random = new Random(seed);
    }

    byte[] message(String type) {
        ByteBuffer out = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        write(registry.spec(type), out);
        byte[] b = new byte[out.position()];
        out.flip().get(b);
        return b;
    }

    private void write(MsgSpec spec, ByteBuffer out) {
        for (MsgField f : spec.fields()) {
            if (spec.type().equals(CdrTranscoder.HEADER) && f.name().equals("seq")) {
                out.putInt(0);
                continue;
            }
            int count = 1;
            if (f.array()) {
                count = f.isFixedArray() ? f.arrayLength() : random.nextInt(4) == 0 ? 0 : random.nextInt(7);
                if (!f.isFixedArray()) out.putInt(count);
            }
            for (int i = 0; i < count; i++) {
                Primitive p = f.primitive();
                if (p == null) {
                    write(registry.spec(f.baseType()), out);
                } else if (p == Primitive.STRING) {
                    int n = random.nextInt(6);
                    out.putInt(n);
                    for (int k = 0; k < n; k++) out.put((byte) ('a' + random.nextInt(26)));
                } else if (p == Primitive.BOOL) {
                    out.put((byte) random.nextInt(2));
                } else {
                    byte[] b = new byte[p.size()];
                    random.nextBytes(b);
                    out.put(b);
                }
            }
        }
    }
}
