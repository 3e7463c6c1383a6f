package org.liquidpilot.sim.report;

import org.liquidpilot.pilot.VehicleCommand;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class NeuronTraceTest {

    /** A probe whose state is a function of how often it was asked to steer, so a test can tell which step it saw. */
    static final class CountingProbe implements NeuronProbe {
        final List<String> names;
        int steps;

        CountingProbe(int n) {
            names = new ArrayList<>();
            for (int k = 0; k < n; k++) names.add("s" + k);
        }

        @Override
        public List<String> neuronNames() {
            return names;
        }

        @Override
        public void neurons(float[] out) {
            for (int k = 0; k < names.size(); k++) out[k] = steps * 100 + k;
        }

        @Override
        public double rawOutput() {
            return -steps;
        }
    }

    @Test
    void writesAndReadsBackEveryColumn(@TempDir Path dir) throws Exception {
        NeuronTrace.Recorder r = new NeuronTrace.Recorder(List.of("motor0", "cmd1", "inter2"));
        for (int i = 0; i < 3000; i++) {
            r.add(i / 30.0, Math.sin(i * 0.01), i * 1e-3, i % 700 == 5, new float[]{i, -i, i == 17 ? Float.NaN : 0.5f * i});
        }
        NeuronTrace tr = r.trace();
        Path f = dir.resolve(NeuronTrace.FILE);
        tr.write(f);
        assertFalse(Files.exists(dir.resolve(NeuronTrace.FILE + ".tmp")));
        assertEquals("t,command,output,intervention,motor0,cmd1,inter2", Files.readAllLines(f).get(0));
        NeuronTrace back = NeuronTrace.read(f);
        assertEquals(tr.names(), back.names());
        assertEquals(3000, back.steps());
        assertEquals(2999 / 30.0, back.t()[2999], 1e-4);
        assertEquals(Math.sin(12.34), back.command()[1234], 1e-5);
        assertTrue(back.intervention()[705] && !back.intervention()[706]);
        assertEquals(-1234f, back.value(1234, 1));
        assertTrue(Float.isNaN(back.value(17, 2)), "a gap survives");
        assertEquals(617f, back.value(1234, 2));
    }

    @Test
    void listenerRecordsTheFirstEpisodeOnlyAndCapsWideStates(@TempDir Path dir) throws Exception {
        CountingProbe probe = new CountingProbe(128);
        Path f = dir.resolve(NeuronTrace.FILE);
        NeuronTraceListener l = new NeuronTraceListener(probe, f);
        for (int e = 0; e < 2; e++) {
            l.onEpisodeStart(e, null);
            for (int s = 0; s < 10; s++) {
                probe.steps++;
                l.onStep(e, s, (s + 1) / 30.0, null, null, VehicleCommand.car(1, 0.1 * s), s == 4);
            }
            l.onEpisodeEnd(e, null);
        }
        NeuronTrace tr = NeuronTrace.read(f);
        assertEquals(10, tr.steps(), "the first episode only");
        assertEquals(NeuronTraceListener.FIRST_OF_MANY, tr.columns(), "an LSTM-64's 128 values are cut to the first 16");
        assertEquals(503f, tr.value(4, 3));
        assertEquals(-5.0, tr.output()[4]);
        assertTrue(tr.intervention()[4]);
        assertEquals(19, NeuronTraceListener.recorded(19));
        assertEquals(32, NeuronTraceListener.recorded(32));
        assertEquals(16, NeuronTraceListener.recorded(33));
    }

    static void assertRefused(String text, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuronTrace.parse(new BufferedReader(new StringReader(text)), "x.csv"), why);
        assertTrue(e.getMessage().startsWith("x.csv"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void garbageAndTruncatedFilesAreOneLineErrors() {
        String head = "t,command,output,intervention,motor0,cmd1\n";
        assertRefused("", "empty");
        assertRefused("hello world\n", "no header");
        assertRefused("t,command,output,intervention\n0,0,0,0\n", "no neuron columns");
        assertRefused("t,command,output,intervention,a,a\n", "repeated name");
        assertRefused("t,command,output,intervention,<b>\n", "odd name");
        assertRefused(head, "no rows");
        assertRefused(head + "0.1,0,0,0,1,2\n0.2,0,0,0,1", "truncated last row");
        assertRefused(head + "0.1,0,0,0,1,2\n0.2,0,0,0,1,2.5", "a row cut inside its last number");
        assertRefused(head + "0.1,0,0,0,1,2,3\n", "too many fields");
        assertRefused(head + "0.1,0,0,0,1,x\n", "not a number");
        assertRefused(head + "0.2,0,0,0,1,2\n0.1,0,0,0,1,2\n", "time going back");
        assertRefused(head + "NaN,0,0,0,1,2\n", "time not finite");
        assertRefused(head + "0.1,0,0,2,1,2\n", "intervention not 0/1");
        assertRefused(head + "0.1,0,0,0,1," + "9".repeat(NeuronTrace.MAX_LINE) + "\n", "a line too long");
        StringBuilder wide = new StringBuilder("t,command,output,intervention");
        for (int k = 0; k <= NeuronTrace.MAX_COLUMNS; k++) wide.append(",n").append(k);
        assertRefused(wide + "\n", "too many columns");
    }

    @Property(tries = 300)
    void anyTextIsATraceOrAOneLineError(@ForAll @StringLength(max = 300) String body, @ForAll boolean withHeader) throws IOException {
        String text = (withHeader ? "t,command,output,intervention,motor0\n" : "") + body + "\n";
        try {
            NeuronTrace tr = NeuronTrace.parse(new BufferedReader(new StringReader(text)), "x.csv");
            assertTrue(tr.steps() > 0);
        } catch (IllegalArgumentException e) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Property(tries = 50)
    void anyBytesOnDiskAreATraceOrAnError(@ForAll @Size(max = 400) List<Byte> bytes) throws IOException {
        Path f = Files.createTempFile("neurons", ".csv");
        try {
            byte[] b = new byte[bytes.size()];
            for (int i = 0; i < b.length; i++) b[i] = bytes.get(i);
            Files.write(f, b);
            try {
                NeuronTrace.read(f);
            } catch (IllegalArgumentException expected) {
                assertEquals(1, expected.getMessage().lines().count(), expected.getMessage());
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void plotDrawsGroupedRowsAndHandlesAnySpan(@TempDir Path dir) throws Exception {
        int n = 200;
        double[] t = new double[n];
        int[] seg = new int[n];
        float[][] v = new float[n][];
        for (int i = 0; i < n; i++) {
            t[i] = i / 30.0;
            seg[i] = i < 100 ? 0 : 1;
            v[i] = new float[]{(float) Math.sin(i * 0.1), i, Float.NaN};
        }
        NeuronActivityPlot.Data d = new NeuronActivityPlot.Data(t, seg, v, new String[]{"motor0", "cmd1", "inter2"},
                new String[]{"motor", "command", "inter"}, List.of(0.0, 100 / 30.0), List.of("nominal", "rain"), n / 30.0, new double[]{2.0});
        Path f = dir.resolve("p.png");
        NeuronActivityPlot.write(d, "test", f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertNotNull(img);
        assertTrue(img.getHeight() > 3 * 30);
        assertEquals(0x9b5de5, img.getRGB(1, 55) & 0xffffff, "the motor row carries its role colour at the left edge");
        for (double span : new double[]{0.5, 7, 60, 660, 3600 * 6, 1e300}) {
            double step = NeuronActivityPlot.tickStep(span);
            assertTrue(span / step <= 12.0001, span + " / " + step);
        }
        assertThrows(IllegalArgumentException.class, () -> new NeuronActivityPlot.Data(t, seg, v, new String[]{"a"}, null, List.of(), List.of(), 1, new double[0]));
    }
}
