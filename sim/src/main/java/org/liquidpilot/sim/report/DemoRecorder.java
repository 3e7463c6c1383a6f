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
 * all conditions) and every {@code /pilot/neurons} message (for the neuron activity plot). Step callbacks come from
 * the sim's loop thread, neuron messages from a subscriber thread; both land here under one lock.
 */
public final class DemoRecorder {
    /** The most neuron samples kept: four ten-second segments at 30 Hz need 1,200; longer runs are decimated. */
    private static final int MAX_SAMPLES = 20_000;
    private static final int MAX_NEURONS = 64;
    private static final long PROGRESS_PERIOD_NS = 200_000_000L;

    private final PrintWriter err;
    private final int segments;
    private final double secondsPerSegment;
    private final Path videoFile;
    private VideoRecorder video;
    private int videoWidth, videoHeight;

    private int segment;
    private String condition = "";
    private double segmentStartT;
    private double lastT;
    private World world;
    private int hint;
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

    /** The step listener for one segment's sim node. */
    public StepListener segment(int index, String conditionName) {
        synchronized (this) {
            segment = index;
            condition = conditionName;
            segmentStartT = index * secondsPerSegment;
            lastT = segmentStartT;
            pilotState = "-";
            boundaries.add(segmentStartT);
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
        double cte = Double.NaN;
        if (world != null) {
            var p = world.centreline().project(s.x(), s.y(), hint, 64);
            hint = p.segment();
            cte = p.crossTrack();
        }
        String line = String.format(Locale.ROOT, "[%d/%d %-10s] sim t %5.1f/%4.1f s | cross-track %+6.2f m | yaw rate %+6.3f | pilot %s%s",
                segment + 1, segments, condition, t, secondsPerSegment, cte, command.yawRate(), pilotState, intervention ? " | INTERVENTION" : "");
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
