package org.liquidpilot.bags.mcap;

import org.liquidpilot.bags.BagInfo;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bag info} for an MCAP file, in rosbag info's layout: profile and library, duration, start and end, size,
 * message count, chunk compression with its ratio, schemas with their encodings, and channels with their counts.
 */
public final class McapInfo {
    private McapInfo() {}

    public static String format(McapReader r) {
        return format(r, ZoneId.systemDefault());
    }

    public static String format(McapReader r, ZoneId zone) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"path", r.path().toString()});
        rows.add(new String[] {"format", "MCAP, profile " + (r.header().profile().isEmpty() ? "(none)" : r.header().profile())
                + ", written by " + (r.header().library().isEmpty() ? "(unnamed)" : r.header().library())
                + (r.readFromSummary() ? "" : " (no summary: scanned)")});
        long n = r.messageCount();
        if (n > 0) {
            rows.add(new String[] {"duration", BagInfo.duration((r.endTime() - r.startTime()) / 1e9)});
            rows.add(new String[] {"start", BagInfo.date(r.startTime(), zone)});
            rows.add(new String[] {"end", BagInfo.date(r.endTime(), zone)});
        }
        rows.add(new String[] {"size", BagInfo.size(r.size())});
        rows.add(new String[] {"messages", Long.toString(n)});
        rows.add(new String[] {"chunks", compression(r)});
        boolean first = true;
        for (McapSchema s : r.schemas().values()) {
            rows.add(new String[] {first ? "schemas" : "", s.name() + " (" + (s.encoding().isEmpty() ? "no encoding" : s.encoding()) + ")"});
            first = false;
        }
        int topicWidth = r.channels().values().stream().mapToInt(c -> c.topic().length()).max().orElse(0);
        int countWidth = r.messageCounts().values().stream().mapToInt(c -> Long.toString(c).length()).max().orElse(1);
        first = true;
        for (McapChannel c : r.channels().values()) {
            long count = r.messageCounts().getOrDefault(c.id(), 0L);
            McapSchema s = r.schema(c);
            rows.add(new String[] {first ? "channels" : "", String.format(Locale.ROOT, "%-" + topicWidth + "s   %" + countWidth + "d %s    : %s [%s]",
                    c.topic(), count, count == 1 ? "msg " : "msgs", s == null ? "(no schema)" : s.name(), c.messageEncoding())});
            first = false;
        }
        return BagInfo.table(rows);
    }

    private static String compression(McapReader r) {
        Map<String, long[]> stats = new LinkedHashMap<>(); // chunks, uncompressed, compressed
        for (ChunkIndex ci : r.chunkIndexes()) {
            long[] s = stats.computeIfAbsent(ci.compression().isEmpty() ? "none" : ci.compression(), k -> new long[3]);
            s[0]++;
            s[1] += ci.uncompressedSize();
            s[2] += ci.compressedSize();
        }
        if (stats.isEmpty()) return "0";
        int total = r.chunkIndexes().size();
        List<String> parts = new ArrayList<>();
        stats.forEach((k, s) -> parts.add(k.equals("none") ? String.format(Locale.ROOT, "%s [%d/%d chunks]", k, s[0], total)
                : String.format(Locale.ROOT, "%s [%d/%d chunks; %.2f%%]", k, s[0], total, 100.0 * s[2] / Math.max(1, s[1]))));
        return String.join(", ", parts);
    }
}
