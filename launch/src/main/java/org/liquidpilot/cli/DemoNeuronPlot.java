package org.liquidpilot.cli;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The neuron activity plot: one row per neuron over sim time, each trace scaled to its own range (the row label
 * gives that range), with the conditions shaded behind. Own scaling per row because LTC states differ in magnitude
 * by orders and a shared axis would flatten most traces.
 */
final class DemoNeuronPlot {
    private static final int ROW = 34, LEFT = 150, RIGHT = 20, TOP = 50, BOTTOM = 40, WIDTH = 1100;
    private static final Color[] SHADES = {new Color(255, 244, 214), new Color(220, 232, 246), new Color(232, 232, 232), new Color(226, 242, 226)};

    private DemoNeuronPlot() {}

    /**
     * @param segment    the condition of each sample: each condition runs a fresh pilot, so the lines break there
     * @param labels     one per neuron, e.g. "7 inter"
     * @param boundaries start time of each condition
     * @param conditions the condition names, same order
     * @param endT       the end of the last condition
     */
    static void write(double[] t, int[] segment, float[][] v, String[] labels, List<Double> boundaries, List<String> conditions,
                      double endT, String title, Path file) throws IOException {
        int n = labels.length;
        int h = TOP + BOTTOM + n * ROW;
        BufferedImage img = new BufferedImage(WIDTH, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, h);
        double plotW = WIDTH - LEFT - RIGHT;
        double span = Math.max(endT, 1e-6);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int c = 0; c < boundaries.size(); c++) {
            double a = boundaries.get(c), b = c + 1 < boundaries.size() ? boundaries.get(c + 1) : endT;
            int x0 = (int) (LEFT + a / span * plotW), x1 = (int) (LEFT + b / span * plotW);
            g.setColor(SHADES[c % SHADES.length]);
            g.fillRect(x0, TOP, x1 - x0, n * ROW);
            g.setColor(Color.DARK_GRAY);
            if (c < conditions.size()) g.drawString(conditions.get(c), x0 + 4, TOP - 6);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(title, 10, 20);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 11));
        for (int k = 0; k < n; k++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (float[] row : v) {
                float x = row[k];
                if (Float.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            int y0 = TOP + k * ROW;
            g.setColor(new Color(200, 200, 200));
            g.drawLine(LEFT, y0 + ROW, WIDTH - RIGHT, y0 + ROW);
            g.setColor(Color.BLACK);
            g.drawString(labels[k], 6, y0 + 14);
            if (lo > hi) continue;
            g.setColor(Color.GRAY);
            g.drawString(String.format(Locale.ROOT, "%.2g..%.2g", lo, hi), 6, y0 + 27);
            double range = Math.max(hi - lo, 1e-9);
            Path2D.Double path = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < t.length; i++) {
                float x = v[i][k];
                if (!Float.isFinite(x)) {
                    pen = false;
                    continue;
                }
                double px = LEFT + t[i] / span * plotW;
                double py = y0 + ROW - 3 - (x - lo) / range * (ROW - 6);
                // No line across a condition change (a fresh pilot) or across samples the probe did not get.
                boolean gap = i > 0 && (segment[i] != segment[i - 1] || t[i] - t[i - 1] > 0.2);
                if (pen && !gap) path.lineTo(px, py);
                else path.moveTo(px, py);
                pen = true;
            }
            g.setColor(new Color(30, 70, 160));
            g.setStroke(new BasicStroke(1.2f));
            g.draw(path);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int axisY = TOP + n * ROW;
        for (double s = 0; s <= endT + 1e-9; s += tickStep(endT)) {
            int px = (int) (LEFT + s / span * plotW);
            g.drawLine(px, axisY, px, axisY + 4);
            g.drawString(String.format(Locale.ROOT, "%.0f", s), px - 6, axisY + 16);
        }
        g.drawString("sim time (s)", WIDTH / 2 - 30, axisY + 32);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static double tickStep(double endT) {
        for (double s : new double[]{1, 2, 5, 10, 20, 50, 100, 200, 500}) if (endT / s <= 12) return s;
        return 1000;
    }
}
