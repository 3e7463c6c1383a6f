package org.liquidpilot.liquid.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.liquid.Goldens;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.ModelConfig;
import org.liquidpilot.liquid.io.SafeTensors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the generated C is, read as text (no compiler needed), and two exports linked into one program. */
class CExportTest {
    @TempDir
    Path dir;

    static LiquidModel golden(String name) {
        SafeTensors.Contents c = Goldens.f32(name);
        return LiquidModel.fromNcps(ModelConfig.fromNcps(Goldens.meta(name).path("constructor")), c.tensors());
    }

    @Test
    void ltcKeepsOnlyTheWiringsSynapses() {
        LiquidModel m = golden("ltc_ncp19");
        String c = CExport.export(m, new CExportConfig("ltc")).source();
        assertTrue(c.contains("static const float ltc_syn_w[" + m.wiring().synapseCount() + "]"), "internal synapses");
        assertTrue(c.contains("static const float ltc_sensory_w[" + m.wiring().sensorySynapseCount() + "]"), "sensory synapses");
        assertTrue(m.wiring().synapseCount() < 19 * 19 && m.wiring().sensorySynapseCount() < 32 * 19);
    }

    @Test
    void wiredCfcHeadsAreCompressedRowsSharingOneIndexTable() {
        LiquidModel m = golden("cfc_ncp19");
        double[] mask = m.parameters().get("rnn_cell.layer_0.sparsity_mask").data();
        int kept = 0;
        for (double d : mask) if (d != 0) kept++;
        assertTrue(kept < mask.length);
        String c = CExport.export(m, new CExportConfig("cfc")).source();
        assertTrue(c.contains("static const float cfc_l0_ff1_w[" + kept + "]"), c.substring(0, 2000));
        assertTrue(c.contains("static const float cfc_l0_ff2_w[" + kept + "]"));
        assertTrue(c.contains("cfc_l0_ff1_col[" + kept + "]"));
        assertFalse(c.contains("cfc_l0_ff2_col["), "ff2 reads ff1's index table");
    }

    @Test
    void noHeapNoWritableGlobalsAndEveryExternalSymbolPrefixed() throws Exception {
        for (String g : Goldens.MODELS) {
            CSource src = CExport.export(golden(g), new CExportConfig("px4_" + g));
            String c = src.source();
            for (String banned : List.of("malloc", "calloc", "realloc", "free(", "printf", "stdio", "stdlib")) {
                assertFalse(c.contains(banned), g + " uses " + banned);
            }
            // every file-scope line is a comment, a preprocessor line, a const table, or a function of this prefix
            Pattern fn = Pattern.compile("^(static )?(void|float) (\\w+)\\(");
            for (String line : c.lines().toList()) {
                if (line.isEmpty() || line.startsWith(" ") || line.startsWith("/*") || line.startsWith("#") || line.startsWith("}")) continue;
                if (line.startsWith("static const ")) {
                    assertTrue(line.matches("static const (float|uint8_t|uint16_t|uint32_t) px4_" + g + "_\\w+\\[\\d+] = \\{"), line);
                    continue;
                }
                Matcher m = fn.matcher(line);
                assertTrue(m.find(), g + ": unexpected file-scope line: " + line);
                assertTrue(m.group(3).startsWith("px4_" + g + "_"), line);
                if (m.group(1) == null) assertTrue(List.of("reset", "step", "scale_outputs", "normalise").contains(m.group(3).substring(("px4_" + g + "_").length())), line);
            }
            for (String line : src.header().lines().toList()) {
                if (line.startsWith("#define ")) assertTrue(line.startsWith("#define PX4_" + g.toUpperCase() + "_"), line);
            }
        }
    }

    @Test
    void badPrefixesAreRefused() {
        for (String p : new String[]{"", "9lives", "Ncp", "ncp-19", "a".repeat(33), "ncp 19"}) {
            assertThrows(IllegalArgumentException.class, () -> new CExportConfig(p), p);
        }
        assertThrows(IllegalArgumentException.class, () -> CExport.export(golden("ltc_fc12o2"), new CExportConfig("m", List.of("yaw_rate"))),
                "two outputs, one name");
    }

    /** Two models in one firmware: both exports compiled and linked into one program without a clash. */
    @Test
    void twoPrefixesLinkIntoOneProgram() throws Exception {
        assumeTrue(CCompilerGate.shouldRun());
        CCheck.write(CExport.export(golden("ltc_ncp19"), new CExportConfig("left")), dir);
        CCheck.write(CExport.export(golden("cfc_ncp19"), new CExportConfig("right")), dir);
        Files.writeString(dir.resolve("both.c"), """
                #include "left.h"
                #include "right.h"
                int main(void) {
                    left_state a; right_state b;
                    float x[LEFT_INPUTS] = {0}, y[LEFT_OUTPUTS], z[RIGHT_OUTPUTS];
                    left_reset(&a); right_reset(&b);
                    left_step(&a, x, 0.05f, y); right_step(&b, x, 0.05f, z);
                    return y[0] == y[0] && z[0] == z[0] ? 0 : 1;
                }
                """);
        List<String> cmd = new java.util.ArrayList<>(List.of(CCheck.CC));
        cmd.addAll(CCheck.FLAGS);
        cmd.addAll(List.of("both.c", "left.c", "right.c", "-o", "both", "-lm"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        Process run = new ProcessBuilder(dir.resolve("both").toString()).start();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue());
    }
}
