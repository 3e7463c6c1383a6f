package org.liquidpilot.sim.run;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.sim.dynamics.BicycleCar;
import org.liquidpilot.sim.dynamics.Quadrotor;
import org.liquidpilot.sim.dynamics.Vehicle;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.dynamics.WindField;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.world.Centreline;
import org.liquidpilot.sim.world.Tree;
import org.liquidpilot.sim.world.World;
import org.liquidpilot.sim.world.Worlds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drives a policy through a scenario's episodes in lock-step simulated time: render the camera frame, ask the
 * policy, advance the physics by one frame period, score. Nothing waits for the wall clock, so it runs as fast as
 * rendering allows. The same scenario, seed and policy give the same metrics (latencies aside, which are measured).
 * <p>
 * The trail task scores the path: leaving the corridor or touching a trunk is an intervention and the vehicle is put
 * back. The target tasks ({@link TargetProgress}) have no safety driver in an open forest: a collision ends the
 * episode as a failure, reaching the last target ends it as a success, and so does nothing else but the time limit.
 */
public final class ClosedLoopRunner {
    /** Camera and control rate. */
    public static final double FRAME_HZ = 30;
    /** Physics steps per frame. */
    public static final int SUBSTEPS = 2;
    /** The PilotNet autonomy formula charges this much time per intervention. */
    public static final double INTERVENTION_COST_S = 6;
    /**
     * A success must also get somewhere: at least this share of the distance the cruise speed would cover (or the
     * end of the path). A vehicle that stops or hovers stays safe, which the failsafe wants, but has not done the job.
     */
    public static final double MIN_PROGRESS = 0.5;

    private final Scenario scenario;
    private final FrameSource frames;

    public ClosedLoopRunner(Scenario scenario, FrameSource frames) {
        this.scenario = scenario;
        this.frames = frames;
    }

    /** Runs every episode of the scenario. */
    public RunMetrics run(DrivingPolicy policy, String policyName, StepListener listener) {
        return run(policy, policyName, listener, 0);
    }

    /**
     * Runs episodes {@code first .. episodes-1} only: each episode's seed follows its index, so these are the very
     * episodes a full run would drive, and a cell can be extended without driving its first episodes again.
     */
    public RunMetrics run(DrivingPolicy policy, String policyName, StepListener listener, int first) {
        if (first < 0 || first >= scenario.episodes()) throw new IllegalArgumentException("first episode " + first + " outside 0.." + (scenario.episodes() - 1));
        List<EpisodeMetrics> rows = new ArrayList<>();
        List<double[]> latencies = new ArrayList<>();
        for (int e = first; e < scenario.episodes(); e++) {
            double[][] lat = new double[1][];
            rows.add(episode(e, policy, listener, lat));
            latencies.add(lat[0]);
        }
        double[] pooled = latencies.stream().flatMapToDouble(Arrays::stream).toArray();
        return RunMetrics.of(scenario.name(), scenario.world(), scenario.vehicle(), policyName, rows, pooled);
    }

    public static Vehicle vehicleFor(Scenario sc) {
        return sc.isQuad() ? new Quadrotor(sc.speedMps()) : new BicycleCar(sc.speedMps());
    }

    /** Runs episode {@code e}; {@code latenciesOut[0]} receives its per-step control latencies in ms. */
    public EpisodeMetrics episode(int e, DrivingPolicy policy, StepListener listener, double[][] latenciesOut) {
        Episode ep = start(e, policy, listener);
        while (ep.step()) {
            // lock-step: each call renders, decides and integrates one frame period
        }
        latenciesOut[0] = ep.latencies();
        return ep.finish();
    }

    /** Starts episode {@code e} for stepping by hand (benchmarks, ROS adapters). */
    public Episode start(int e, DrivingPolicy policy, StepListener listener) {
        return new Episode(e, policy, listener);
    }

    /** One episode in progress: {@link #step()} until it returns false, then {@link #finish()}. */
    public final class Episode {
        private final int e;
        private final long seed;
        private final DrivingPolicy policy;
        private final StepListener listener;
        private final World world;
        private final Centreline path;
        private final Vehicle vehicle;
        private final WindField wind;
        private final double dt = 1 / FRAME_HZ, h = dt / SUBSTEPS;
        private final int maxSteps;
        private final double endAlong, corridor;
        private final double[] air = new double[3];
        private final double[] latency;
        /** Each step's |cross-track error|, preallocated for the whole episode; sorted in place at its end for the p95. */
        private final double[] cteSteps;
        private final TargetProgress targets;
        private double sumCte, maxCte, jerkSq, prevSteer, prevPrevSteer;
        private int crashes, collisions, exits, steps, hint;
        private EpisodeMetrics.FirstFailure first;
        private boolean reachedEnd, done;
        private double t, along;

        Episode(int e, DrivingPolicy policy, StepListener listener) {
            this.e = e;
            this.policy = policy;
            this.listener = listener;
            this.seed = scenario.episodeSeed(e);
            this.world = Worlds.generate(scenario, seed);
            this.path = world.centreline();
            this.vehicle = vehicleFor(scenario);
            vehicle.reset(path.x(0), path.y(0), world.startYaw());
            this.wind = new WindField(scenario.wind(), scenario.isQuad() ? Quadrotor.ALTITUDE_M : 1.0, seed ^ 0x3C6EF372FE94F82AL);
            this.maxSteps = (int) Math.ceil(scenario.durationS() * FRAME_HZ);
            this.endAlong = path.length() - Worlds.END_MARGIN_M;
            this.corridor = scenario.success().maxCrossTrackM();
            this.latency = new double[maxSteps];
            this.cteSteps = new double[maxSteps];
            this.targets = scenario.isTargetTask() ? new TargetProgress(world.targets(), path.x(0), path.y(0),
                    scenario.success().reachM(), scenario.success().maxBearingDeg()) : null;
            frames.load(world, scenario, seed);
            policy.reset();
            listener.onEpisodeStart(e, world);
        }

        public World world() { return world; }
        public VehicleState state() { return vehicle.state(); }
        public double time() { return t; }

        /** Renders, asks the policy, integrates one frame period and scores it; false once the episode is over. */
        public boolean step() {
            if (done) return false;
            VehicleState state = vehicle.state();
            RgbFrame frame = frames.render(state, vehicle.cameraHeight(), t);
            if (policy instanceof PrivilegedPolicy p) p.observe(state, world);
            long t0 = System.nanoTime();
            VehicleCommand cmd = policy.act(frame, dt);
            latency[steps] = (System.nanoTime() - t0) / 1e6;
            // A broken command is a stop/hover, as a flight controller treats an invalid setpoint.
            if (cmd == null || !cmd.isFinite()) cmd = VehicleCommand.ZERO;
            double steer = Math.max(-vehicle.maxCommand(), Math.min(vehicle.maxCommand(), vehicle.steering(cmd)));
            for (int k = 0; k < SUBSTEPS; k++) {
                VehicleState s = vehicle.state();
                wind.sample(h, s.yaw(), Math.max(s.groundSpeed(), scenario.speedMps()), air);
                vehicle.step(cmd, h, air);
            }
            t += dt;
            if (steps >= 2) {
                double d2 = (steer - 2 * prevSteer + prevPrevSteer) / (dt * dt);
                jerkSq += d2 * d2;
            }
            prevPrevSteer = prevSteer;
            prevSteer = steer;

            VehicleState after = vehicle.state();
            Centreline.Projection p = path.project(after.x(), after.y(), hint, 40);
            hint = p.segment();
            along = p.along();
            double cte = Math.abs(p.crossTrack());
            Tree hit = world.collision(after.x(), after.y(), vehicle.radius());
            if (targets != null) return scoreTarget(after, hit, cte, frame, cmd);
            boolean failed = hit != null || cte > corridor;
            if (failed) {
                crashes++;
                if (hit != null) collisions++; else exits++;
                if (first == null) first = new EpisodeMetrics.FirstFailure(along, t, hit != null ? "collision" : "corridor");
                // Put back on the path, facing along it, as a safety driver would; the count is the penalty.
                vehicle.reset(p.x(), p.y(), p.heading());
                policy.reset();
                cte = Math.min(cte, corridor);
            }
            sumCte += cte;
            maxCte = Math.max(maxCte, cte);
            cteSteps[steps] = cte;
            listener.onStep(e, steps, t, vehicle.state(), frame, cmd, failed);
            steps++;
            if (along >= endAlong) reachedEnd = true;
            done = reachedEnd || steps >= maxSteps;
            return !done;
        }

        /** A target task's step: the cross-track error is only reported (off the straight legs), never a failure. */
        private boolean scoreTarget(VehicleState after, Tree hit, double cte, RgbFrame frame, VehicleCommand cmd) {
            targets.update(after, t);
            if (hit != null) {
                crashes++;
                collisions++;
                first = new EpisodeMetrics.FirstFailure(along, t, "collision");
            }
            sumCte += cte;
            maxCte = Math.max(maxCte, cte);
            cteSteps[steps] = cte;
            listener.onStep(e, steps, t, after, frame, cmd, hit != null);
            steps++;
            reachedEnd = targets.complete();
            done = hit != null || reachedEnd || steps >= maxSteps;
            return !done;
        }

        double[] latencies() {
            return Arrays.copyOf(latency, steps);
        }

        /** The episode's metrics row; tells the listener the episode ended. */
        public EpisodeMetrics finish() {
            done = true;
            double autonomy = t > 0 ? Math.max(0, Math.min(100, (1 - crashes * INTERVENTION_COST_S / t) * 100)) : 100;
            boolean progressed = targets != null ? targets.complete() : reachedEnd || along >= MIN_PROGRESS * scenario.speedMps() * t;
            Arrays.sort(cteSteps, 0, steps);
            double p95 = steps > 0 ? cteSteps[Math.max(0, (int) Math.ceil(0.95 * steps) - 1)] : 0;
            EpisodeMetrics m = new EpisodeMetrics(e, seed, crashes == 0 && progressed, reachedEnd, crashes, collisions, exits,
                    steps > 0 ? sumCte / steps : 0, maxCte, p95, first, autonomy, steps > 2 ? Math.sqrt(jerkSq / (steps - 2)) : 0,
                    RunMetrics.latency(latencies()), t, along, steps, targets != null ? targets.metrics() : null);
            listener.onEpisodeEnd(e, m);
            return m;
        }
    }
}
