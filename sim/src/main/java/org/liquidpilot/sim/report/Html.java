package org.liquidpilot.sim.report;

/** The one escape the HTML reports need: text from file names, policy names and metrics goes into markup. */
public final class Html {
    private Html() {}

    /** {@code null} becomes the empty string, so optional fields need no check at each use. */
    public static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
