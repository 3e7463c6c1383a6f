package org.liquidpilot.pilot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.perception.SyntheticRoad;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.roscpp.LoggerServices;
import org.liquidpilot.ros.msg.rosgraph_msgs.Log;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What an operator sees of the failsafe: {@code ~status} on change and once a second (not once a frame), every
 * transition once on {@code /rosout} with its reason, the node's logger level settable as on a roscpp node, and
 * Twist commands capped at {@code ~rate_hz} however fast the camera.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PilotNodeStatusTest {
    private static final int W = CalibratedModels.W, H = CalibratedModels.H;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) c.close();
    }

    @Test
    void statusOnChangeAndAtOneHertzTransitionsOnRosoutAndAFastCameraCapped() throws Exception {
        Path model = dir.resolve("road.safetensors");
        CalibratedModels.write(model, 600, true);
        EmbeddedMaster master = EmbeddedMaster.start(0);
        open.add(master);
        ConnectedNode probe = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "probe"));
        open.add(probe);
        var params = probe.getParameterTree();
        params.set("/pilot/model", model.toString());
        params.set("/pilot/watchdog_ms", 5000);
        params.set("/pilot/rate_hz", 30.0);
        PilotNode node = new PilotNode();
        open.add(RosNodes.execute(node, NodeConfiguration.forMaster(master.uri(), "pilot")));
        List<String> status = new CopyOnWriteArrayList<>();
        List<Log> rosout = new CopyOnWriteArrayList<>();
        List<Twist> commands = new CopyOnWriteArrayList<>();
        probe.newSubscriber("/pilot/status", StringMessage.CODEC).addMessageListener(m -> status.add(m.data()));
        probe.newSubscriber("/rosout", Log.CODEC).addMessageListener(rosout::add);
        probe.newSubscriber("/cmd_vel", Twist.CODEC).addMessageListener(commands::add);
        Publisher<Image> camera = probe.newPublisher("/camera/image_raw", Image.CODEC);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((camera.getNumberOfSubscribers() == 0 || status.isEmpty()) && System.nanoTime() < deadline) Thread.sleep(10);

        // 3 s of road frames at 30 Hz: ACTIVE after a few frames, and then the status repeats about once a second.
        Random rnd = new Random(5);
        double stamp = 100;
        long t0 = System.nanoTime();
        for (int i = 0; i < 90; i++) {
            stamp += 1 / 30.0;
            send(camera, SyntheticRoad.road(W, H, CalibratedModels.curve(i), 0, rnd), stamp);
            Thread.sleep(33);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(status.stream().anyMatch(s -> s.startsWith("ACTIVE")), status.toString());
        assertTrue(status.size() <= seconds + 6, status.size() + " status messages in " + seconds + " s of frames: " + status);
        assertTrue(status.size() >= 3, "it repeats itself once a second: " + status);

        // A black frame: STOPPED at once on ~status, and the transition on /rosout as a WARN naming the reason.
        stamp += 1 / 30.0;
        send(camera, SyntheticRoad.uniform(W, H, 0, 0), stamp);
        deadline = System.nanoTime() + 5_000_000_000L;
        while (rosout.stream().noneMatch(l -> l.msg().contains("STOPPED SEVERE_OUT_OF_DISTRIBUTION")) && System.nanoTime() < deadline) Thread.sleep(10);
        Log stop = rosout.stream().filter(l -> l.msg().contains("STOPPED SEVERE_OUT_OF_DISTRIBUTION")).findFirst().orElse(null);
        assertNotNull(stop, "the stop reached /rosout: " + rosout.stream().map(Log::msg).toList());
        assertEquals(Log.WARN, stop.level());
        assertTrue(rosout.stream().anyMatch(l -> l.level() == Log.INFO && l.msg().contains("pilot: ACTIVE")), "the ACTIVE transition was logged");
        assertEquals(1, rosout.stream().filter(l -> l.msg().contains("STOPPED SEVERE_OUT_OF_DISTRIBUTION")).count(), "once, not per frame");

        // roscpp's logger services.
        var get = probe.newServiceClient("/pilot/get_loggers", LoggerServices.GET_LOGGERS);
        var loggers = get.call(new LoggerServices.GetLoggersRequest()).loggers();
        assertEquals(1, loggers.size());
        assertEquals("info", loggers.get(0).level());
        var set = probe.newServiceClient("/pilot/set_logger_level", LoggerServices.SET_LOGGER_LEVEL);
        set.call(new LoggerServices.SetLoggerLevelRequest(loggers.get(0).name(), "error"));
        assertEquals("error", get.call(new LoggerServices.GetLoggersRequest()).loggers().get(0).level());
        assertThrows(Exception.class, () -> set.call(new LoggerServices.SetLoggerLevelRequest(loggers.get(0).name(), "loud")));

        // A 240 Hz camera (stamps 4 ms apart): commands follow at most ~rate_hz on average.
        int before = commands.size();
        for (int i = 0; i < 240; i++) {
            stamp += 1 / 240.0;
            send(camera, SyntheticRoad.road(W, H, CalibratedModels.curve(i), 0, rnd), stamp);
            Thread.sleep(4);
        }
        Thread.sleep(200);
        int sent = commands.size() - before;
        assertTrue(sent <= 33, "one second of 240 Hz frames gave " + sent + " commands at a 30 Hz cap");
        assertTrue(sent >= 5, "but commands still follow the frames: " + sent);
    }

    private static void send(Publisher<Image> camera, RgbFrame f, double stamp) {
        camera.publish(Image.of(Header.of(Time.ofSeconds(stamp), "camera"), H, W, "rgb8", 3, f.rgb()));
    }
}
