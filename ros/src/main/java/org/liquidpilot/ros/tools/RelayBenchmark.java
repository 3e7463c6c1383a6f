package org.liquidpilot.ros.tools;

import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros.node.RosNodes;
import org.liquidpilot.ros.node.SubscriberOptions;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The loopback relay benchmark: a camera node publishes 160×80 rgb8 Images, a relay node turns each into a Twist
 * (a steering value from the middle row), and the camera node times each Twist against the Image's send time.
 * The same shape as the rospy anchor (cam -> relay -> cam), with our nodes and real TCP on loopback, or on any
 * other transport that gives two {@link ConnectedNode}s ({@link #over}). The frame index travels in the Image's
 * stamp seconds (ROS 2 headers have no seq) and comes back in the Twist's linear.y.
 */
public final class RelayBenchmark implements AutoCloseable {

    /** One timed run. Latencies are image publish to Twist receipt, in milliseconds. */
    public record Result(double targetHz, double seconds, int sent, int received, double p50Ms, double p99Ms, double maxMs) {
        public boolean lossFree() {
            return received == sent;
        }

        public double achievedHz() {
            return received / seconds;
        }
    }

    static final int WIDTH = 160, HEIGHT = 80;

    private final EmbeddedMaster ownMaster;
    private final ConnectedNode cam;
    private final ConnectedNode relay;
    private final Publisher<Image> images;
    private final byte[] pixels = new byte[WIDTH * HEIGHT * 3];
    private final AtomicInteger received = new AtomicInteger();
    private volatile long[] sendNanos = new long[1];
    private volatile double[] latenciesMs = new double[1];
    private volatile int lastReply = -1;
    private int pingSeq = 1 << 30;

    private RelayBenchmark(URI master, EmbeddedMaster ownMaster) throws IOException {
        this(ownMaster, RosNodes.start(NodeConfiguration.forMaster(master, "lp_bench_cam_" + ProcessHandle.current().pid())),
                RosNodes.start(NodeConfiguration.forMaster(master, "lp_bench_relay_" + ProcessHandle.current().pid())));
    }

    private RelayBenchmark(EmbeddedMaster ownMaster, ConnectedNode cam, ConnectedNode relay) {
        this.ownMaster = ownMaster;
        this.cam = cam;
        this.relay = relay;
        PublisherOptions queue = new PublisherOptions(false, 1000);
        SubscriberOptions subQueue = new SubscriberOptions(1000, true);
        Publisher<Twist> cmd = relay.newPublisher("/lp_bench/cmd_vel", Twist.CODEC, queue);
        relay.newSubscriber("/lp_bench/image", Image.CODEC, subQueue).addMessageListener(img -> {
            byte[] d = img.data();
            int row = img.height() / 2 * img.step();
            long left = 0, right = 0;
            for (int x = 0; x < img.step() / 2; x++) left += d[row + x] & 0xff;
            for (int x = img.step() / 2; x < img.step(); x++) right += d[row + x] & 0xff;
            double steer = (right - left) / (255.0 * img.step());
            cmd.publish(new Twist(new Vector3(1.0, img.header().stamp().secs(), 0), new Vector3(0, 0, steer)));
        });
        cam.newSubscriber("/lp_bench/cmd_vel", Twist.CODEC, subQueue).addMessageListener(t -> {
            long now = System.nanoTime();
            int seq = (int) t.linear().y();
            lastReply = seq;
            long[] sent = sendNanos;
            double[] lat = latenciesMs;
            if (seq >= 0 && seq < sent.length && sent[seq] != 0) {
                int k = received.getAndIncrement();
                if (k < lat.length) lat[k] = (now - sent[seq]) / 1e6;
            }
        });
        this.images = cam.newPublisher("/lp_bench/image", Image.CODEC, queue);
        new java.util.Random(3).nextBytes(pixels);
    }

    /** Runs against an embedded master of its own. */
    public static RelayBenchmark start() throws IOException {
        EmbeddedMaster m = EmbeddedMaster.start(0);
        try {
            return new RelayBenchmark(m.uri(), m);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Runs between two nodes the caller started (on any transport); {@link #close} shuts them down. */
    public static RelayBenchmark over(ConnectedNode cam, ConnectedNode relay) {
        return new RelayBenchmark(null, cam, relay);
    }

    /** Runs against a running master (both nodes still in this JVM). */
    public static RelayBenchmark start(URI master) throws IOException {
        return new RelayBenchmark(master, null);
    }

    /** Sends a few frames until replies come back, so connection set-up is not timed. */
    public void warmUp(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline || received.get() == 0) {
            run(1000, Duration.ofMillis(200));
            if (System.nanoTime() > deadline + 10_000_000_000L) throw new IllegalStateException("the relay never answered");
        }
    }

    /** Publishes at {@code hz} for {@code duration}, then waits for stragglers and reports. */
    public Result run(double hz, Duration duration) throws InterruptedException {
        int n = (int) Math.max(1, Math.round(hz * duration.toNanos() / 1e9));
        long[] sent = new long[n];
        double[] lat = new double[n];
        received.set(0);
        latenciesMs = lat;
        sendNanos = sent;
        long period = (long) (1e9 / hz);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = start + i * period;
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                if (wait > 200_000) LockSupport.parkNanos(wait - 100_000);
                else Thread.onSpinWait();
            }
            sent[i] = System.nanoTime();
            images.publish(new Image(new Header(i, new Time(i, 0), "bench"),
                    HEIGHT, WIDTH, "rgb8", 0, WIDTH * 3, pixels));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long drainUntil = System.nanoTime() + 1_000_000_000L;
        while (received.get() < n && System.nanoTime() < drainUntil) Thread.sleep(5);
        int got = Math.min(received.get(), n);
        double[] sorted = Arrays.copyOf(lat, got);
        Arrays.sort(sorted);
        return new Result(hz, seconds, n, got, percentile(sorted, 0.50), percentile(sorted, 0.99),
                got == 0 ? Double.NaN : sorted[got - 1]);
    }

    /**
     * One image out, its Twist back (ping-pong, no pacing): returns the round trip in nanoseconds, or -1 when no
     * reply came within a second.
     */
    public long roundTrip() {
        int seq = ++pingSeq;
        long t0 = System.nanoTime();
        images.publish(new Image(new Header(seq, new Time(seq, 0), "bench"), HEIGHT, WIDTH, "rgb8", 0, WIDTH * 3, pixels));
        while (lastReply != seq) {
            if (System.nanoTime() - t0 > 1_000_000_000L) return -1;
            Thread.onSpinWait();
        }
        return System.nanoTime() - t0;
    }

    /**
     * Tries rising rates ({@code seconds} each) and returns the highest without a lost message; stops after two
     * lossy rates in a row.
     */
    public Result maxLossFreeRate(double[] rates, Duration each, java.util.function.Consumer<Result> progress) throws InterruptedException {
        Result best = null;
        int failures = 0;
        for (double hz : rates) {
            Result r = run(hz, each);
            progress.accept(r);
            if (r.lossFree()) {
                best = r;
                failures = 0;
            } else if (++failures == 2) {
                break;
            }
        }
        return best;
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    @Override
    public void close() {
        cam.shutdown();
        relay.shutdown();
        if (ownMaster != null) ownMaster.close();
    }
}
