package org.liquidpilot.perception;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Pictures of what the controller sees: the frame, the normalised working image, and the features. */
public final class FeaturePanels {
    private static final int PANEL_H = 240;
    private static final Color BACKGROUND = new Color(24, 24, 28);
    private static final Color TEXT = new Color(220, 220, 220);

    private FeaturePanels() {}

    /**
     * One frame: the camera image, the normalised grey working image (both scaled to the panel height), and a bar
     * per feature (z-score, clipped at +-3).
     */
    public static BufferedImage framePanel(RgbFrame frame, byte[] normalised, int workWidth, int workHeight, float[] z, String[] names) {
        int fw = Math.max(1, (int) Math.round(PANEL_H * frame.width() / (double) frame.height()));
        int nw = Math.max(1, (int) Math.round(PANEL_H * workWidth / (double) workHeight));
        int barsW = Math.max(320, 12 * z.length);
        BufferedImage out = new BufferedImage(fw + nw + barsW + 40, PANEL_H + 150, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(toImage(frame), 10, 30, fw, PANEL_H, null);
        g.drawImage(grey(normalised, workWidth, workHeight), 20 + fw, 30, nw, PANEL_H, null);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(TEXT);
        g.drawString(String.format("frame  t=%.3f s  %dx%d", frame.stampSeconds(), frame.width(), frame.height()), 10, 20);
        g.drawString("normalised " + workWidth + "x" + workHeight, 20 + fw, 20);
        g.drawString("features (z, +-3)", 30 + fw + nw, 20);
        int x0 = 30 + fw + nw, mid = 30 + PANEL_H / 2;
        double bw = barsW / (double) z.length;
        g.setColor(new Color(90, 90, 90));
        g.drawLine(x0, mid, x0 + barsW, mid);
        for (int i = 0; i < z.length; i++) {
            double v = Math.max(-3, Math.min(3, Float.isFinite(z[i]) ? z[i] : 0));
            int len = (int) Math.round(Math.abs(v) / 3 * (PANEL_H / 2.0));
            g.setColor(colour(v / 3));
            int x = x0 + (int) Math.round(i * bw);
            g.fillRect(x, v >= 0 ? mid - len : mid, Math.max(1, (int) bw - 2), Math.max(1, len));
        }
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        // Names run downwards under their bars.
        for (int i = 0; i < names.length && i < z.length; i++) {
            Graphics2D t = (Graphics2D) g.create();
            t.translate(x0 + (int) Math.round(i * bw) + bw / 2 + 3, 36 + PANEL_H);
            t.rotate(Math.PI / 2);
            t.drawString(names[i], 0, 0);
            t.dispose();
        }
        g.dispose();
        return out;
    }

    /** Features over time: one row per feature, one column per frame, colour = z-score (blue negative, red positive). */
    public static BufferedImage timeline(List<float[]> z, String[] names, double[] stamps) {
        int n = z.size(), f = names.length;
        int cell = Math.max(2, Math.min(12, 900 / Math.max(1, n)));
        int rowH = 14, left = 150, top = 30;
        BufferedImage out = new BufferedImage(left + n * cell + 20, top + f * rowH + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int j = 0; j < f; j++) {
            g.setColor(TEXT);
            g.drawString(names[j], 6, top + j * rowH + 11);
            for (int i = 0; i < n; i++) {
                float v = z.get(i)[j];
                g.setColor(colour(Math.max(-1, Math.min(1, Float.isFinite(v) ? v / 3.0 : 0))));
                g.fillRect(left + i * cell, top + j * rowH, cell, rowH - 1);
            }
        }
        g.setColor(TEXT);
        g.setStroke(new BasicStroke(1));
        g.drawString(String.format("features over time (z-scores, +-3): %d frames over %.2f s from stamp %.3f", n,
                n > 0 ? stamps[n - 1] - stamps[0] : 0, n > 0 ? stamps[0] : 0), 6, 18);
        g.dispose();
        return out;
    }

    public static void writePng(BufferedImage image, Path file) {
        try {
            if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static BufferedImage toImage(RgbFrame f) {
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
        byte[] p = f.rgb();
        for (int y = 0, o = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++, o += 3) img.setRGB(x, y, (p[o] & 0xff) << 16 | (p[o + 1] & 0xff) << 8 | (p[o + 2] & 0xff));
        }
        return img;
    }

    private static BufferedImage grey(byte[] g, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = g[y * w + x] & 0xff;
                img.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return img;
    }

    /** Diverging blue-grey-red for v in [-1, 1]. */
    private static Color colour(double v) {
        double a = Math.abs(v);
        int base = 60;
        if (v >= 0) return new Color((int) (base + a * 190), (int) (base + a * 20), (int) (base + a * 10));
        return new Color((int) (base + a * 10), (int) (base + a * 90), (int) (base + a * 190));
    }
}
