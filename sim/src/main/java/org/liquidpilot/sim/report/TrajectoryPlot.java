package org.liquidpilot.sim.report;

import org.liquidpilot.sim.world.Centreline;
import org.liquidpilot.sim.world.Tree;
import org.liquidpilot.sim.world.World;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A top-down map of one episode: the forest, the road or trail, the corridor, the driven track, the interventions.
 * In forest-open the band is the straight legs to the targets (red) and the crosses are collisions.
 */
public final class TrajectoryPlot {
    private TrajectoryPlot() {}

    public static void write(World world, double corridor, double[] xs, double[] ys, int n, List<double[]> failures,
                             String title, Path file) throws IOException {
        Centreline c = world.centreline();
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < c.size(); i++) {
            minX = Math.min(minX, c.x(i)); maxX = Math.max(maxX, c.x(i));
            minY = Math.min(minY, c.y(i)); maxY = Math.max(maxY, c.y(i));
        }
        double margin = 15;
        minX -= margin; maxX += margin; minY -= margin; maxY += margin;
        int size = 900;
        double scale = (size - 40) / Math.max(maxX - minX, maxY - minY);
        int w = (int) Math.ceil((maxX - minX) * scale) + 40, h = (int) Math.ceil((maxY - minY) * scale) + 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(236, 240, 230));
        g.fillRect(0, 0, w, h);
        final double fx = minX, fy = maxY, sc = scale;
        java.util.function.DoubleUnaryOperator px = x -> 20 + (x - fx) * sc, py = y -> 40 + (fy - y) * sc;
        for (Tree t : world.obstacles()) {
            if (t.kind() == Tree.Kind.TARGET) continue; // drawn last, over the legs and the track
            double r = Math.max(1.5, t.radius() * sc);
            g.setColor(t.kind() == Tree.Kind.ROCK ? new Color(130, 130, 130) : new Color(60, 120, 60, 160));
            g.fill(new Ellipse2D.Double(px.applyAsDouble(t.x()) - r, py.applyAsDouble(t.y()) - r, 2 * r, 2 * r));
        }
        Path2D centre = new Path2D.Double();
        for (int i = 0; i < c.size(); i++) {
            if (i == 0) centre.moveTo(px.applyAsDouble(c.x(i)), py.applyAsDouble(c.y(i)));
            else centre.lineTo(px.applyAsDouble(c.x(i)), py.applyAsDouble(c.y(i)));
        }
        g.setColor(new Color(200, 200, 190));
        g.setStroke(new BasicStroke((float) (2 * corridor * sc), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(centre);
        g.setColor(new Color(120, 120, 120));
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[]{4, 4}, 0));
        g.draw(centre);
        Path2D track = new Path2D.Double();
        for (int i = 0; i < n; i++) {
            if (i == 0) track.moveTo(px.applyAsDouble(xs[i]), py.applyAsDouble(ys[i]));
            else track.lineTo(px.applyAsDouble(xs[i]), py.applyAsDouble(ys[i]));
        }
        g.setColor(new Color(30, 80, 200));
        g.setStroke(new BasicStroke(2f));
        g.draw(track);
        g.setColor(new Color(220, 20, 20));
        for (Tree t : world.targets()) {
            double r = Math.max(5, t.radius() * sc);
            g.fill(new Ellipse2D.Double(px.applyAsDouble(t.x()) - r, py.applyAsDouble(t.y()) - r, 2 * r, 2 * r));
        }
        g.setColor(new Color(210, 30, 30));
        for (double[] f : failures) {
            double x = px.applyAsDouble(f[0]), y = py.applyAsDouble(f[1]);
            g.drawLine((int) x - 6, (int) y - 6, (int) x + 6, (int) y + 6);
            g.drawLine((int) x - 6, (int) y + 6, (int) x + 6, (int) y - 6);
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(title, 20, 24);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
