package org.liquidpilot.sim.report;

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
import java.util.Map;

/**
 * The neuron activity plot: one row per trace over time, each scaled to its own range (the row label gives that
 * range), with the segments (conditions) shaded behind and laid end to end. Own scaling per row because LTC states
 * differ in magnitude by orders and a shared axis would flatten most traces. Rows carry a group (an NCP's role:
 * motor, command, inter; or the vehicle's command) that colours the trace and the bar at the left edge.
 */
public final class NeuronActivityPlot {
    private static final int ROW = 34, LEFT = 150, RIGHT = 20, TOP = 50, BOTTOM = 40, MIN_WIDTH = 1100, PER_SEGMENT = 170;
    private static final Color[] SHADES = {new Color(255, 244, 214), new Color(220, 232, 246), new Color(232, 232, 232), new Color(226, 242, 226)};
    private static final Color DEFAULT = new Color(30, 70, 160);
    private static final Map<String, Color> GROUPS = Map.of("motor", new Color(0x9b5de5), "command", new Color(0xd9822b),
            "inter", new Color(0x3b6fd8), "vehicle", new Color(0x222222));

    private NeuronActivityPlot() {}

    /**
     * What to draw.
     *
     * @param t       sample times on the shared axis (segments laid end to end)
     * @param segment the segment of each sample: each segment runs a fresh policy, so the lines break there
     * @param values  {@code values[sample][row]}; non-finite values are gaps
     * @param labels  one per row, e.g. "n7 inter" or "cmd3"
     * @param groups  one per row (motor, command, inter, vehicle or anything else), or null for one colour
     * @param starts  start time of each segment
     * @param names   the segment names, same order
     * @param end     the end of the last segment
     * @param marks   times to mark with a thin red line (interventions), may be empty
     */
    public record Data(double[] t, int[] segment, float[][] values, String[] labels, String[] groups, List<Double> starts, List<String> names,
                       double end, double[] marks) {
        public Data {
            if (segment.length != t.length || values.length != t.length) throw new IllegalArgumentException("plot columns of different lengths");
            if (groups != null && groups.length != labels.length) throw new IllegalArgumentException("one group per label");
            for (float[] v : values) if (v.length != labels.length) throw new IllegalArgumentException("one value per label in every sample");
        }
    }

    public static void write(Data d, String title, Path file) throws IOException {
        ImageIO.write(render(d, title), "png", file.toFile());
    }

    public static BufferedImage render(Data d, String title) {
        int n = d.labels().length;
        int width = Math.max(MIN_WIDTH, LEFT + RIGHT + PER_SEGMENT * d.starts().size());
        int h = TOP + BOTTOM + n * ROW;
        BufferedImage img = new BufferedImage(width, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, h);
        double plotW = width - LEFT - RIGHT;
        double endT = d.end();
        double span = Math.max(endT, 1e-6);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        List<Double> starts = d.starts();
        for (int c = 0; c < starts.size(); c++) {
            double a = starts.get(c), b = c + 1 < starts.size() ? starts.get(c + 1) : endT;
            int x0 = (int) (LEFT + a / span * plotW), x1 = (int) (LEFT + b / span * plotW);
            g.setColor(SHADES[c % SHADES.length]);
            g.fillRect(x0, TOP, x1 - x0, n * ROW);
            g.setColor(Color.DARK_GRAY);
            if (c < d.names().size()) g.drawString(d.names().get(c), x0 + 4, TOP - 6);
        }
        g.setColor(new Color(230, 60, 60, 110));
        for (double m : d.marks()) {
            int x = (int) (LEFT + m / span * plotW);
            g.drawLine(x, TOP, x, TOP + n * ROW);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(title, 10, 20);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 11));
        float[][] v = d.values();
        double[] t = d.t();
        int[] segment = d.segment();
        for (int k = 0; k < n; k++) {
            Color colour = d.groups() == null ? DEFAULT : GROUPS.getOrDefault(d.groups()[k], DEFAULT);
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
            g.drawLine(LEFT, y0 + ROW, width - RIGHT, y0 + ROW);
            if (d.groups() != null) {
                g.setColor(colour);
                g.fillRect(0, y0 + 1, 4, ROW - 2);
            }
            g.setColor(Color.BLACK);
            g.drawString(d.labels()[k], 8, y0 + 14);
            if (lo > hi) continue;
            g.setColor(Color.GRAY);
            g.drawString(String.format(Locale.ROOT, "%.2g..%.2g", lo, hi), 8, y0 + 27);
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
                // No line across a segment change (a fresh policy) or across samples the probe did not get.
                boolean gap = i > 0 && (segment[i] != segment[i - 1] || t[i] - t[i - 1] > 0.2);
                if (pen && !gap) path.lineTo(px, py);
                else path.moveTo(px, py);
                pen = true;
            }
            g.setColor(colour);
            g.setStroke(new BasicStroke(1.2f));
            g.draw(path);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int axisY = TOP + n * ROW;
        double step = tickStep(endT);
        for (double s = 0; s <= endT + 1e-9; s += step) {
            int px = (int) (LEFT + s / span * plotW);
            g.drawLine(px, axisY, px, axisY + 4);
            g.drawString(String.format(Locale.ROOT, "%.0f", s), px - 6, axisY + 16);
        }
        g.drawString("sim time (s)", width / 2 - 30, axisY + 32);
        g.dispose();
        return img;
    }

    /** A 1, 2 or 5 times a power of ten giving at most 12 ticks, whatever the span. */
    static double tickStep(double endT) {
        if (!(endT > 12)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(endT / 12)));
        for (double m : new double[]{1, 2, 5, 10}) if (endT / (m * p) <= 12) return m * p;
        return 10 * p;
    }
}
