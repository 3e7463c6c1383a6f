package org.liquidpilot.sim.ros;

import org.liquidpilot.ros.msg.nav_msgs.Odometry;

import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** What the simulator-node tests read off a running node: its forward speed, and conditions waited for. */
final class SimNodeProbe {
    private SimNodeProbe() {}

    /** Forward speed in the body frame, as sim/odom reports it. */
    static double forwardSpeed(Odometry o) {
        return o.twist().twist().linear().x();
    }

    /** Polls {@code ok} every 50 ms and fails with {@code what} after {@code seconds}. */
    static void waitFor(BooleanSupplier ok, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (ok.getAsBoolean()) return;
            Thread.sleep(50);
        }
        fail("timed out: " + what);
    }
}
