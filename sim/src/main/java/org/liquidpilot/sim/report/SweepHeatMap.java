package org.liquidpilot.sim.report;

import com.fasterxml.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code sweep.png} of a condition sweep: one row per policy, one column per cell, coloured by success rate. */
final class SweepHeatMap {
    private SweepHeatMap() {}

    static void write(List<SweepPolicy> policies, List<ConditionSweep.Cell> cells, List<ConditionSweep.Outcome> outcomes, Path file) throws IOException {
        int cw = 112, ch = 52, left = 12 + 7 * Math.min(40, policies.stream().mapToInt(p -> p.stem().length()).max().orElse(8)), top = 40;
        int w = left + cw * cells.size() + 20, h = top + ch * policies.size() + 40;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        List<String> cellNames = cells.stream().map(c -> c.condition().name()).toList();
        for (ConditionSweep.Outcome o : outcomes) {
            // by name: a cell topped up to more episodes is still its column
            int x = cellNames.indexOf(o.cell().condition().name()), y = policies.indexOf(o.policy());
            if (x < 0 || y < 0) continue;
            JsonNode s = o.metrics().path("summary");
            double rate = s.path("success_rate").asDouble();
            g.setColor(new Color((float) (0.85 * (1 - rate) + 0.1), (float) (0.2 + 0.6 * rate), 0.25f));
            g.fillRect(left + x * cw, top + y * ch, cw - 2, ch - 2);
            g.setColor(Color.WHITE);
            g.drawString(String.format(Locale.ROOT, "%.0f%%", 100 * rate), left + x * cw + 8, top + y * ch + 22);
            g.drawString(String.format(Locale.ROOT, "cte %.2f m", s.path("cross_track_mean_m").asDouble()), left + x * cw + 8, top + y * ch + 40);
        }
        g.setColor(Color.DARK_GRAY);
        for (int y = 0; y < policies.size(); y++) g.drawString(policies.get(y).stem(), 8, top + y * ch + ch / 2 + 4);
        for (int x = 0; x < cells.size(); x++) g.drawString(cells.get(x).condition().name(), left + x * cw + 6, top - 10);
        g.drawString("success rate (colour and %) and mean cross-track error per policy and condition", 8, h - 14);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
