package org.liquidpilot.bags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BagRecorderTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void recordsTopicsOfAnyTypeFromOurRuntime(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("rec.bag");
        try (EmbeddedMaster master = EmbeddedMaster.start(0);
             ConnectedNode talker = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "/talker"));
             ConnectedNode recorderNode = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "/record"))) {
            Publisher<Twist> cmd = talker.newPublisher("/cmd_vel", Twist.CODEC);
            Publisher<StringMessage> chat = talker.newPublisher("/chatter", StringMessage.CODEC);
            BagRecorder rec = BagRecorder.start(recorderNode, BagWriter.create(out, Compression.LZ4), List.of("/cmd_vel", "chatter"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((rec.publishers() < 2 || !cmd.hasSubscribers() || !chat.hasSubscribers()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(2, rec.publishers(), "recorder connected to both publishers");
            for (int i = 0; i < 50; i++) {
                cmd.publish(Twist.of(i, -i));
                if (i % 5 == 0) chat.publish(new StringMessage("m" + i));
                Thread.sleep(2);
            }
            while (rec.messages() < 60 && System.nanoTime() < deadline) Thread.sleep(20);
            rec.close();
        }
        try (BagReader r = BagReader.open(out)) {
            List<Twist> twists = r.read("/cmd_vel", Twist.CODEC).map(BagReader.Decoded::message).toList();
            assertEquals(50, twists.size());
            for (int i = 0; i < 50; i++) assertEquals(Twist.of(i, -i), twists.get(i));
            assertEquals(10, r.stream(BagQuery.topics("/chatter")).count());
            assertEquals("std_msgs/String", r.connections().values().stream().filter(c -> c.topic().equals("/chatter"))
                    .findFirst().orElseThrow().type());
            long now = System.currentTimeMillis() * 1_000_000L;
            assertTrue(Math.abs(r.endTime() - now) < 120_000_000_000L, "stamped with receive time");
        }
        assertTrue(BagCheck.check(out).sound());
    }
}
