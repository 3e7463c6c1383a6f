package org.liquidpilot.ros.interop;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.liquidpilot.ros.debian.DebianRos;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.ros.master.EmbeddedMaster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The same graph with our embedded master in place of roscore: rospy and the ROS tools must not notice. */
class WithEmbeddedMasterInteropTest extends DebianInteropContract {
    private static EmbeddedMaster master;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Interop.shouldRunWithDebianRos());
        master = EmbeddedMaster.start(0);
        ros = DebianRos.forMaster(master.uri());
        startPeers();
    }

    @AfterAll
    static void stop() {
        stopPeers();
        if (master != null) master.close();
    }

    @Override
    void restartMaster() throws Exception {
        int port = master.port();
        master.close();
        master = EmbeddedMaster.start(port);
    }
}
