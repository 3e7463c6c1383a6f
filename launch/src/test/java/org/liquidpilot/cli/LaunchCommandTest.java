package org.liquidpilot.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;

class LaunchCommandTest {
    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = LiquidPilotCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            int code = cl.execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void dryRunPrintsTheEvaluatedLaunch() {
        Run r = run("launch", "pilot.launch", "--dry-run", "output:=mavros", "ns:=drone", "offboard:=true", "loss_mode:=loiter");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(" * /drone/pilot/output: mavros"), r.out());
        assertTrue(r.out().contains(" * /drone/pilot/offboard: true"), r.out());
        assertTrue(r.out().contains(" * /drone/pilot/arm: false"), r.out());
        assertTrue(r.out().contains(" * /drone/pilot/loss_land_s: 3.0"), r.out());
        assertTrue(r.out().contains(" * /drone/pilot/loss_mode: loiter"), r.out());
        assertTrue(r.out().contains("pilot (liquidpilot/pilot_node)"), r.out());
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        Run unknownArg = run("launch", "pilot.launch", "--dry-run", "bogus:=1");
        assertEquals(2, unknownArg.code());
        assertTrue(unknownArg.err().contains("unused args [bogus]"), unknownArg.err());
        assertEquals(1, unknownArg.err().strip().lines().count(), unknownArg.err());
        Run notAnArg = run("launch", "pilot.launch", "--dry-run", "speed=3");
        assertEquals(2, notAnArg.code());
        assertTrue(notAnArg.err().contains("name:=value"), notAnArg.err());
        Run missing = run("launch", "no-such.launch");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such launch file"), missing.err());
    }

    @Test
    void nodeCommandRejectsBadRosArguments() {
        Run r = run("node", "pilot", "__bogus:=1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("__bogus"), r.err());
        Run none = run("node");
        assertEquals(2, none.code());
    }
}
