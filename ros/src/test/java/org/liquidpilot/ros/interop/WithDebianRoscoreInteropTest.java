package org.liquidpilot.ros.interop;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.liquidpilot.ros.debian.DebianRos;
import org.liquidpilot.ros.debian.Interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Our nodes in a graph run by Debian's roscore, next to rospy and the ROS command-line tools. */
class WithDebianRoscoreInteropTest extends DebianInteropContract {

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Interop.shouldRunWithDebianRos());
        ros = DebianRos.startRoscore();
        startPeers();
    }

    @AfterAll
    static void stop() {
        stopPeers();
    }

    @Override
    void restartMaster() throws Exception {
        ros.restartRoscore();
    }
}
