package org.liquidpilot.sim.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.sim.run.EpisodeMetrics;
import org.liquidpilot.sim.run.RunMetrics;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the demo leaves behind: the metrics table (stdout), {@code metrics.json} and {@code index.html}. Every link
 * in the HTML is relative, so the folder can be moved or opened anywhere.
 */
public final class DemoReport {
    private DemoReport() {}

    /** One condition's outcome; file names are relative to the output folder. */
    public record Segment(String condition, String scenario, RunMetrics metrics, int commandTimeouts, String trajectoryPng,
                   List<String> framePngs) {
        EpisodeMetrics episode() {
            return metrics.episodes().get(0);
        }
    }

    /** @param driver what drove, in one sentence; it is printed and reported as is */
    public record Run(String driver, String pilot, String model, List<Segment> segments, String neuronsPng, String wiringPng,
               String video, double secondsPerSegment, double wallS) {}

    public static void printTable(Run run, PrintWriter o) {
        o.printf(Locale.ROOT, "%-11s %-11s %-8s %-8s %-13s %-12s %-14s %-14s %-10s%n", "condition", "scenario", "success",
                "crashes", "cte_mean_m", "cte_max_m", "latency_p50", "latency_p99", "distance_m");
        for (Segment s : run.segments()) {
            EpisodeMetrics e = s.episode();
            o.printf(Locale.ROOT, "%-11s %-11s %-8s %-8d %-13.3f %-12.3f %-14s %-14s %-10.1f%n", s.condition(), s.scenario(),
                    e.success(), e.crashes(), e.crossTrackMeanM(), e.crossTrackMaxM(), ms(e.controlLatencyMs().p50()),
                    ms(e.controlLatencyMs().p99()), e.distanceM());
        }
        long ok = run.segments().stream().filter(s -> s.episode().success()).count();
        int crashes = run.segments().stream().mapToInt(s -> s.episode().crashes()).sum();
        o.printf(Locale.ROOT, "%d/%d conditions succeeded, %d crashes in %.0f s of sim time; wall time %.1f s%n", ok,
                run.segments().size(), crashes, run.secondsPerSegment() * run.segments().size(), run.wallS());
        o.flush();
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f ms", v);
    }

    public static void writeJson(Run run, Path file) throws IOException {
        ObjectNode root = MetricsJson.MAPPER.createObjectNode();
        root.put("driver", run.driver());
        root.put("pilot", run.pilot());
        root.put("model", run.model());
        root.put("seconds_per_condition", run.secondsPerSegment());
        root.put("wall_s", run.wallS());
        ArrayNode segs = root.putArray("conditions");
        for (Segment s : run.segments()) {
            ObjectNode n = segs.addObject();
            n.put("condition", s.condition());
            n.put("scenario", s.scenario());
            n.put("command_timeouts", s.commandTimeouts());
            n.set("metrics", MetricsJson.MAPPER.readTree(MetricsJson.toJson(s.metrics())));
        }
        MetricsJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    public static void writeHtml(Run run, Path file) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>liquidpilot demo</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:1150px;margin:1em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}")
                .append("th{background:#eee}td:first-child,td:nth-child(2){text-align:left}.fail{color:#b00}")
                .append("img{max-width:100%;border:1px solid #ccc}.frames img{width:320px;image-rendering:pixelated}")
                .append(".note{background:#fff4d6;padding:6px 10px;border-left:4px solid #e0a800}</style></head><body>\n");
        h.append("<h1>liquidpilot demo: forest road, sun &rarr; rain &rarr; fog &rarr; wind gusts</h1>\n");
        h.append("<p class=\"note\">").append(Html.esc(run.driver())).append("</p>\n");
        h.append("<p>Pilot: ").append(Html.esc(run.pilot())).append("<br>Model: ").append(Html.esc(run.model())).append("</p>\n");
        h.append("<p>Each condition ran <code>launch/sim_pilot.launch</code> in-process on an embedded master: the sim, the pilot and ")
                .append("the driver are separate ROS nodes and every frame and command crossed TCPROS on loopback, in lock-step. ")
                .append(String.format(Locale.ROOT, "%.0f s of sim time per condition; the whole run took %.1f s of wall time.",
                        run.secondsPerSegment(), run.wallS())).append(" Raw numbers: <a href=\"metrics.json\">metrics.json</a>.</p>\n");
        h.append("<h2>Metrics</h2>\n<table><tr><th>condition</th><th>scenario</th><th>success</th><th>crashes</th>")
                .append("<th>cross-track mean (m)</th><th>cross-track max (m)</th><th>control latency p50 (ms)</th>")
                .append("<th>p99 (ms)</th><th>distance (m)</th><th>frames without a command in time</th></tr>\n");
        for (Segment s : run.segments()) {
            EpisodeMetrics e = s.episode();
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td%s>%s</td><td>%d</td><td>%.3f</td><td>%.3f</td>"
                            + "<td>%.2f</td><td>%.2f</td><td>%.1f</td><td>%d</td></tr>\n", Html.esc(s.condition()), Html.esc(s.scenario()),
                    e.success() ? "" : " class=\"fail\"", e.success(), e.crashes(), e.crossTrackMeanM(), e.crossTrackMaxM(),
                    e.controlLatencyMs().p50(), e.controlLatencyMs().p99(), e.distanceM(), s.commandTimeouts()));
        }
        h.append("</table>\n<p>Control latency: from the frame being available in the sim to the command it waits for, ")
                .append("through the pilot (perception, NCP step) and, with the expert driving, the relay.</p>\n");
        if (run.video() != null) {
            h.append("<h2>Camera video</h2>\n<video src=\"").append(Html.esc(run.video()))
                    .append("\" controls width=\"640\"></video><p><a href=\"").append(Html.esc(run.video())).append("\">")
                    .append(Html.esc(run.video())).append("</a> (all conditions, one after the other)</p>\n");
        }
        if (run.neuronsPng() != null) {
            h.append("<h2>Neuron activity</h2>\n<p>The NCP's neuron states from <code>/pilot/neurons</code>, one row per neuron, ")
                    .append("each scaled to its own range. Each condition starts a fresh pilot node, so the traces restart.</p>\n")
                    .append("<img src=\"").append(Html.esc(run.neuronsPng())).append("\" alt=\"neuron traces\">\n");
        }
        if (run.wiringPng() != null) {
            h.append("<h2>Wiring</h2>\n<p>Sensory &rarr; inter &rarr; command &rarr; motor; green synapses excite, red inhibit.</p>\n")
                    .append("<img src=\"").append(Html.esc(run.wiringPng())).append("\" alt=\"wiring diagram\">\n");
        }
        for (Segment s : run.segments()) {
            h.append("<h2>").append(Html.esc(s.condition())).append(" (").append(Html.esc(s.scenario())).append(")</h2>\n");
            if (s.trajectoryPng() != null) h.append("<img src=\"").append(Html.esc(s.trajectoryPng())).append("\" alt=\"trajectory\" width=\"560\">\n");
            h.append("<div class=\"frames\">");
            for (String f : s.framePngs()) h.append("<img src=\"").append(Html.esc(f)).append("\" alt=\"camera frame\"> ");
            h.append("</div>\n");
        }
        h.append("</body></html>\n");
        Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
    }
}
