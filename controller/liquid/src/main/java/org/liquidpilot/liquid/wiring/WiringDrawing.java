package org.liquidpilot.liquid.wiring;


import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A wiring laid out in columns sensory → inter → command → motor, as one scene that renders both to PNG (Java2D)
 * and to SVG (written by hand, so the two always agree). Synapses are green when excitatory and red when inhibitory;
 * synapses within a column (the recurrent command synapses) are drawn as arcs, self-synapses as loops.
 */
public final class WiringDrawing {
    public static final Color EXCITATORY = new Color(0x2a9d3f);
    public static final Color INHIBITORY = new Color(0xd62828);
    private static final double SPACING = 24, RADIUS = 8, MARGIN_TOP = 60, MARGIN_BOTTOM = 60, COLUMN_GAP = 220;

    public record Node(double x, double y, Color fill, String label) {}

    /** A straight line when (cx, cy) is NaN, otherwise a quadratic curve through that control point. */
    public record Edge(double x1, double y1, double x2, double y2, double cx, double cy, boolean excitatory) {}

    public record Label(double x, double y, String text, int size, boolean bold) {}

    final int width, height;
    final List<Node> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    final List<Label> labels = new ArrayList<>();

    private WiringDrawing(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public static WiringDrawing of(Wiring w, String cellType) {
        record Column(String title, NeuronRole role, int[] ids, Color fill) {}
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("sensory", NeuronRole.SENSORY, w.neurons(NeuronRole.SENSORY), new Color(0x9aa5b1)));
        boolean ncp = w.neurons(NeuronRole.COMMAND).length > 0;
        columns.add(new Column(ncp ? "inter" : "hidden", NeuronRole.INTER, w.neurons(NeuronRole.INTER), new Color(0x5b8def)));
        columns.add(new Column("command", NeuronRole.COMMAND, w.neurons(NeuronRole.COMMAND), new Color(0xf4a261)));
        columns.add(new Column("motor", NeuronRole.MOTOR, w.neurons(NeuronRole.MOTOR), new Color(0x9b5de5)));
        columns.removeIf(c -> c.ids().length == 0);
        int tallest = columns.stream().mapToInt(c -> c.ids().length).max().orElse(1);
        int height = (int) (MARGIN_TOP + MARGIN_BOTTOM + Math.max(tallest, 4) * SPACING);
        int width = (int) (120 + (columns.size() - 1) * COLUMN_GAP + 120);
        WiringDrawing d = new WiringDrawing(width, height);
        double[] sx = new double[w.inputDim()], sy = new double[w.inputDim()];
        double[] nx = new double[w.units()], ny = new double[w.units()];
        double top = MARGIN_TOP, span = height - MARGIN_TOP - MARGIN_BOTTOM;
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            double x = 120 + c * COLUMN_GAP;
            int k = col.ids().length;
            d.labels.add(new Label(x, 30, col.title() + " (" + k + ")", 14, true));
            for (int i = 0; i < k; i++) {
                double y = top + span / 2 + (i - (k - 1) / 2.0) * SPACING;
                int id = col.ids()[i];
                if (col.role() == NeuronRole.SENSORY) {
                    sx[id] = x;
                    sy[id] = y;
                } else {
                    nx[id] = x;
                    ny[id] = y;
                }
                d.nodes.add(new Node(x, y, col.fill(), col.role() == NeuronRole.SENSORY ? "x" + id : String.valueOf(id)));
            }
        }
        for (int s = 0; s < w.inputDim(); s++) {
            for (int j = 0; j < w.units(); j++) {
                int p = w.sensorySynapse(s, j);
                if (p != 0) d.edges.add(new Edge(sx[s], sy[s], nx[j], ny[j], Double.NaN, Double.NaN, p > 0));
            }
        }
        for (int i = 0; i < w.units(); i++) {
            for (int j = 0; j < w.units(); j++) {
                int p = w.synapse(i, j);
                if (p == 0) continue;
                if (i == j) {
                    d.edges.add(new Edge(nx[i] + RADIUS, ny[i] - 3, nx[i] + RADIUS, ny[i] + 3, nx[i] + 4 * RADIUS, ny[i], p > 0));
                } else if (nx[i] == nx[j]) {
                    double bulge = 20 + 0.35 * Math.abs(ny[j] - ny[i]);
                    d.edges.add(new Edge(nx[i], ny[i], nx[j], ny[j], nx[i] + bulge, (ny[i] + ny[j]) / 2, p > 0));
                } else {
                    d.edges.add(new Edge(nx[i], ny[i], nx[j], ny[j], Double.NaN, Double.NaN, p > 0));
                }
            }
        }
        String title = cellType + " · " + w.kind() + " · " + w.units() + " neurons · " + w.synapseCount() + " synapses + "
                + w.sensorySynapseCount() + " sensory";
        d.labels.add(new Label(width / 2.0, height - 30, title, 13, false));
        d.labels.add(new Label(width / 2.0, height - 12, "green: excitatory   red: inhibitory", 11, false));
        return d;
    }

    public void writePng(Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setStroke(new BasicStroke(1.2f));
            for (Edge e : edges) {
                Color c = e.excitatory() ? EXCITATORY : INHIBITORY;
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 140));
                if (Double.isNaN(e.cx())) g.drawLine((int) Math.round(e.x1()), (int) Math.round(e.y1()), (int) Math.round(e.x2()), (int) Math.round(e.y2()));
                else g.draw(new QuadCurve2D.Double(e.x1(), e.y1(), e.cx(), e.cy(), e.x2(), e.y2()));
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
            for (Node n : nodes) {
                Ellipse2D circle = new Ellipse2D.Double(n.x() - RADIUS, n.y() - RADIUS, 2 * RADIUS, 2 * RADIUS);
                g.setColor(n.fill());
                g.fill(circle);
                g.setColor(Color.DARK_GRAY);
                g.draw(circle);
                g.setColor(Color.BLACK);
                int tw = g.getFontMetrics().stringWidth(n.label());
                g.drawString(n.label(), (float) (n.x() - RADIUS - 4 - tw), (float) (n.y() + 3));
            }
            for (Label l : labels) {
                g.setFont(new Font(Font.SANS_SERIF, l.bold() ? Font.BOLD : Font.PLAIN, l.size()));
                int tw = g.getFontMetrics().stringWidth(l.text());
                g.setColor(Color.BLACK);
                g.drawString(l.text(), (float) (l.x() - tw / 2.0), (float) l.y());
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("no PNG writer available");
    }

    String svg() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n", width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append("<g fill=\"none\" stroke-width=\"1.2\" stroke-opacity=\"0.55\">\n");
        for (Edge e : edges) {
            String color = hex(e.excitatory() ? EXCITATORY : INHIBITORY);
            String cls = e.excitatory() ? "excitatory" : "inhibitory";
            if (Double.isNaN(e.cx())) {
                s.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                        cls, e.x1(), e.y1(), e.x2(), e.y2(), color));
            } else {
                s.append(String.format(Locale.ROOT, "<path class=\"%s\" d=\"M %.1f %.1f Q %.1f %.1f %.1f %.1f\" stroke=\"%s\"/>%n",
                        cls, e.x1(), e.y1(), e.cx(), e.cy(), e.x2(), e.y2(), color));
            }
        }
        s.append("</g>\n<g font-family=\"sans-serif\" font-size=\"9\">\n");
        for (Node n : nodes) {
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"#404040\"/>%n",
                    n.x(), n.y(), RADIUS, hex(n.fill())));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    n.x() - RADIUS - 4, n.y() + 3, escape(n.label())));
        }
        s.append("</g>\n");
        for (Label l : labels) {
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"%d\"%s>%s</text>%n",
                    l.x(), l.y(), l.size(), l.bold() ? " font-weight=\"bold\"" : "", escape(l.text())));
        }
        return s.append("</svg>\n").toString();
    }

    public void writeSvg(Path file) throws IOException {
        Files.writeString(file, svg());
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
