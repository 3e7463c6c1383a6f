package org.liquidpilot.sim.report;

import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.StepListener;
import org.liquidpilot.sim.world.World;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watches the whole demo from inside the JVM: every sim step (for the live progress line and the MP4, which spans
 * all conditions of every vehicle) and every {@code /pilot/neurons} message (for the neuron activity plots, one per
 * vehicle: {@link #slice}). Step callbacks come from the sim's loop thread, neuron messages from a subscriber
 * thread; both land here under one lock.
 * <p>
 * Segments follow one another on one time axis: each starts where the previous one's last step ended, so a drone
 * segment that ends early at its target leaves no gap. On a target task the progress line shows the distance to the
 * target instead of the cross-track error.
 */
public final class DemoRecorder {
    /** The most neuron samples kept: four ten-second segments at 30 Hz need 1,200; longer runs are decimated. */
    private static final int MAX_SAMPLES = 20_000;
    private static final int MAX_NEURONS = 64;
    private static final long PROGRESS_PERIOD_NS = 200_000_000L;
    /** The progress line moves on to the next target of a hike within this distance (the task's reach radius). */
    private static final double TARGET_PROGRESS_M = 2.0;

    private final PrintWriter err;
    private final int segments;
    private final double secondsPerSegment;
    private final Path videoFile;
    private VideoRecorder video;
    private int videoWidth, videoHeight;

    private int segment;
    private String condition = "";
    private String vehicle = "";
    private double segmentStartT;
    private double lastT;
    private World world;
    private int hint;
    private int target;
    private String pilotState = "-";
    private long lastProgress;
    private int progressWidth;

    private int[] sampleSegment = new int[1024];
    private double[] sampleT = new double[1024];
    private float[][] sampleV = new float[1024][];
    private int samples;
    private int neuronCount = -1;
    private final List<Double> boundaries = new ArrayList<>();
    private volatile CountDownLatch probeReady = new CountDownLatch(0);

    public DemoRecorder(PrintWriter err, int segments, double secondsPerSegment, Path videoFile) {
        this.err = err;
        this.segments = segments;
        this.secondsPerSegment = secondsPerSegment;
        this.videoFile = videoFile;
    }

    /** The step listener for one segment's sim node; segments are numbered 0, 1, ... in the order they run. */
    public StepListener segment(int index, String vehicleName, String conditionName) {
        synchronized (this) {
            segment = index;
            vehicle = vehicleName;
            condition = conditionName;
            segmentStartT = boundaries.isEmpty() ? 0 : lastT;
            lastT = segmentStartT;
            pilotState = "-";
            boundaries.add(segmentStartT);
            // Each vehicle's pilot may have its own number of neurons.
            neuronCount = -1;
            probeReady = new CountDownLatch(1);
        }
        return new StepListener() {
            @Override
            public void onEpisodeStart(int episode, World w) {
                // The probe subscribes after the launch has started its nodes: hold the first frame until it hears
                // the pilot, or the first second of neuron traces would be lost.
                try {
                    probeReady.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (DemoRecorder.this) {
                    world = w;
                    hint = -1;
                    target = 0;
                }
            }

            @Override
            public void onStep(int episode, int step, double t, VehicleState s, RgbFrame frame, VehicleCommand command, boolean intervention) {
                step(t, s, frame, command, intervention);
            }
        };
    }

    private synchronized void step(double t, VehicleState s, RgbFrame frame, VehicleCommand command, boolean intervention) {
        lastT = segmentStartT + t;
        if (videoFile != null) {
            try {
                if (video == null) {
                    videoWidth = frame.width();
                    videoHeight = frame.height();
                    video = new VideoRecorder(videoFile, videoWidth, videoHeight, ClosedLoopRunner.FRAME_HZ);
                }
                // A condition with another camera size would break the stream; the frames of the first size go in.
                if (frame.width() == videoWidth && frame.height() == videoHeight) video.add(frame);
            } catch (Exception e) {
                throw new IllegalStateException("cannot write " + videoFile + ": " + e.getMessage(), e);
            }
        }
        long now = System.nanoTime();
        if (now - lastProgress < PROGRESS_PERIOD_NS && !intervention) return;
        lastProgress = now;
        String where;
        if (world != null && !world.targets().isEmpty()) {
            // The target being flown to: the next one once within reach of this one (the runner scores it exactly).
            var goals = world.targets();
            double d = Math.hypot(goals.get(target).x() - s.x(), goals.get(target).y() - s.y());
            if (d < TARGET_PROGRESS_M && target + 1 < goals.size()) {
                target++;
                d = Math.hypot(goals.get(target).x() - s.x(), goals.get(target).y() - s.y());
            }
            where = String.format(Locale.ROOT, "target %5.1f m | forward %4.1f m/s", d, command.forward());
        } else {
            double cte = Double.NaN;
            if (world != null) {
                var p = world.centreline().project(s.x(), s.y(), hint, 64);
                hint = p.segment();
                cte = p.crossTrack();
            }
            where = String.format(Locale.ROOT, "cross-track %+6.2f m", cte);
        }
        String line = String.format(Locale.ROOT, "[%d/%d %-10s] %-4s | sim t %5.1f/%4.1f s | %s | yaw rate %+6.3f | pilot %s%s",
                segment + 1, segments, condition, vehicle, t, secondsPerSegment, where, command.yawRate(), pilotState, intervention ? " | INTERVENTION" : "");
        progress(line);
    }

    private void progress(String line) {
        // One updating line: pad over what the previous, possibly longer, line left behind.
        int pad = Math.max(0, progressWidth - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        progressWidth = line.length();
    }

    /** The probe is connected to the pilot's topics (or gave up waiting): the episode may start. */
    public void probeReady() {
        probeReady.countDown();
    }

    /** Ends the progress line so that what follows starts on a fresh one. */
    public synchronized void endProgress() {
        if (progressWidth > 0) {
            err.println();
            err.flush();
            progressWidth = 0;
        }
    }

    public synchronized void onNeurons(float[] values) {
        if (values.length == 0 || values.length > MAX_NEURONS) return;
        if (neuronCount < 0) neuronCount = values.length;
        if (values.length != neuronCount) return;
        if (samples == MAX_SAMPLES) decimate();
        if (samples == sampleT.length) {
            sampleSegment = Arrays.copyOf(sampleSegment, samples * 2);
            sampleT = Arrays.copyOf(sampleT, samples * 2);
            sampleV = Arrays.copyOf(sampleV, samples * 2);
        }
        // The pilot answers the frame the sim is waiting on: that frame's step ends one period after the last one.
        sampleSegment[samples] = segment;
        sampleT[samples] = lastT + 1 / ClosedLoopRunner.FRAME_HZ;
        sampleV[samples] = values.clone();
        samples++;
    }

    private void decimate() {
        int k = 0;
        for (int i = 0; i < samples; i += 2, k++) {
            sampleSegment[k] = sampleSegment[i];
            sampleT[k] = sampleT[i];
            sampleV[k] = sampleV[i];
        }
        samples = k;
    }

    public synchronized void onStatus(String line) {
        // "ACTIVE NOMINAL ood=1.2 ... | model": the mode and its reason are what fits on the line.
        String[] words = line.split(" ", 3);
        String head = words.length >= 2 ? words[0] + " " + words[1] : line;
        pilotState = head.length() > 40 ? head.substring(0, 40) : head;
    }

    public synchronized void closeVideo() throws Exception {
        if (video != null) {
            video.close();
            video = null;
        }
    }

    public synchronized boolean wroteVideo() {
        return videoFile != null && video == null && lastT > 0;
    }

    /** Simulated time at the end of the last step, on the demo's time axis. */
    public synchronized double endTime() {
        return lastT;
    }

    /**
     * The neuron samples of segments {@code from} (inclusive) to {@code to} (exclusive), for one vehicle's plot: times
     * and boundaries measured from the start of segment {@code from}, segment numbers from 0, and only samples with
     * as many neurons as the first one there.
     */
    public synchronized Slice slice(int from, int to) {
        if (from < 0 || to > boundaries.size() || from >= to) throw new IllegalArgumentException("no segments " + from + ".." + to);
        double t0 = boundaries.get(from);
        double end = to < boundaries.size() ? boundaries.get(to) : lastT;
        int n = 0, width = -1;
        int[] seg = new int[samples];
        double[] t = new double[samples];
        float[][] v = new float[samples][];
        for (int i = 0; i < samples; i++) {
            if (sampleSegment[i] < from || sampleSegment[i] >= to) continue;
            if (width < 0) width = sampleV[i].length;
            if (sampleV[i].length != width) continue;
            seg[n] = sampleSegment[i] - from;
            t[n] = sampleT[i] - t0;
            v[n] = sampleV[i];
            n++;
        }
        List<Double> starts = boundaries.subList(from, to).stream().map(b -> b - t0).toList();
        return new Slice(Arrays.copyOf(t, n), Arrays.copyOf(seg, n), Arrays.copyOf(v, n), starts, end - t0);
    }

    /** One vehicle's neuron samples; see {@link #slice}. */
    public record Slice(double[] t, int[] segments, float[][] values, List<Double> starts, double end) {}

    /** The condition each neuron sample belongs to. */
    public synchronized int[] segments() {
        return Arrays.copyOf(sampleSegment, samples);
    }

    public synchronized double[] times() {
        return Arrays.copyOf(sampleT, samples);
    }

    public synchronized float[][] values() {
        return Arrays.copyOf(sampleV, samples);
    }

    public synchronized List<Double> boundaries() {
        return List.copyOf(boundaries);
    }
}
