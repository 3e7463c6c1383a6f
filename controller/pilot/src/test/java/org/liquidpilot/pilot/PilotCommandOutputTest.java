package org.liquidpilot.pilot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.perception.SyntheticRoad;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.TwistStamped;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros.node.RosNodes;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pilot's command publishers: a queue of one for every output (a command that could not go out is worth nothing
 * once a newer one exists, and a backlog is what a link cut turns into a burst of stale commands), and
 * {@code ~output:=twist_stamped}: TwistStamped on {@code cmd_vel} stamped with node time, so consumers can drop
 * stale ones.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PilotCommandOutputTest {

    /** A node that records the options of every publisher made through it, and otherwise is the real node. */
    static ConnectedNode recording(ConnectedNode real, Map<String, PublisherOptions> options) {
        return (ConnectedNode) Proxy.newProxyInstance(ConnectedNode.class.getClassLoader(), new Class<?>[] {ConnectedNode.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("newPublisher") && args.length == 3) {
                        options.put(real.resolveName((String) args[0]), (PublisherOptions) args[2]);
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** No model file: an untrained network, explicitly (these tests look at the outputs, not the flying). */
    private static NodeConfiguration untrained(NodeConfiguration c) {
        return c.withPrivateParam("vehicle", "quad").withPrivateParam("allow_untrained", true)
                .withPrivateParam("package_path", System.getProperty("java.io.tmpdir")); // no models there, whatever $LIQUIDPILOT_HOME says
    }

    @Test
    void everyCommandPublisherKeepsAQueueOfOne() throws Exception {
        Map<String, String> commandTopic = Map.of("twist", "/cmd_vel", "twist_stamped", "/cmd_vel", "mavros", "/mavros/setpoint_raw/local");
        try (EmbeddedMaster master = EmbeddedMaster.start(0)) {
            for (var e : commandTopic.entrySet()) {
                ConnectedNode real = RosNodes.start(untrained(NodeConfiguration.forMaster(master.uri(), "pilot"))
                        .withPrivateParam("output", e.getKey()));
                PilotNode pilot = new PilotNode();
                Map<String, PublisherOptions> options = new ConcurrentHashMap<>();
                ConnectedNode node = recording(real, options);
                try {
                    pilot.onStart(node);
                    assertNotNull(options.get(e.getValue()), e.getKey() + ": publishes " + e.getValue() + " (" + options.keySet() + ")");
                    assertEquals(1, options.get(e.getValue()).queueSize(), e.getKey() + ": queue of one on " + e.getValue());
                } finally {
                    pilot.onShutdown(node);
                    real.shutdown();
                }
            }
        }
    }

    @Test
    void twistStampedCommandsCarryFreshStrictlyIncreasingNodeTimeStamps() throws Exception {
        try (EmbeddedMaster master = EmbeddedMaster.start(0)) {
            ConnectedNode probe = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "probe"));
            ConnectedNode pilot = RosNodes.execute(new PilotNode(), untrained(NodeConfiguration.forMaster(master.uri(), "pilot"))
                    .withPrivateParam("output", "twist_stamped").withPrivateParam("calibration_frames", 5)
                    .withPrivateParam("frame_id", "car"));
            try {
                record Got(long wallNanos, TwistStamped msg) {}
                List<Got> got = new CopyOnWriteArrayList<>();
                probe.newSubscriber("/cmd_vel", TwistStamped.CODEC).addMessageListener(m -> got.add(new Got(System.currentTimeMillis() * 1_000_000L, m)));
                Publisher<Image> camera = probe.newPublisher("/camera/image_raw", Image.CODEC);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (camera.getNumberOfSubscribers() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
                Random rnd = new Random(3);
                // Old image stamps on purpose: a command is stamped when it is made, never with its image's stamp.
                for (int k = 0; k < 60 && System.nanoTime() < deadline; k++) {
                    RgbFrame f = SyntheticRoad.road(160, 80, Math.sin(k * 0.7) * 0.3, 0, rnd);
                    camera.publish(Image.of(Header.of(Time.ofSeconds(2000 + k / 30.0), "camera"), 80, 160, "rgb8", 3, f.rgb()));
                    Thread.sleep(33);
                }
                Thread.sleep(300); // the watchdog's stop commands come from the timer
                assertTrue(got.size() >= 40, "commands arrive: " + got.size());
                long last = 0;
                for (Got g : got) {
                    long stamp = g.msg().header().stamp().toNanos();
                    assertTrue(stamp > last, "strictly increasing stamps");
                    last = stamp;
                    double ageS = (g.wallNanos() - stamp) / 1e9;
                    assertTrue(ageS > -0.05 && ageS < 2, "stamped with node time when sent, age " + ageS + " s");
                    assertEquals("car", g.msg().header().frameId());
                }
                assertEquals(0, got.get(got.size() - 1).msg().twist().linear().x(), 0, "the watchdog's stop is stamped too");
            } finally {
                pilot.shutdown();
                probe.shutdown();
            }
        }
    }
}
