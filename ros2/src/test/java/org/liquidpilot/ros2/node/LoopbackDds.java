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

    /** Loopback-only settings on a random domain, so concurrent runs on one machine do not see each other. */
    public static DdsSettings freshDomain() {
        return DdsSettings.loopback(ThreadLocalRandom.current().nextInt(100, 200));
    }
}
