package org.liquidpilot.pilot;

import org.liquidpilot.ros.msg.mavros_msgs.State;

/**
 * The pilot's side of the PX4 OFFBOARD handshake through mavros, as pure logic: callers pass monotonic nanoseconds
 * and the latest {@code mavros/state}, and get back whether motion is allowed and which request (if any) to send to
 * mavros now. {@link PilotNode} sends the requests on its own thread and reports the outcome with
 * {@link #requestDone}.
 * <p>
 * Rules, in the order they are checked:
 * <ul>
 *   <li><b>Motion</b> only while the last state says connected, armed and mode {@code OFFBOARD}; before the first
 *       state, or in any other case, setpoints are zero (hover).</li>
 *   <li><b>Input loss</b>: while the vehicle is in OFFBOARD and the pilot has had no usable input (it is stopped
 *       by its failsafe: image watchdog, non-finite values, not calibrated yet) for {@code lossNanos}, request
 *       {@code AUTO.LAND} (or {@code AUTO.LOITER}) once per loss episode; a failed request (mavros unreachable,
 *       {@code mode_sent} false) is retried every {@code retryNanos} while the episode lasts. The episode ends
 *       with usable input or when the vehicle leaves OFFBOARD. This is done <em>even without</em>
 *       {@code offboard}: in OFFBOARD the vehicle flies this node's setpoints whoever switched it there, and this
 *       node keeps streaming hover setpoints, so PX4's own offboard-loss failsafe (which needs the setpoint
 *       stream to stop) never fires; without the request a drone whose camera died would hover until its battery
 *       failsafe. Landing hands the vehicle back to the flight controller's own, tested behaviour. A disabled
 *       pilot ({@code ~enable} false) is not an input loss.</li>
 *   <li><b>Engaging</b> (only with {@code offboard}): once setpoints have reached a subscriber (mavros) without a
 *       break for more than {@code preStreamNanos} (PX4 refuses OFFBOARD without a setpoint stream; setpoints
 *       published before mavros connected do not count), the mavros link is connected,
 *       the pilot is enabled and has usable input, request {@code OFFBOARD}, again every {@code retryNanos} while
 *       the vehicle is not in OFFBOARD. With {@code arm} as well, request arming every {@code retryNanos} while the
 *       vehicle is in OFFBOARD and disarmed. Arming is never requested in another mode, so the pilot never arms a
 *       vehicle that would then fly someone else's commands.</li>
 *   <li><b>Hand-over</b>: once the vehicle has been armed in OFFBOARD, any later state that is connected but not
 *       armed-and-OFFBOARD (the operator took over on the remote, a flight controller failsafe, a disarm, or this
 *       node's own land request) ends the engagement: no more OFFBOARD or arming requests, so an operator's
 *       switch to manual is never undone two seconds later. {@link #reengage()} (the node calls it when
 *       {@code ~enable} goes from false to true) allows them again.</li>
 * </ul>
 * Thread-safe: state messages, the output timer and the request thread all call in.
 */
public final class MavrosOffboard {
    /** PX4's custom mode names, as mavros's {@code mavros/state} reports them and {@code mavros/set_mode} takes them. */
    public static final String OFFBOARD = "OFFBOARD";
    public static final String AUTO_LAND = "AUTO.LAND";
    public static final String AUTO_LOITER = "AUTO.LOITER";

    /** What to ask mavros for. */
    public enum Request {
        /** {@code mavros/set_mode} custom_mode OFFBOARD. */
        SET_OFFBOARD,
        /** {@code mavros/cmd/arming} value true. */
        ARM,
        /** {@code mavros/set_mode} with the loss mode (AUTO.LAND or AUTO.LOITER). */
        SET_LOSS_MODE
    }

    /**
     * @param offboard       request OFFBOARD after the pre-stream
     * @param arm            request arming while in OFFBOARD and disarmed
     * @param preStreamNanos setpoints must have reached mavros for longer than this before OFFBOARD is requested
     * @param retryNanos     least time between two requests of the same kind
     * @param lossNanos      input loss in OFFBOARD for this long → loss mode request
     * @param lossMode       {@link #AUTO_LAND} or {@link #AUTO_LOITER}
     */
    public record Config(boolean offboard, boolean arm, long preStreamNanos, long retryNanos, long lossNanos, String lossMode) {
        public Config {
            if (preStreamNanos < 0 || retryNanos <= 0 || lossNanos <= 0) throw new IllegalArgumentException("offboard timings must be positive");
            if (!AUTO_LAND.equals(lossMode) && !AUTO_LOITER.equals(lossMode)) throw new IllegalArgumentException("loss mode must be AUTO.LAND or AUTO.LOITER, got " + lossMode);
        }
    }

    private static final long NEVER = Long.MIN_VALUE;

    private final Config config;
    private State state;
    private long streamingSince = NEVER;
    private long lastModeRequest = NEVER;
    private long lastArmRequest = NEVER;
    private long lastLossRequest = NEVER;
    private Request inFlight;
    private boolean engaged;
    private boolean handedOver;
    private long staleSince = NEVER;
    private boolean lossDone;
    private String lastOutcome = "";

    public MavrosOffboard(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /** A {@code mavros/state} message. */
    public synchronized void onState(State s) {
        state = s;
        boolean flying = s.connected() && s.armed() && OFFBOARD.equals(s.mode());
        if (flying) {
            engaged = true;
        } else if (engaged && s.connected()) {
            handedOver = true;
        }
        if (!inOffboard()) {
            staleSince = NEVER;
            lossDone = false;
        }
    }

    /** Whether setpoints may move the vehicle now: connected, armed and in OFFBOARD. */
    public synchronized boolean mayFly() {
        return state != null && state.connected() && state.armed() && OFFBOARD.equals(state.mode());
    }

    private boolean inOffboard() {
        return state != null && state.connected() && OFFBOARD.equals(state.mode());
    }

    /**
     * Called after each setpoint went out. Returns the request to send now, or null; a returned request counts as
     * in flight until {@link #requestDone}.
     *
     * @param inputUsable the pilot has usable input (not stopped by its failsafe)
     * @param enabled     the pilot is enabled ({@code ~enable})
     * @param delivered   the setpoint had at least one subscriber; without one the pre-stream starts over
     */
    public synchronized Request afterSetpoint(long now, boolean inputUsable, boolean enabled, boolean delivered) {
        if (!delivered) {
            streamingSince = NEVER;
        } else if (streamingSince == NEVER) {
            streamingSince = now;
        }
        if (inputUsable || !enabled || !inOffboard()) {
            staleSince = NEVER;
            lossDone = false;
        } else if (staleSince == NEVER) {
            staleSince = now;
        }
        if (inFlight != null) return null;
        if (staleSince != NEVER && !lossDone && now - staleSince >= config.lossNanos() && due(lastLossRequest, now)) {
            lastLossRequest = now;
            return inFlight = Request.SET_LOSS_MODE;
        }
        if (handedOver || !enabled || !inputUsable || state == null || !state.connected()) return null;
        if (config.offboard() && !OFFBOARD.equals(state.mode()) && streamingSince != NEVER
                && now - streamingSince > config.preStreamNanos() && due(lastModeRequest, now)) {
            lastModeRequest = now;
            return inFlight = Request.SET_OFFBOARD;
        }
        if (config.arm() && OFFBOARD.equals(state.mode()) && !state.armed() && due(lastArmRequest, now)) {
            lastArmRequest = now;
            return inFlight = Request.ARM;
        }
        return null;
    }

    private boolean due(long last, long now) {
        return last == NEVER || now - last >= config.retryNanos();
    }

    /**
     * The outcome of a request {@link #afterSetpoint} returned.
     *
     * @param accepted mavros took it ({@code mode_sent} / {@code success}); false when it refused or was unreachable
     * @param detail   a short note for the status line, e.g. the error
     */
    public synchronized void requestDone(Request r, boolean accepted, String detail) {
        if (inFlight == r) inFlight = null;
        if (r == Request.SET_LOSS_MODE) {
            if (accepted) {
                lossDone = true;
                handedOver = true;
            }
        }
        lastOutcome = describe(r) + (accepted ? " sent" : " failed" + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** After the pilot is enabled again: OFFBOARD and arming may be requested again (if configured). */
    public synchronized void reengage() {
        handedOver = false;
        engaged = false;
    }

    /** What a request asks for, in words: {@code set_mode OFFBOARD}, {@code arming}, {@code set_mode AUTO.LAND}. */
    public String describe(Request r) {
        return switch (r) {
            case SET_OFFBOARD -> "set_mode " + OFFBOARD;
            case ARM -> "arming";
            case SET_LOSS_MODE -> "set_mode " + config.lossMode();
        };
    }

    /** The mode name a set_mode request carries. */
    public String modeOf(Request r) {
        return r == Request.SET_LOSS_MODE ? config.lossMode() : OFFBOARD;
    }

    /** The offboard part of {@code ~status}, e.g. {@code mavros: waiting for OFFBOARD (mode POSCTL, disarmed)}. */
    public synchronized String status() {
        String s;
        if (state == null) {
            s = "mavros: no state yet, hover";
        } else if (!state.connected()) {
            s = "mavros: flight controller not connected, hover";
        } else if (mayFly()) {
            s = staleSince != NEVER ? "mavros: OFFBOARD armed, no usable input, hover" : "mavros: OFFBOARD armed, flying";
        } else if (OFFBOARD.equals(state.mode())) {
            s = "mavros: OFFBOARD, waiting for arming, hover";
        } else {
            s = "mavros: " + (handedOver ? "vehicle handed over (mode " + state.mode() + "), hover, not requesting OFFBOARD"
                    : "waiting for OFFBOARD (mode " + state.mode() + ", " + (state.armed() ? "armed" : "disarmed") + "), hover");
        }
        if (lossDone) s += "; input lost, " + config.lossMode() + " requested";
        return lastOutcome.isEmpty() ? s : s + "; last request: " + lastOutcome;
    }
}
