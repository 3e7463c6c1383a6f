package org.liquidpilot.train;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The training and validation loss per epoch as a PNG (log scale when the losses span more than a decade). */
public final class LossCurvePlot {
    private LossCurvePlot() {}

    public static void write(Path png, List<TrainState.Epoch> history, String title) throws IOException {
        if (history.isEmpty()) throw new IllegalArgumentException("no epochs to plot");
        System.setProperty("java.awt.headless", "true");
        int n = history.size();
        double[] ep = new double[n], tr = new double[n], va = new double[n];
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (int i = 0; i < n; i++) {
            TrainState.Epoch e = history.get(i);
            ep[i] = e.epoch() + 1;
            tr[i] = e.trainLoss();
            va[i] = e.valLoss();
            lo = Math.min(lo, Math.min(tr[i], va[i]));
            hi = Math.max(hi, Math.max(tr[i], va[i]));
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle("loss").build();
        chart.getStyler().setYAxisLogarithmic(lo > 0 && hi / lo > 10);
        chart.addSeries("train", ep, tr).setMarker(n > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        chart.addSeries("validation", ep, va).setMarker(n > 50 ? SeriesMarkers.NONE : SeriesMarkers.DIAMOND);
        String base = png.toString();
        if (base.endsWith(".png")) base = base.substring(0, base.length() - 4);
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    }
}
