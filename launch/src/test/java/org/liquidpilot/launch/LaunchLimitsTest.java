package org.liquidpilot.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a launch file can make the loader read or run: only regular files, never more than a limit of bytes actually
 * read; commands bounded in time (reading their output included) and in output, killed at either limit; and a dry
 * run that runs nothing. The timeout only guards against a hang; nothing here measures time.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LaunchLimitsTest {
    @TempDir
    Path dir;

    private Path launch(String body) throws IOException {
        Path p = dir.resolve("t" + System.nanoTime() + ".launch");
        Files.writeString(p, "<launch>\n" + body + "\n</launch>\n");
        return p;
    }

    private static String fails(LaunchLoader loader, Path file) {
        LaunchException e = assertThrows(LaunchException.class, () -> loader.evaluate(file, Map.of()));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    private Path fifo() throws Exception {
        Path f = dir.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", f.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        return f;
    }

    @Test
    void onlyRegularFilesAreRead() throws Exception {
        Path fifo = fifo();
        LaunchLoader loader = new LaunchLoader(Map.of());
        assertTrue(fails(loader, launch("<param name=\"z\" textfile=\"/dev/zero\"/>")).contains("/dev/zero is a character device, not a regular file"));
        assertTrue(fails(loader, launch("<param name=\"f\" textfile=\"" + fifo + "\"/>")).contains("is a FIFO, not a regular file"));
        assertTrue(fails(loader, launch("<param name=\"d\" textfile=\"" + dir + "\"/>")).contains("is a directory, not a regular file"));
        assertTrue(fails(loader, launch("<rosparam file=\"/dev/zero\"/>")).contains("character device"));
        assertTrue(fails(loader, launch("<include file=\"" + fifo + "\"/>")).contains("is a FIFO, not a regular file"));
        assertTrue(fails(loader, fifo).contains("is a FIFO, not a regular file"));
    }

    @Test
    void readLimitsCountTheBytesRead() throws Exception {
        Path big = dir.resolve("big.txt");
        Files.write(big, new byte[ParamValues.MAX_YAML_CHARS + 1]);
        assertTrue(fails(new LaunchLoader(Map.of()), launch("<param name=\"b\" textfile=\"" + big + "\"/>"))
                .contains("holds more than " + ParamValues.MAX_YAML_CHARS + " bytes"));
        Path notText = dir.resolve("bin.txt");
        Files.write(notText, new byte[] {'a', (byte) 0xC3, '('});
        assertTrue(fails(new LaunchLoader(Map.of()), launch("<param name=\"b\" textfile=\"" + notText + "\"/>"))
                .contains("is not UTF-8 text"));
    }

    @Test
    void aCommandIsKilledAtItsDeadlineEvenAfterPrinting() throws Exception {
        LaunchLoader loader = new LaunchLoader(Map.of()).withCommandLimits(Duration.ofMillis(700), 1 << 20);
        String marker = "sleep 3" + (System.nanoTime() % 1000 + 1000); // a command line no other process has
        assertTrue(fails(loader, launch("<param name=\"s\" command=\"" + marker + "\"/>")).contains("took longer than 700 ms; killed it"));
        // Output first, then a hang: the deadline covers reading the output too.
        assertTrue(fails(loader, launch("<param name=\"s\" command=\"echo hi; " + marker + "\"/>")).contains("took longer than 700 ms"));
        for (ProcessHandle h : ProcessHandle.current().descendants().toList()) {
            if (h.info().commandLine().orElse("").contains(marker)) {
                h.onExit().join(); // killed, so this returns; were it not, the class timeout would fail the test
            }
        }
    }

    @Test
    void outputBeyondTheCapIsAnError() throws Exception {
        LaunchLoader loader = new LaunchLoader(Map.of()).withCommandLimits(Duration.ofSeconds(30), 1000);
        assertTrue(fails(loader, launch("<param name=\"s\" command=\"seq 1 100000\"/>")).contains("printed more than 1000 bytes; killed it"));
        assertTrue(fails(loader, launch("<param name=\"s\" command=\"yes\"/>")).contains("printed more than 1000 bytes"));
        assertEquals("1\n2\n3\n", new LaunchLoader(Map.of()).withCommandLimits(Duration.ofSeconds(30), 1000)
                .evaluate(launch("<param name=\"s\" command=\"seq 1 3\"/>"), Map.of()).params().get("/s"));
    }

    @Test
    void aDryRunRunsNoCommand() throws Exception {
        Path marker = dir.resolve("ran");
        Path f = launch("<param name=\"c\" command=\"touch " + marker + "\"/>\n<param name=\"n\" type=\"int\" command=\"echo 3\"/>");
        LaunchPlan plan = LaunchLoader.dryRun(f, Map.of());
        assertFalse(Files.exists(marker), "a dry run ran the command");
        LaunchLoader.CommandParam c = assertInstanceOf(LaunchLoader.CommandParam.class, plan.params().get("/c"));
        assertEquals("touch " + marker, c.command());
        assertTrue(plan.summary().contains(" * /c: <output of command: touch " + marker + ", not run>"), plan.summary());
        assertTrue(plan.summary().contains(" * /n: <output of command: echo 3 (as int), not run>"), plan.summary());
        assertTrue(assertThrows(LaunchException.class, () -> LaunchLoader.dryRun(launch("<param name=\"n\" type=\"vec\" command=\"echo 3\"/>"), Map.of()))
                .getMessage().contains("unknown param type"));
        LaunchLoader.load(f, Map.of());
        assertTrue(Files.exists(marker), "a real load runs it");
    }
}
