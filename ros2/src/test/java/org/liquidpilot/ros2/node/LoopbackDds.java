package org.liquidpilot.ros2.node;

import org.junit.jupiter.api.Assumptions;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.ros2.dds.DdsParticipants;
import org.liquidpilot.ros2.dds.DdsSettings;

import java.util.concurrent.ThreadLocalRandom;

/** Test set-up for DDS on loopback: the MULTICAST flag on lo (as root), and a domain no other test run shares. */
public final class LoopbackDds {
    private LoopbackDds() {}

    /** Skips (with a notice) or fails under ./liquidpilot test when lo cannot carry discovery multicast. */
    public static void assumeLoopbackMulticast() {
        Assumptions.assumeTrue(Interop.shouldRun("multicast on the loopback interface ('ip link set lo multicast on', as root)",
                DdsParticipants.enableLoopbackMulticast()));
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger(
            ThreadLocalRandom.current().nextInt(100));

    /**
     * Loopback-only settings on a domain of its own: consecutive in this JVM (so no two tests share one, whatever a
     * previous test left behind), from a random start (so concurrent runs on one machine rarely meet), in 100..199.
     */
    public static DdsSettings freshDomain() {
        return DdsSettings.loopback(100 + NEXT.getAndIncrement() % 100);
    }
}
