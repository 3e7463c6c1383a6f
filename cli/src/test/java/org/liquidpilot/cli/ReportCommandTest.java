package org.liquidpilot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ReportCommandTest {
    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static void metrics(Path dir, String scenario, double success, int crashes) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.json"), """
                {"scenario":"%s","world":"forest-road","vehicle":"car","policy":"m<1>.safetensors","episodes":[],
                 "summary":{"episodes":10,"success_rate":%s,"crashes":%d,"cross_track_mean_m":0.25,"cross_track_max_m":1.5,"autonomy_pct":88.0}}
                """.formatted(scenario, success, crashes));
        Files.write(dir.resolve("episode-000-trajectory.png"), new byte[]{1});
    }

    @Test
    void tableHasARowPerRunWithEscapedNames(@TempDir Path dir) throws Exception {
        metrics(dir.resolve("runs/nominal"), "nominal", 0.9, 1);
        metrics(dir.resolve("runs/rain"), "rain", 0.2, 11);
        Path html = dir.resolve("report.html");
        CliRun r = run("report", "--runs", dir.resolve("runs").toString(), "--out", html.toString());
        assertEquals(0, r.code(), r.err());
        String s = Files.readString(html);
        assertTrue(s.contains("<td>nominal</td><td>m&lt;1&gt;.safetensors</td><td>10</td><td>90%</td><td>1</td>"), s);
        assertTrue(s.contains("<td>rain</td>") && s.contains("<td>20%</td><td>11</td>"), s);
        assertTrue(s.contains("src=\"runs/rain/episode-000-trajectory.png\""), s);
    }

    @Test
    void nothingToReportAndGarbageAreExit2(@TempDir Path dir) throws Exception {
        CliRun none = run("report", "--runs", dir.toString(), "--out", dir.resolve("r.html").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no metrics.json"), none.err());
        Files.writeString(dir.resolve("metrics.json"), "{not json");
        assertEquals(2, run("report", "--runs", dir.toString(), "--out", dir.resolve("r.html").toString()).code());
        Files.writeString(dir.resolve("metrics.json"), "[1,2]");
        assertEquals(2, run("report", "--runs", dir.toString(), "--out", dir.resolve("r.html").toString()).code());
        assertEquals(2, run("report", "--runs", dir.resolve("missing").toString()).code());
    }
}
