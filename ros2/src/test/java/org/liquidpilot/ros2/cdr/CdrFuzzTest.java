package org.liquidpilot.ros2.cdr;

import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.msg.DynamicCodec;
import org.liquidpilot.ros.msg.MessageFormatException;
import org.liquidpilot.ros.msg.MsgRegistry;
import org.liquidpilot.ros.msg.sensor_msgs.Image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Garbage CDR for every type the project defines: each payload either decodes or fails with a
 * {@link MessageFormatException}; nothing else is thrown, nothing hangs, and the bytes produced stay within a small
 * multiple of the bytes received.
 */
class CdrFuzzTest {
    private static final MsgRegistry REGISTRY = MsgRegistry.builtin();

    private static void feed(String type, CdrTranscoder t, DynamicCodec dynamic, byte[] payload) {
        ByteSink out = ByteSink.growable(16);
        try {
            t.toRos1(ByteBuffer.wrap(payload), out);
        } catch (MessageFormatException e) {
            return;
        }
        assertTrue(out.length() <= 2 * payload.length + 64, type + ": " + out.length() + " bytes from a " + payload.length + "-byte payload");
        // What the transcoder accepted is a well-formed ROS 1 message of the type.
        dynamic.decode(out.written());
    }

    @Test
    void randomAndMutatedPayloadsFailCleanly() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(18);
            for (String type : REGISTRY.types()) {
                CdrTranscoder t = new CdrTranscoder(REGISTRY, type);
                DynamicCodec dynamic = new DynamicCodec(REGISTRY, type);
                RandomRos1 gen = new RandomRos1(REGISTRY, type.hashCode());
                for (int i = 0; i < 300; i++) {
                    byte[] junk = new byte[random.nextInt(200)];
                    random.nextBytes(junk);
                    feed(type, t, dynamic, junk);
                }
                for (int i = 0; i < 300; i++) {
                    ByteSink cdr = ByteSink.growable(16);
                    t.toCdr(ByteBuffer.wrap(gen.message(type)), cdr);
                    ByteBuffer w = cdr.written();
                    byte[] valid = new byte[w.remaining()];
                    w.get(valid);
                    byte[] bad = valid.clone();
                    if (bad.length > 0) {
                        switch (random.nextInt(3)) {
                            case 0 -> bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
                            case 1 -> bad = java.util.Arrays.copyOf(bad, random.nextInt(bad.length));
                            default -> {
                                // Overwrite an aligned 32-bit word: where lengths and counts live.
                                if (bad.length >= 4) {
                                    int at = random.nextInt(bad.length / 4) * 4;
                                    int v = random.nextBoolean() ? random.nextInt() : random.nextInt(1 << 16);
                                    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
                                }
                            }
                        }
                    }
                    feed(type, t, dynamic, bad);
                }
            }
        });
    }

    @Test
    void aHugeLengthPrefixIsRefusedBeforeAllocating() {
        CdrCodec<Image> c = new CdrCodec<>(Image.CODEC);
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1).putInt(2).putInt(0x7fffffff); // frame_id claims 2 GB
        MessageFormatException e = assertThrows(MessageFormatException.class, () -> c.decode(b.flip()));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
        ByteBuffer seq = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        seq.putInt(1).putInt(2).putInt(1).put((byte) 0).position(16);
        seq.putInt(1).putInt(1).putInt(1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).putInt(1).putInt(-1);
        assertThrows(MessageFormatException.class, () -> c.decode(seq.flip()));
    }

    @Test
    void aStringWithoutItsNulIsRefused() {
        CdrCodec<org.liquidpilot.ros.msg.std_msgs.StringMessage> c = new CdrCodec<>(org.liquidpilot.ros.msg.std_msgs.StringMessage.CODEC);
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(3).put(new byte[] {'a', 'b', 'c'});
        assertThrows(MessageFormatException.class, () -> c.decode(b.flip()));
    }
}
