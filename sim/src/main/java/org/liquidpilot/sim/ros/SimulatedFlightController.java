package org.liquidpilot.sim.ros;

import org.liquidpilot.pilot.SetpointInput;
import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.mavros_msgs.CommandBool;
import org.liquidpilot.ros.msg.mavros_msgs.PositionTarget;
import org.liquidpilot.ros.msg.mavros_msgs.SetMode;
import org.liquidpilot.ros.msg.mavros_msgs.State;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros.node.SubscriberOptions;

/**
 * The simulated quadrotor's flight controller as mavros shows it to an offboard pilot, so the simulator is flown
 * over exactly the topics and services a real PX4 drone has: {@code mavros/state} (mavros_msgs/State),
 * {@code mavros/set_mode} (SetMode), {@code mavros/cmd/arming} (CommandBool), and setpoints on
 * {@code mavros/setpoint_raw/local} (PositionTarget, {@code FRAME_BODY_NED}, velocity and yaw rate).
 * <p>
 * It behaves as PX4 does where it matters to a pilot: it starts disarmed in POSCTL (hovering: the episode starts
 * in the air); OFFBOARD is refused unless setpoints have been streaming; setpoints move the vehicle only while armed
 * in OFFBOARD; when they stop for {@link #OFFBOARD_LOSS_S} it leaves OFFBOARD for AUTO.LOITER (COM_OBL_ACT's hold);
 * AUTO.LAND descends. Any other mode holds position. A setpoint it cannot fly (wrong frame, unsupported mask, NaN) is
 * logged in one line and ignored, so the vehicle keeps hovering. A setpoint whose header stamp is more than
 * {@code ~max_command_age} (default 0.5 s) behind the node's clock is dropped and counted ({@link CommandAgeCheck}):
 * it neither moves the vehicle nor counts as streaming, so the burst of stale setpoints TCP delivers after a link
 * cut cannot fly the vehicle or keep OFFBOARD alive. Times are the simulation's, in seconds.
 */
public final class SimulatedFlightController {
    /** PX4's COM_OF_LOSS_T default: offboard setpoints older than this are lost. */
    public static final double OFFBOARD_LOSS_S = 1.0;
    /** PX4 wants setpoints streaming before it enters OFFBOARD: at least this many in the last second. */
    static final int SETPOINTS_BEFORE_OFFBOARD = 2;
    static final double LAND_SPEED_MPS = 0.7;

    private final Object lock = new Object();
    private final ConnectedNode node;
    private final Publisher<State> state;
    private final CommandAgeCheck ages;
    private boolean armed;
    private String mode = "POSCTL";
    private VehicleCommand setpoint = VehicleCommand.ZERO;
    private double lastSetpointS = Double.NEGATIVE_INFINITY;
    private final double[] recent = new double[SETPOINTS_BEFORE_OFFBOARD];
    private int recentCount;
    private long rejected;
    private double now;
    private int seq;

    /** Reads {@code ~max_command_age} from the node's private parameters. */
    public SimulatedFlightController(ConnectedNode node) {
        this(node, CommandAgeCheck.maxAgeParam(node.getParameterTree()));
    }

    /** @param maxCommandAgeS setpoints older than this (seconds) are dropped; 0 turns the check off */
    public SimulatedFlightController(ConnectedNode node, double maxCommandAgeS) {
        this.node = node;
        this.ages = new CommandAgeCheck(node.resolveName("mavros/setpoint_raw/local"), maxCommandAgeS, node::getCurrentTime, node.getLog());
        this.state = node.newPublisher("mavros/state", State.CODEC, PublisherOptions.DEFAULT.latched().withQueueSize(10));
        node.newSubscriber("mavros/setpoint_raw/local", PositionTarget.CODEC, SubscriberOptions.DEFAULT.withQueueSize(1))
                .addMessageListener(this::onSetpoint);
        node.newServiceServer("mavros/set_mode", SetMode.TYPE, req -> new SetMode.Response(setMode(req.customMode())));
        node.newServiceServer("mavros/cmd/arming", CommandBool.TYPE, req -> {
            boolean ok = arm(req.value());
            return new CommandBool.Response(ok, ok ? 0 : 4);
        });
        publishState();
    }

    private void onSetpoint(PositionTarget p) {
        VehicleCommand c;
        try {
            c = SetpointInput.fromPositionTarget(p);
        } catch (IllegalArgumentException bad) {
            long n;
            synchronized (lock) {
                n = ++rejected;
            }
            if (n <= 10 || Long.bitCount(n) == 1) node.getLog().warn("sim: ignoring setpoint (" + n + " so far): " + bad.getMessage());
            return;
        }
        if (!ages.accept(p.header().stamp())) return;
        synchronized (lock) {
            setpoint = c;
            lastSetpointS = now;
            recent[recentCount++ % recent.length] = now;
        }
    }

    boolean setMode(String custom) {
        String m = custom == null ? "" : custom.trim().toUpperCase(java.util.Locale.ROOT);
        synchronized (lock) {
            switch (m) {
                case "OFFBOARD" -> {
                    if (!streaming()) {
                        node.getLog().warn("sim: OFFBOARD refused: no setpoints streaming");
                        return false;
                    }
                }
                case "POSCTL", "ALTCTL", "AUTO.LOITER", "AUTO.LAND", "AUTO.RTL" -> { }
                default -> {
                    node.getLog().warn("sim: unknown mode '" + custom + "' refused");
                    return false;
                }
            }
            mode = m;
        }
        node.getLog().info("sim: mode " + m);
        publishState();
        return true;
    }

    boolean arm(boolean on) {
        synchronized (lock) {
            armed = on;
        }
        node.getLog().info(on ? "sim: armed" : "sim: disarmed");
        publishState();
        return true;
    }

    private boolean streaming() {
        if (recentCount < recent.length) return false;
        for (double t : recent) {
            if (now - t > 1.0) return false;
        }
        return true;
    }

    /**
     * The command the vehicle flies now, at simulated time {@code t} (seconds): the latest setpoint while armed in
     * OFFBOARD and fresh, a descent in AUTO.LAND, a hover otherwise.
     */
    public VehicleCommand command(double t) {
        boolean changed = false;
        VehicleCommand c;
        synchronized (lock) {
            now = t;
            if (mode.equals("OFFBOARD") && t - lastSetpointS > OFFBOARD_LOSS_S) {
                mode = "AUTO.LOITER";
                changed = true;
            }
            if (armed && mode.equals("OFFBOARD")) c = setpoint;
            else if (armed && mode.equals("AUTO.LAND")) c = new VehicleCommand(0, 0, -LAND_SPEED_MPS, 0);
            else c = VehicleCommand.ZERO;
        }
        if (changed) {
            node.getLog().warn("sim: offboard setpoints lost for " + OFFBOARD_LOSS_S + " s: AUTO.LOITER");
            publishState();
        }
        return c;
    }

    /** Publishes {@code mavros/state}; mavros sends it at 1 Hz and on every change. */
    public void publishState() {
        State s;
        synchronized (lock) {
            s = new State(new Header(seq++, Time.now(), ""), true, armed, armed && !mode.equals("POSCTL") && !mode.equals("ALTCTL"),
                    false, mode, armed ? 4 : 3);
        }
        state.publish(s);
    }

    public String mode() {
        synchronized (lock) {
            return mode;
        }
    }

    public boolean armed() {
        synchronized (lock) {
            return armed;
        }
    }

    /** The age check in front of the setpoints: how many were dropped as stale, how old the oldest applied one was. */
    public CommandAgeCheck commandAges() {
        return ages;
    }

    /** Setpoints refused so far (bad frame, mask or values). */
    public long rejected() {
        synchronized (lock) {
            return rejected;
        }
    }
}
