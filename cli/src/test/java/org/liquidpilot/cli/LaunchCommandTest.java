package org.liquidpilot.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;

class LaunchCommandTest {
    /** The launch files sit in the checkout's launch/ folder, beside this module. */
    private static final String PILOT_LAUNCH = java.nio.file.Path.of("..", "launch", "pilot.launch").toAbsolutePath().normalize().toString();

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
        Run r = run("launch", PILOT_LAUNCH, "--dry-run", "output:=mavros", "ns:=drone", "offboard:=true", "loss_mode:=loiter");
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
        Run unknownArg = run("launch", PILOT_LAUNCH, "--dry-run", "bogus:=1");
        assertEquals(2, unknownArg.code());
        assertTrue(unknownArg.err().contains("unused args [bogus]"), unknownArg.err());
        assertEquals(1, unknownArg.err().strip().lines().count(), unknownArg.err());
        Run notAnArg = run("launch", PILOT_LAUNCH, "--dry-run", "speed=3");
        assertEquals(2, notAnArg.code());
        assertTrue(notAnArg.err().contains("name:=value"), notAnArg.err());
        Run missing = run("launch", "no-such.launch");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such launch file"), missing.err());
    }

    @Test
    void dryRunRunsNothingAndSpecialFilesAreOneLineErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path marker = dir.resolve("ran");
        java.nio.file.Path f = dir.resolve("c.launch");
        java.nio.file.Files.writeString(f, "<launch><param name=\"c\" command=\"touch " + marker + "\"/></launch>");
        Run dry = run("launch", f.toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertFalse(java.nio.file.Files.exists(marker));
        assertTrue(dry.out().contains(" * /c: <output of command: touch " + marker + ", not run>"), dry.out());

        Run zero = run("launch", "/dev/zero", "--dry-run");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("/dev/zero is a character device, not a regular file"), zero.err());
        assertEquals(1, zero.err().strip().lines().count(), zero.err());
        java.nio.file.Path t = dir.resolve("t.launch");
        java.nio.file.Files.writeString(t, "<launch><param name=\"z\" textfile=\"/dev/zero\"/></launch>");
        Run text = run("launch", t.toString(), "--dry-run");
        assertEquals(2, text.code());
        assertEquals(1, text.err().strip().lines().count(), text.err());
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
