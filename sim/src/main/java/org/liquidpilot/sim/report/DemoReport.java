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
 * <p>
 * The car drives the forest road in lock-step (the sim waits for the command that answers each frame); the drone
 * flies to a target in real time over the mavros topics, where the pilot streams setpoints at its own rate and no
 * frame waits for an answer, so its rows have no control latency or late-command count, but the target task's
 * metrics: whether it was reached, the final distance to it and when.
 */
public final class DemoReport {
    private DemoReport() {}

    /**
     * One condition's outcome; file names are relative to the output folder.
     *
     * @param changes what the condition changed in the scenario ({@code season=autumn, fog=0.05, ...}); empty: nothing
     */
    public record Segment(String vehicle, String condition, String scenario, String changes, RunMetrics metrics, int commandTimeouts,
                          String trajectoryPng, List<String> framePngs) {
        EpisodeMetrics episode() {
            return metrics.episodes().get(0);
        }

        /** Lock-step (the car): each frame waits for its command, so latency and late commands are measured. */
        boolean lockStep() {
            return !vehicle.equals("quad");
        }
    }

    /**
     * What flew one vehicle's segments.
     *
     * @param driver one sentence: the trained model or the expert; printed and reported as is
     * @param pilot  the pilot node's own description
     * @param model  the model file and its training record, or why there is none
     */
    public record Vehicle(String vehicle, String title, String driver, String pilot, String model, String neuronsPng,
                          String wiringPng) {}

    public record Run(List<Vehicle> vehicles, List<Segment> segments, String video, double secondsPerSegment, double wallS) {}

    public static void printTable(Run run, PrintWriter o) {
        o.printf(Locale.ROOT, "%-7s %-11s %-13s %-8s %-8s %-11s %-10s %-12s %-12s %-10s %-9s %-9s%n", "vehicle", "condition",
                "scenario", "success", "crashes", "cte_mean_m", "cte_max_m", "latency_p50", "latency_p99", "distance_m",
                "target_m", "to_target_s");
        for (Segment s : run.segments()) {
            EpisodeMetrics e = s.episode();
            var tg = e.target();
            o.printf(Locale.ROOT, "%-7s %-11s %-13s %-8s %-8d %-11.3f %-10.3f %-12s %-12s %-10.1f %-9s %-9s%n", s.vehicle(),
                    s.condition(), s.scenario(), e.success(), e.crashes(), e.crossTrackMeanM(), e.crossTrackMaxM(),
                    s.lockStep() ? ms(e.controlLatencyMs().p50()) : "-", s.lockStep() ? ms(e.controlLatencyMs().p99()) : "-",
                    e.distanceM(), tg == null ? "-" : num(tg.finalDistanceM(), 2),
                    tg == null ? "-" : tg.timeToTargetS() == null ? "not reached" : num(tg.timeToTargetS(), 1));
        }
        long ok = run.segments().stream().filter(s -> s.episode().success()).count();
        int crashes = run.segments().stream().mapToInt(s -> s.episode().crashes()).sum();
        double simS = run.segments().stream().mapToDouble(s -> s.episode().elapsedS()).sum();
        o.printf(Locale.ROOT, "%d/%d conditions succeeded, %d crashes in %.0f s of sim time; wall time %.1f s%n", ok,
                run.segments().size(), crashes, simS, run.wallS());
        o.flush();
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f ms", v);
    }

    private static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    public static void writeJson(Run run, Path file) throws IOException {
        ObjectNode root = MetricsJson.MAPPER.createObjectNode();
        root.put("seconds_per_condition", run.secondsPerSegment());
        root.put("wall_s", run.wallS());
        if (run.video() != null) root.put("video", run.video());
        ArrayNode vehicles = root.putArray("vehicles");
        for (Vehicle v : run.vehicles()) {
            ObjectNode n = vehicles.addObject();
            n.put("vehicle", v.vehicle());
            n.put("driver", v.driver());
            n.put("pilot", v.pilot());
            n.put("model", v.model());
            if (v.neuronsPng() != null) n.put("neurons", v.neuronsPng());
            if (v.wiringPng() != null) n.put("wiring", v.wiringPng());
        }
        ArrayNode segs = root.putArray("conditions");
        for (Segment s : run.segments()) {
            ObjectNode n = segs.addObject();
            n.put("vehicle", s.vehicle());
            n.put("condition", s.condition());
            n.put("scenario", s.scenario());
            if (!s.changes().isEmpty()) n.put("changes", s.changes());
            if (s.lockStep()) n.put("command_timeouts", s.commandTimeouts());
            n.set("metrics", MetricsJson.MAPPER.readTree(MetricsJson.toJson(s.metrics())));
        }
        MetricsJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    public static void writeHtml(Run run, Path file) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>liquidpilot demo</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:1150px;margin:1em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}")
                .append("th{background:#eee}td:nth-child(-n+3){text-align:left}.fail{color:#b00}")
                .append("img{max-width:100%;border:1px solid #ccc}.frames img{width:320px;image-rendering:pixelated}")
                .append(".note{background:#fff4d6;padding:6px 10px;border-left:4px solid #e0a800}</style></head><body>\n");
        h.append("<h1>liquidpilot demo: ").append(String.join("; ", run.vehicles().stream().map(v -> Html.esc(v.title())).toList()))
                .append("</h1>\n");
        for (Vehicle v : run.vehicles()) {
            h.append("<p class=\"note\"><b>").append(Html.esc(v.vehicle())).append(":</b> ").append(Html.esc(v.driver())).append("</p>\n");
            h.append("<p>Pilot: ").append(Html.esc(v.pilot())).append("<br>Model: ").append(Html.esc(v.model())).append("</p>\n");
        }
        boolean car = run.segments().stream().anyMatch(Segment::lockStep), quad = run.segments().stream().anyMatch(s -> !s.lockStep());
        h.append("<p>Each condition ran <code>launch/sim_pilot.launch</code> in-process on an embedded master: the sim, the pilot and ")
                .append("the driver are separate ROS nodes and every frame and command crossed TCPROS on loopback. ");
        if (car) {
            h.append("The car runs in lock-step (<code>vehicle:=car</code>: the sim waits for the <code>/cmd_vel</code> that answers ")
                    .append("each frame). ");
        }
        if (quad) {
            h.append("The drone (<code>vehicle:=quad scenario:=drone-target</code>) is flown in real time as a PX4 drone behind mavros ")
                    .append("is: the pilot streams <code>mavros_msgs/PositionTarget</code> on <code>/mavros/setpoint_raw/local</code> and ")
                    .append("the simulated flight controller answers <code>/mavros/state</code>, <code>/mavros/set_mode</code> and ")
                    .append("<code>/mavros/cmd/arming</code>; its episode ends when the red marker is reached, on a collision or at the ")
                    .append("time limit. ");
        }
        h
                .append(String.format(Locale.ROOT, "At most %.0f s of sim time per condition; the whole run took %.1f s of wall time.",
                        run.secondsPerSegment(), run.wallS())).append(" Raw numbers: <a href=\"metrics.json\">metrics.json</a>.</p>\n");
        h.append("<h2>Metrics</h2>\n<table><tr><th>vehicle</th><th>condition</th><th>scenario</th><th>success</th><th>crashes</th>")
                .append("<th>cross-track mean (m)</th><th>cross-track max (m)</th><th>control latency p50 (ms)</th>")
                .append("<th>p99 (ms)</th><th>distance (m)</th><th>frames without a command in time</th>")
                .append("<th>final distance to target (m)</th><th>time to target (s)</th><th>path ratio</th></tr>\n");
        for (Segment s : run.segments()) {
            EpisodeMetrics e = s.episode();
            var tg = e.target();
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td%s>%s</td><td>%d</td><td>%.3f</td><td>%.3f</td>"
                            + "<td>%s</td><td>%s</td><td>%.1f</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                    Html.esc(s.vehicle()), Html.esc(s.condition()), Html.esc(s.scenario()),
                    e.success() ? "" : " class=\"fail\"", e.success(), e.crashes(), e.crossTrackMeanM(), e.crossTrackMaxM(),
                    s.lockStep() ? num(e.controlLatencyMs().p50(), 2) : "&ndash;", s.lockStep() ? num(e.controlLatencyMs().p99(), 2) : "&ndash;",
                    e.distanceM(), s.lockStep() ? String.valueOf(s.commandTimeouts()) : "&ndash;",
                    tg == null ? "&ndash;" : num(tg.finalDistanceM(), 2),
                    tg == null ? "&ndash;" : tg.timeToTargetS() == null ? "not reached" : num(tg.timeToTargetS(), 1),
                    tg == null || tg.pathRatio() == null ? "&ndash;" : num(tg.pathRatio(), 3)));
        }
        h.append("</table>\n<p>Control latency (car): from the frame being available in the sim to the command it waits for, ")
                .append("through the pilot (perception, NCP step) and, with the expert driving, the relay. ")
                .append("Cross-track (drone): distance off the straight line from the start to the target. ")
                .append("Success (drone): within 2 m of the marker with it centred in the image (bearing at most 12&deg;), no collision; ")
                .append("path ratio: distance flown over the straight line's length.</p>\n");
        if (run.video() != null) {
            h.append("<h2>Camera video</h2>\n<video src=\"").append(Html.esc(run.video()))
                    .append("\" controls width=\"640\"></video><p><a href=\"").append(Html.esc(run.video())).append("\">")
                    .append(Html.esc(run.video())).append("</a> (every condition of every vehicle, one after the other)</p>\n");
        }
        for (Vehicle v : run.vehicles()) {
            if (v.neuronsPng() != null) {
                h.append("<h2>Neuron activity (").append(Html.esc(v.vehicle())).append(")</h2>\n")
                        .append("<p>The NCP's neuron states from <code>/pilot/neurons</code>, one row per neuron, ")
                        .append("each scaled to its own range. Each condition starts a fresh pilot node, so the traces restart.</p>\n")
                        .append("<img src=\"").append(Html.esc(v.neuronsPng())).append("\" alt=\"neuron traces\">\n");
            }
            if (v.wiringPng() != null) {
                h.append("<h2>Wiring (").append(Html.esc(v.vehicle())).append(")</h2>\n")
                        .append("<p>Sensory &rarr; inter &rarr; command &rarr; motor; green synapses excite, red inhibit.</p>\n")
                        .append("<img src=\"").append(Html.esc(v.wiringPng())).append("\" alt=\"wiring diagram\">\n");
            }
        }
        for (Segment s : run.segments()) {
            h.append("<h2>").append(Html.esc(s.vehicle())).append(": ").append(Html.esc(s.condition()))
                    .append(" (").append(Html.esc(s.scenario())).append(s.changes().isEmpty() ? "" : "; " + Html.esc(s.changes()))
                    .append(")</h2>\n");
            if (s.trajectoryPng() != null) h.append("<img src=\"").append(Html.esc(s.trajectoryPng())).append("\" alt=\"trajectory\" width=\"560\">\n");
            h.append("<div class=\"frames\">");
            for (String f : s.framePngs()) h.append("<img src=\"").append(Html.esc(f)).append("\" alt=\"camera frame\"> ");
            h.append("</div>\n");
        }
        h.append("</body></html>\n");
        Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
    }
}
