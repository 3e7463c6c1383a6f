package org.liquidpilot.bags;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The summary {@code rosbag info} prints, with its fields, layout and rounding. */
public final class BagInfo {
    private BagInfo() {}

    /** One topic's line: message count, type and number of connections. */
    public record TopicSummary(String topic, String type, long messages, int connections) {}

    public static Map<String, TopicSummary> topics(BagReader r) {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, String> types = new TreeMap<>();
        Map<String, Integer> conns = new TreeMap<>();
        Map<Integer, Long> byConn = r.countsByConnection();
        for (Connection c : r.connections().values()) {
            counts.merge(c.topic(), byConn.getOrDefault(c.id(), 0L), Long::sum);
            types.putIfAbsent(c.topic(), c.type());
            conns.merge(c.topic(), 1, Integer::sum);
        }
        Map<String, TopicSummary> out = new LinkedHashMap<>();
        for (String t : counts.keySet()) out.put(t, new TopicSummary(t, types.get(t), counts.get(t), conns.get(t)));
        return out;
    }

    /** Type to md5sum, sorted by type. */
    public static Map<String, String> types(BagReader r) {
        Map<String, String> m = new TreeMap<>();
        for (Connection c : r.connections().values()) m.putIfAbsent(c.type(), c.md5sum());
        return m;
    }

    public static String format(BagReader r) {
        return format(r, ZoneId.systemDefault());
    }

    /** rosbag info's text, with dates in {@code zone} (rosbag uses the local zone). */
    public static String format(BagReader r, ZoneId zone) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"path", r.path().toString()});
        rows.add(new String[] {"version", "2.0"});
        long start = r.chunkInfos().isEmpty() ? 0 : r.chunkInfos().get(0).startTime();
        long end = r.chunkInfos().isEmpty() ? 0 : r.chunkInfos().get(r.chunkInfos().size() - 1).endTime();
        double duration = (end - start) / 1e9;
        if (!r.chunkInfos().isEmpty()) {
            rows.add(new String[] {"duration", duration(duration)});
            rows.add(new String[] {"start", date(start, zone)});
            rows.add(new String[] {"end", date(end, zone)});
        }
        rows.add(new String[] {"size", size(r.size())});
        if (!r.chunkInfos().isEmpty()) {
            rows.add(new String[] {"messages", Long.toString(r.messageCount())});
            compression(r, duration, rows);
            Map<String, String> types = types(r);
            int typeWidth = types.keySet().stream().mapToInt(String::length).max().orElse(0);
            boolean first = true;
            for (Map.Entry<String, String> t : types.entrySet()) {
                rows.add(new String[] {first ? "types" : "", String.format(Locale.ROOT, "%-" + typeWidth + "s [%s]", t.getKey(), t.getValue())});
                first = false;
            }
            Map<String, TopicSummary> topics = topics(r);
            int topicWidth = topics.keySet().stream().mapToInt(String::length).max().orElse(0);
            int countWidth = topics.values().stream().mapToInt(s -> Long.toString(s.messages()).length()).max().orElse(0);
            first = true;
            for (TopicSummary s : topics.values()) {
                String line = String.format(Locale.ROOT, "%-" + topicWidth + "s   %" + countWidth + "d %s    : %-" + typeWidth + "s",
                        s.topic(), s.messages(), s.messages() > 1 ? "msgs" : "msg ", s.type());
                if (s.connections() > 1) line += " (" + s.connections() + " connections)";
                rows.add(new String[] {first ? "topics" : "", line});
                first = false;
            }
        }
        return table(rows);
    }

    /** rosbag info's layout: each row a label (empty continues the one above) and its text, labels padded alike. */
    public static String table(List<String[]> rows) {
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0) + 1;
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            String label = row[0].isEmpty() ? "" : row[0] + ":";
            b.append(String.format(Locale.ROOT, "%-" + width + "s %s", label, row[1]).stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static void compression(BagReader r, double duration, List<String[]> rows) {
        Map<Compression, long[]> stats = new LinkedHashMap<>(); // count, uncompressed, compressed
        for (ChunkInfo ci : r.chunkInfos()) {
            ChunkHeader h = r.chunkHeader(ci);
            long[] s = stats.computeIfAbsent(h.compression(), k -> new long[3]);
            s[0]++;
            s[1] += h.uncompressedSize();
            s[2] += h.dataLength();
        }
        int chunks = r.chunkInfos().size();
        List<String> parts = new ArrayList<>();
        stats.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).forEach(e -> {
            long[] s = e.getValue();
            parts.add(e.getKey() == Compression.NONE ? String.format(Locale.ROOT, "none [%d/%d chunks]", s[0], chunks)
                    : String.format(Locale.ROOT, "%s [%d/%d chunks; %.2f%%]", e.getKey().id(), s[0], chunks, 100.0 * s[2] / s[1]));
        });
        rows.add(new String[] {"compression", String.join(", ", parts)});
        long unc = 0;
        long comp = 0;
        boolean anyCompressed = false;
        for (Map.Entry<Compression, long[]> e : stats.entrySet()) {
            unc += e.getValue()[1];
            comp += e.getValue()[2];
            anyCompressed |= e.getKey() != Compression.NONE;
        }
        if (!anyCompressed) return;
        String u = size(unc);
        String c = size(comp);
        int w = Math.max(u.length(), c.length());
        if (duration > 0) {
            String ur = size((long) (unc / duration));
            String cr = size((long) (comp / duration));
            int rw = Math.max(ur.length(), cr.length());
            rows.add(new String[] {"uncompressed", String.format(Locale.ROOT, "%" + w + "s @ %" + rw + "s/s", u, ur)});
            rows.add(new String[] {"compressed", String.format(Locale.ROOT, "%" + w + "s @ %" + rw + "s/s (%.2f%%)", c, cr, 100.0 * comp / unc)});
        } else {
            rows.add(new String[] {"uncompressed", String.format(Locale.ROOT, "%" + w + "s", u)});
            rows.add(new String[] {"compressed", String.format(Locale.ROOT, "%" + w + "s", c)});
        }
    }

    public static String duration(double d) {
        double secs = d % 60;
        long mins = (long) (d / 60);
        long hrs = mins / 60;
        if (hrs > 0) return String.format(Locale.ROOT, "%dhr %d:%02ds (%ds)", hrs, mins % 60, (long) secs, (long) d);
        if (mins > 0) return String.format(Locale.ROOT, "%d:%02ds (%ds)", mins, (long) secs, (long) d);
        return String.format(Locale.ROOT, "%.1fs", d);
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss", Locale.ROOT);

    /** {@code Nov 14 2023 22:13:20.00 (1700000000.00)} in the local zone, as rosbag prints it. */
    public static String date(long nanos, ZoneId zone) {
        double secs = nanos / 1e9;
        long whole = nanos / BagTime.NANOS_PER_SECOND;
        String frac = String.format(Locale.ROOT, "%.2f", (nanos % BagTime.NANOS_PER_SECOND) / 1e9).substring(1);
        String date = DATE.format(Instant.ofEpochSecond(whole).atZone(zone));
        return String.format(Locale.ROOT, "%s%s (%.2f)", date, frac, secs);
    }

    /** Sizes as rosbag prints them: in KB at least, one decimal, powers of 1024. */
    public static String size(long bytes) {
        double s = bytes;
        for (String suffix : new String[] {"KB", "MB", "GB", "TB", "PB"}) {
            s /= 1024.0;
            if (s < 1024.0) return String.format(Locale.ROOT, "%.1f %s", s, suffix);
        }
        return "-";
    }
}
