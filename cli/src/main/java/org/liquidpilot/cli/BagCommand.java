package org.liquidpilot.cli;

import org.liquidpilot.bags.BagCheck;
import org.liquidpilot.bags.BagInfo;
import org.liquidpilot.bags.BagMessage;
import org.liquidpilot.bags.BagQuery;
import org.liquidpilot.bags.BagReader;
import org.liquidpilot.bags.BagRecovery;
import org.liquidpilot.bags.BagTime;
import org.liquidpilot.bags.BagWriter;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.bags.Recording;
import org.liquidpilot.bags.RecordingWriter;
import org.liquidpilot.bags.mcap.McapCompression;
import org.liquidpilot.bags.mcap.McapInfo;
import org.liquidpilot.bags.mcap.McapReader;
import org.liquidpilot.bags.mcap.McapRecovery;
import org.liquidpilot.bags.mcap.McapRos1Writer;
import org.liquidpilot.ros.msg.DynamicCodec;
import org.liquidpilot.ros.msg.MessageYaml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "bag", mixinStandardHelpOptions = true,
        description = "rosbag v2.0 tools: files move both ways with Debian's rosbag; info, check, recover, convert and record also take MCAP (.mcap).",
        subcommands = {BagCommand.Info.class, BagCommand.Check.class, BagCommand.Recover.class, BagCommand.Filter.class,
                BagCommand.Echo.class, BagRecordCommand.class, BagCommand.Convert.class})
public final class BagCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path existing(Path p) {
        if (!Files.isRegularFile(p)) throw new BadInputException("no such bag file: " + p);
        return p;
    }

    /** Whether an existing file is MCAP (by its magic). */
    static boolean isMcap(Path p) throws java.io.IOException {
        return McapReader.isMcap(existing(p));
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Prints rosbag info's summary: duration, start/end, size, messages, compression, types with md5, topics "
                    + "(for MCAP: profile, schemas and channels).")
    static final class Info implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            boolean first = true;
            for (Path f : files) {
                if (!first) out.println("---");
                if (isMcap(f)) {
                    try (McapReader r = McapReader.open(f)) {
                        out.print(McapInfo.format(r));
                    }
                } else {
                    try (BagReader r = BagReader.open(existing(f))) {
                        out.print(BagInfo.format(r));
                    }
                }
                first = false;
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Verifies every chunk, record and index entry; exit 0 when sound, 1 with the reason when not.")
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws Exception {
            if (isMcap(file)) return checkMcap();
            BagCheck.Result r = BagCheck.check(existing(file));
            if (r.sound()) {
                spec.commandLine().getOut().printf("%s: sound (%d messages in %d chunks)%n", file, r.messages(), r.chunks());
                spec.commandLine().getOut().flush();
                return 0;
            }
            spec.commandLine().getErr().printf("check: %s: %s%n", file, r.problem());
            spec.commandLine().getErr().flush();
            return 1;
        }

        /** An MCAP file is sound when it opens (magic, footer, summary and data CRCs) and every chunk reads and passes its CRC. */
        private int checkMcap() throws java.io.IOException {
            long n = 0;
            int chunks;
            try (McapReader r = McapReader.open(file)) {
                for (var m : r.messages()) n++;
                if (n != r.messageCount()) throw new org.liquidpilot.bags.BagFormatException("read " + n + " messages, the summary says " + r.messageCount());
                chunks = r.chunkIndexes().size();
            } catch (org.liquidpilot.bags.BagFormatException e) {
                spec.commandLine().getErr().printf("check: %s: %s%n", file, e.getMessage());
                spec.commandLine().getErr().flush();
                return 1;
            }
            spec.commandLine().getOut().printf("%s: sound (%d messages in %d chunks)%n", file, n, chunks);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "recover", mixinStandardHelpOptions = true,
            description = {"Rebuilds the index of a bag with a missing index, a cut-off tail or an unfinished recording "
                    + "(.bag.active) into a new file, keeping every complete message (also those of a killed recorder's open chunk).",
                    "An MCAP input (cut off, or without its summary) becomes a complete MCAP file with every complete message before the cut."})
    static final class Recover implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "IN")
        Path in;

        @Parameters(index = "1", paramLabel = "OUT")
        Path out;

        @Option(names = "--compression", paramLabel = "none|bz2|lz4|zstd", description = "output compression (default: the input's; zstd for MCAP only)")
        String compression;

        @Override
        public Integer call() throws Exception {
            if (isMcap(in)) return recoverMcap();
            Compression c = compression == null ? null : Compression.of(compression);
            BagRecovery.Report r = BagRecovery.recover(existing(in), out, c);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("recovered %d messages into %s (%s): %d whole chunks, %d cut-off or damaged chunks, %d messages after an unfinished chunk%n",
                    r.messages(), out, r.compression().id(), r.wholeChunks(), r.partialChunks(), r.messagesAfterOpenChunk());
            if (r.droppedMessages() > 0 || r.rejectedConnectionRecords() > 0 || r.skippedBytes() > 0) {
                o.printf("  left out: %d messages without a usable connection, %d unusable connection records, %d damaged bytes%n",
                        r.droppedMessages(), r.rejectedConnectionRecords(), r.skippedBytes());
            }
            for (String note : r.notes()) o.println("  " + note);
            o.flush();
            if (r.messages() == 0) {
                spec.commandLine().getErr().println("recover: no complete message found in " + in);
                spec.commandLine().getErr().flush();
                return 1;
            }
            return 0;
        }

        private int recoverMcap() throws java.io.IOException {
            McapCompression c = compression == null ? null : McapCompression.of(compression);
            McapRecovery.Report r = McapRecovery.recover(in, out, c);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("recovered %d messages into %s (MCAP, %s): %d whole chunks, %d cut-off chunks, %d damaged chunks left out%n",
                    r.messages(), out, r.compression().label(), r.wholeChunks(), r.partialChunks(), r.damagedChunks());
            if (r.droppedMessages() > 0) o.printf("  left out: %d messages whose channel record was lost%n", r.droppedMessages());
            for (String note : r.notes()) o.println("  " + note);
            o.flush();
            if (r.messages() == 0) {
                spec.commandLine().getErr().println("recover: no complete message found in " + in);
                spec.commandLine().getErr().flush();
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = {"Converts a rosbag into a ros1-profile MCAP file or back, by the output's extension (.mcap or .bag), "
                    + "keeping topics, types, md5sums, definitions, callerids, latching, times and payload bytes."})
    static final class Convert implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "IN", description = "a .bag or .mcap file")
        Path in;

        @Parameters(index = "1", paramLabel = "OUT", description = "the file to write: .mcap or .bag")
        Path out;

        @Option(names = "--compression", paramLabel = "C", description = "output compression: none|lz4|zstd for MCAP (default zstd), none|bz2|lz4 for a bag (default none)")
        String compression;

        @Option(names = "--chunk-size", paramLabel = "BYTES", defaultValue = "1048576", description = "MCAP chunk size, uncompressed (default ${DEFAULT-VALUE})")
        int chunkSize;

        @Override
        public Integer call() throws Exception {
            existing(in);
            if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) throw new BadInputException("convert writes a new file; give an output other than the input");
            String name = out.getFileName().toString();
            if (!name.endsWith(".mcap") && !name.endsWith(".bag")) throw new BadInputException("OUT must end in .mcap or .bag: " + out);
            if (chunkSize < 1 || chunkSize > 64 << 20) throw new BadInputException("--chunk-size must be 1..67108864");
            long n;
            try (Recording r = Recording.open(in)) {
                r.requireRos1("converting"); // before OUT exists, so a refusal leaves nothing behind
                try (RecordingWriter w = name.endsWith(".mcap")
                        ? McapRos1Writer.create(out, McapCompression.of(compression == null ? "zstd" : compression), chunkSize)
                        : BagWriter.create(out, Compression.of(compression == null ? "none" : compression))) {
                    n = RecordingWriter.copy(r, w);
                }
            }
            spec.commandLine().getOut().printf("converted %d messages into %s%n", n, out);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "filter", mixinStandardHelpOptions = true,
            description = "Copies the messages of some topics and times into a new bag, optionally recompressing it.")
    static final class Filter implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "IN")
        Path in;

        @Parameters(index = "1", paramLabel = "OUT")
        Path out;

        @Option(names = "--topics", split = ",", paramLabel = "TOPIC", description = "topics to keep (default: all)")
        List<String> topics = List.of();

        @Option(names = "--start", paramLabel = "SECS", description = "first time kept: epoch seconds, or +SECS from the bag's start")
        String start;

        @Option(names = "--end", paramLabel = "SECS", description = "last time kept: epoch seconds, or +SECS from the bag's start")
        String end;

        @Option(names = "--compression", paramLabel = "none|bz2|lz4", description = "output compression (default: the input's)")
        String compression;

        @Override
        public Integer call() throws Exception {
            if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new BadInputException("filter writes a new file; give an output other than the input");
            }
            long n = 0;
            try (BagReader r = BagReader.open(existing(in))) {
                Compression c = compression != null ? Compression.of(compression)
                        : r.chunkInfos().isEmpty() ? Compression.NONE : r.chunkHeader(r.chunkInfos().get(0)).compression();
                long from = time(start, r.startTime(), 0);
                long to = time(end, r.startTime(), Long.MAX_VALUE);
                if (from > to) throw new BadInputException("--start is after --end");
                Set<String> known = r.connections().values().stream().map(x -> x.topic()).collect(java.util.stream.Collectors.toSet());
                for (String t : topics) {
                    if (!known.contains(t)) throw new BadInputException("topic " + t + " is not in " + in);
                }
                try (BagWriter w = BagWriter.create(out, c)) {
                    for (BagMessage m : r.messages(new BagQuery(Set.copyOf(topics), from, to))) {
                        w.write(m);
                        n++;
                    }
                }
            }
            spec.commandLine().getOut().printf("wrote %d messages to %s%n", n, out);
            spec.commandLine().getOut().flush();
            return 0;
        }

        private static long time(String text, long bagStart, long absent) {
            if (text == null) return absent;
            try {
                if (text.startsWith("+")) return bagStart + BagTime.ofSeconds(Double.parseDouble(text.substring(1)));
                return BagTime.ofSeconds(Double.parseDouble(text));
            } catch (NumberFormatException e) {
                throw new BadInputException("not a time in seconds: " + text);
            }
        }
    }

    @Command(name = "echo", mixinStandardHelpOptions = true,
            description = "Prints a topic's messages as rostopic echo does, decoded from the bag's own message definitions.")
    static final class Echo implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--topic", required = true, paramLabel = "TOPIC")
        String topic;

        @Option(names = "-n", paramLabel = "N", description = "stop after N messages")
        Long count;

        @Override
        @SuppressWarnings("unchecked")
        public Integer call() throws Exception {
            if (count != null && count < 0) throw new BadInputException("-n must be >= 0");
            PrintWriter out = spec.commandLine().getOut();
            try (BagReader r = BagReader.open(existing(file))) {
                if (r.connections().values().stream().noneMatch(c -> c.topic().equals(topic))) {
                    throw new BadInputException("topic " + topic + " is not in " + file);
                }
                long n = 0;
                for (BagMessage m : r.messages(BagQuery.topics(topic))) {
                    if (count != null && n >= count) break;
                    DynamicCodec codec = r.dynamicCodec(m.connection());
                    String yaml = MessageYaml.format(codec, (Map<String, Object>) m.decode(codec));
                    out.print(yaml);
                    out.print(yaml.endsWith("\n") ? "---\n" : "\n---\n");
                    n++;
                }
            }
            out.flush();
            return 0;
        }
    }
}
