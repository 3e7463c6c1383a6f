package org.liquidpilot.sim.ros;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.nav_msgs.Odometry;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;
import org.liquidpilot.sim.run.FrameSource;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** The simulator node on the embedded master: camera and odometry out, the yaw-rate command in. */
class SimNodeTest {

    @Test
    @Timeout(60)
    void publishesCameraAndOdometryAndFollowsCmdVel() throws Exception {
        ObjectNode t = Scenarios.resolveTree("trail-nominal");
        Scenarios.override(t, "duration_s", "30");
        Scenario sc = Scenarios.toScenario(t);
        try (EmbeddedMaster master = EmbeddedMaster.start(0)) {
            SimNode sim = new SimNode(sc, FrameSource.blank(160, 80));
            ConnectedNode simNode = RosNodes.execute(sim, NodeConfiguration.forMaster(master.uri(), "sim")
                    .withPrivateParam("realtime_factor", 3.0));
            ConnectedNode client = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "tester"));
            try {
                CountDownLatch image = new CountDownLatch(1);
                AtomicReference<Image> lastImage = new AtomicReference<>();
                AtomicReference<Odometry> lastOdom = new AtomicReference<>();
                client.newSubscriber("/camera/image_raw", Image.CODEC).addMessageListener(m -> {
                    lastImage.set(m);
                    image.countDown();
                });
                client.newSubscriber("/sim/odom", Odometry.CODEC).addMessageListener(lastOdom::set);
                Publisher<Twist> cmd = client.newPublisher("/cmd_vel", Twist.CODEC);
                assertTrue(image.await(20, TimeUnit.SECONDS), "camera images arrive");
                assertEquals(160, lastImage.get().width());
                assertEquals("rgb8", lastImage.get().encoding());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                double yawRate = 0;
                while (System.nanoTime() < deadline) {
                    cmd.publish(new Twist(new Vector3(3, 0, 0), new Vector3(0, 0, 0.4)));
                    Thread.sleep(50);
                    Odometry o = lastOdom.get();
                    if (o != null) yawRate = o.twist().twist().angular().z();
                    if (Math.abs(yawRate - 0.4) < 0.02) break;
                }
                assertEquals(0.4, yawRate, 0.02, "the quadrotor turns at the commanded rate");
            } finally {
                client.shutdown();
                simNode.shutdown();
                sim.stop();
            }
        }
    }
}
