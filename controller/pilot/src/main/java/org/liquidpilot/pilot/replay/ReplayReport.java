package org.liquidpilot.pilot.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a replay's artefacts: {@code replay.json} (scores), {@code replay.csv} (per frame), and the two plots. */
public final class ReplayReport {
    public static final String JSON_FILE = "replay.json";
    public static final String CSV_FILE = "replay.csv";
    public static final String COMMANDS_PNG = "replay-commands.png";
    public static final String NEURONS_PNG = "replay-neurons.png";

    private ReplayReport() {}

    public static void write(ReplayResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = json.createObjectNode();
        o.put("bag", r.bag());
        o.put("model", r.model());
        o.put("frames", r.frames());
        o.put("dropped_frames", r.droppedFrames());
        putNumber(o, "mse", r.mse());
        putNumber(o, "rmse", Math.sqrt(r.mse()));
        putNumber(o, "correlation", r.correlation());
        putNumber(o, "mean_baseline_mse", r.baselineMse());
        o.put("units", "yaw rate, rad/s");
        json.writeValue(dir.resolve(JSON_FILE).toFile(), o);
        try (Writer w = Files.newBufferedWriter(dir.resolve(CSV_FILE), StandardCharsets.UTF_8)) {
            StringBuilder h = new StringBuilder("time_s,recorded,predicted");
            for (int k = 0; k < r.neuronCount(); k++) h.append(",n").append(k);
            w.write(h.append('\n').toString());
            for (int i = 0; i < r.frames(); i++) {
                StringBuilder b = new StringBuilder();
                b.append(String.format(Locale.ROOT, "%.6f,%.6g,%.6g", r.time()[i], r.recorded()[i], r.predicted()[i]));
                for (int k = 0; k < r.neuronCount(); k++) b.append(',').append(String.format(Locale.ROOT, "%.6g", r.neurons()[i * r.neuronCount() + k]));
                w.write(b.append('\n').toString());
            }
        }
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(900).height(420).title(String.format(Locale.ROOT, "%s on %s: MSE %.4g, r %.3f", r.model(), r.bag(), r.mse(), r.correlation()))
                .xAxisTitle("time (s)").yAxisTitle("yaw rate (rad/s)").build();
        c.getStyler().setXAxisDecimalPattern("0.#");
        c.addSeries("recorded", r.time(), r.recorded()).setMarker(SeriesMarkers.NONE);
        c.addSeries("predicted", r.time(), r.predicted()).setMarker(SeriesMarkers.NONE);
        save(c, dir.resolve(COMMANDS_PNG));
        XYChart nc = new XYChartBuilder().width(900).height(520).title("neuron states: " + r.model()).xAxisTitle("time (s)").yAxisTitle("state").build();
        nc.getStyler().setLegendVisible(r.neuronCount() <= 24);
        nc.getStyler().setXAxisDecimalPattern("0.#");
        int shown = Math.min(r.neuronCount(), 64);
        for (int k = 0; k < shown; k++) {
            double[] v = new double[r.frames()];
            for (int i = 0; i < r.frames(); i++) v[i] = r.neurons()[i * r.neuronCount() + k];
            nc.addSeries("n" + k, r.time(), v).setMarker(SeriesMarkers.NONE);
        }
        save(nc, dir.resolve(NEURONS_PNG));
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v);
        else o.putNull(key);
    }

    private static void save(XYChart c, Path png) throws IOException {
        String base = png.toString();
        BitmapEncoder.saveBitmap(c, base.substring(0, base.length() - 4), BitmapEncoder.BitmapFormat.PNG);
    }
}
