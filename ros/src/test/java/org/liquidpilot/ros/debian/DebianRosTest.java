package org.liquidpilot.ros.debian;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DebianRosTest {

    @Test
    void startsRoscoreOnAFreePortAndCleansUpItsChildren() throws Exception {
        assumeTrue(Interop.shouldRunWithDebianRos());
        List<ProcessHandle> started = new ArrayList<>();
        try (DebianRos ros = DebianRos.startRoscore()) {
            DebianRos.Result list = ros.run(Duration.ofSeconds(15), "rostopic", "list");
            assertTrue(list.ok(), list::toString);
            assertTrue(list.stdout().contains("/rosout"), list::toString);
            ProcessHandle.current().descendants().forEach(started::add);
            assertFalse(started.isEmpty());
        }
        for (ProcessHandle h : started) {
            h.onExit().get();
            assertFalse(h.isAlive(), "left running: " + h.info());
        }
    }
}
