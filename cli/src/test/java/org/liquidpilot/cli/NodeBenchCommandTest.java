package org.liquidpilot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The start-up benchmark runs a real pilot node process to its first command, and refuses bad input in one line. */
class NodeBenchCommandTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void oneStartIsTimedToTheFirstCommand() {
        Path model = Path.of("..", "models", "ncp19-forest-road.safetensors").toAbsolutePath().normalize();
        CliRun r = CliRun.of("node", "bench", "--starts", "1", "--direct", "--model", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("start  1:") && r.out().contains("ms to the first /cmd_vel") && r.out().contains("median"), r.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("node", "bench", "--starts", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("bench: --starts must be 1..100"), r.err());
    }
}
