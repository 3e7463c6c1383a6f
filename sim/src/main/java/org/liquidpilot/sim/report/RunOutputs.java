package org.liquidpilot.sim.report;

import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.EpisodeMetrics;
import org.liquidpilot.sim.run.StepListener;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.world.World;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code sim run} leaves in its output folder besides {@code metrics.json}: per episode a top-down trajectory
 * PNG, sample camera frames (at 2 s, half way and near the end; a target episode also its last frame, the arrival)
 * and, when asked, an MP4 of the camera.
 */
public final class RunOutputs implements StepListener {
    private final Scenario scenario;
    private final Path dir;
    private final boolean video;
    private World world;
    private double[] xs = new double[1024], ys = new double[1024];
    private int n;
    private final List<double[]> failures = new ArrayList<>();
    private VideoRecorder recorder;
    private int[] sampleSteps;
    /** A target episode ends when it succeeds, before the later samples: its last frame (the arrival) is kept here. */
    private byte[] last;
    private int lastStep = -1;
    private double lastT;

    public RunOutputs(Scenario scenario, Path dir, boolean video) throws IOException {
        this.scenario = scenario;
        this.dir = dir;
        this.video = video;
        Files.createDirectories(dir);
    }

    @Override
    public void onEpisodeStart(int episode, World world) {
        this.world = world;
        n = 0;
        failures.clear();
        int steps = (int) Math.ceil(scenario.durationS() * ClosedLoopRunner.FRAME_HZ);
        sampleSteps = new int[]{(int) (2 * ClosedLoopRunner.FRAME_HZ), steps / 2, steps - 10};
        if (scenario.isTargetTask() && last == null) last = new byte[scenario.camera().width() * scenario.camera().height() * 3];
        lastStep = -1;
        if (video) {
            try {
                recorder = new VideoRecorder(dir.resolve(String.format("episode-%03d.mp4", episode)),
                        scenario.camera().width(), scenario.camera().height(), ClosedLoopRunner.FRAME_HZ);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the MP4 writer: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void onStep(int episode, int step, double t, VehicleState s, RgbFrame frame, VehicleCommand command, boolean intervention) {
        if (n == xs.length) {
            xs = Arrays.copyOf(xs, n * 2);
            ys = Arrays.copyOf(ys, n * 2);
        }
        xs[n] = s.x();
        ys[n] = s.y();
        n++;
        if (intervention) failures.add(new double[]{s.x(), s.y()});
        try {
            for (int k : sampleSteps) {
                if (k == step) FrameImages.writePng(frame, dir.resolve(String.format("episode-%03d-frame-%05d.png", episode, step)));
            }
            if (recorder != null) recorder.add(frame);
            if (last != null && frame.rgb().length == last.length) {
                System.arraycopy(frame.rgb(), 0, last, 0, last.length);
                lastStep = step;
                lastT = t;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the MP4: " + e.getMessage(), e);
        }
    }

    @Override
    public void onEpisodeEnd(int episode, EpisodeMetrics m) {
        try {
            if (recorder != null) {
                recorder.close();
                recorder = null;
            }
            if (lastStep >= 0 && Arrays.stream(sampleSteps).noneMatch(k -> k == lastStep)) {
                FrameImages.writePng(new RgbFrame(scenario.camera().width(), scenario.camera().height(), last, lastT),
                        dir.resolve(String.format("episode-%03d-frame-%05d.png", episode, lastStep)));
            }
            String title = m.target() == null
                    ? String.format("%s episode %d: %s, %d interventions, mean cross-track %.2f m", scenario.name(), episode,
                    m.success() ? "success" : "failed", m.crashes(), m.crossTrackMeanM())
                    : String.format("%s episode %d: %s, %d of %d targets, %d collisions, final distance %.1f m, bearing %.0f deg",
                    scenario.name(), episode, m.success() ? "success" : "failed", m.target().reached(), m.target().targets(),
                    m.collisions(), m.target().finalDistanceM(), m.target().finalBearingDeg());
            TrajectoryPlot.write(world, scenario.success().maxCrossTrackM(), xs, ys, n, failures, title,
                    dir.resolve(String.format("episode-%03d-trajectory.png", episode)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot finish the MP4: " + e.getMessage(), e);
        }
    }
}
