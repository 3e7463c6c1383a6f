package org.liquidpilot.bench.pilot;

import org.liquidpilot.perception.SyntheticRoad;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.PilotNode;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Image → command latency through {@link PilotNode} on loopback, frames paced at 30 Hz: a probe node publishes a
 * 160x80 rgb8 image, the pilot (perception in-process, 19-neuron NCP, failsafe) answers with a Twist on
 * {@code cmd_vel}, published as soon as the image is processed, and the sample ends when the probe receives the
 * first command after the image (one image is in flight at a time, and the flying pilot publishes nothing else).
 * The mavros output is not measured here: its setpoints go out on the output timer, not per image. Read p50/p99
 * from JMH's sample-time percentiles; PilotStepBench gives the perception time to subtract.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PilotNodeLatencyBench {
    private EmbeddedMaster master;
    private ConnectedNode pilotNode;
    private ConnectedNode probe;
    private Publisher<Image> camera;
    private final Image[] images = new Image[16];
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition answered = lock.newCondition();
    private long waitingFor = -1;
    private boolean got;
    private int k;
    private long nextAt;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        master = EmbeddedMaster.start(0);
        probe = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "probe"));
        var p = probe.getParameterTree();
        p.set("/pilot/output", "twist");
        p.set("/pilot/calibration_frames", 20);
        p.set("/pilot/watchdog_ms", 1000);
        pilotNode = RosNodes.execute(new PilotNode(), NodeConfiguration.forMaster(master.uri(), "pilot"));
        camera = probe.newPublisher("/camera/image_raw", Image.CODEC);
        probe.newSubscriber("/cmd_vel", Twist.CODEC).addMessageListener(m -> {
            lock.lock();
            try {
                if (waitingFor >= 0) {
                    got = true;
                    answered.signalAll();
                }
            } finally {
                lock.unlock();
            }
        });
        Random rnd = new Random(3);
        for (int i = 0; i < images.length; i++) {
            RgbFrame f = SyntheticRoad.road(160, 80, Math.sin(i * 0.9) * 0.4, 0, rnd);
            images[i] = Image.of(Header.of(Time.ZERO, "camera"), f.height(), f.width(), "rgb8", 3, f.rgb());
        }
        while (camera.getNumberOfSubscribers() == 0) Thread.sleep(10);
        Thread.sleep(500);
        // Calibration frames (no model): the pilot flies after these.
        for (int i = 0; i < 40; i++) {
            sendAndAwait();
            Thread.sleep(33);
        }
        nextAt = System.nanoTime();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pilotNode.shutdown();
        probe.shutdown();
        master.close();
    }

    /** Holds the frame rate at 30 Hz; not part of the measured time. */
    @Setup(Level.Invocation)
    public void pace() throws InterruptedException {
        nextAt += 33_333_333L;
        long wait = nextAt - System.nanoTime();
        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
        else nextAt = System.nanoTime();
    }

    @Benchmark
    public boolean imageToCommand() throws InterruptedException {
        return sendAndAwait();
    }

    private boolean sendAndAwait() throws InterruptedException {
        Time stamp = Time.now();
        Image base = images[k++ & 15];
        lock.lock();
        try {
            waitingFor = stamp.toNanos();
            got = false;
        } finally {
            lock.unlock();
        }
        camera.publish(new Image(new Header(k, stamp, "camera"), base.height(), base.width(), base.encoding(), 0, base.step(), base.data()));
        lock.lock();
        try {
            long left = TimeUnit.SECONDS.toNanos(2);
            while (!got && left > 0) left = answered.awaitNanos(left);
            waitingFor = -1;
            return got;
        } finally {
            lock.unlock();
        }
    }
}
