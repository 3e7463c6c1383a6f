package org.liquidpilot.bags;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The Debian-written bags in test resources, and the damaged variants derived from them as the fixtures' README says. */
final class Fixtures {
    private Fixtures() {}

    static Path bag(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/bags/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource bags/" + name, e);
        }
    }

    /** One message as Debian's python rosbag reported it. */
    record Entry(String topic, long time, int length, String md5) {}

    static List<Entry> manifest(String name) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(bag(name))) {
            if (line.startsWith("#")) continue;
            String[] f = line.split("\t");
            String[] t = f[1].split("\\.");
            out.add(new Entry(f[0], BagTime.toNanos(Long.parseLong(t[0]), Long.parseLong(t[1])), Integer.parseInt(f[2]), f[3]));
        }
        return out;
    }

    static Entry entry(BagMessage m) {
        return new Entry(m.topic(), m.time(), m.data().remaining(), md5(m.bytes()));
    }

    static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String md5(Path p) throws IOException {
        return md5(Files.readAllBytes(p));
    }

    /** The first {@code length} bytes of {@code src}: a file cut off mid-write. */
    static Path truncated(Path src, long length, Path dir) throws IOException {
        Path out = dir.resolve(src.getFileName() + ".cut" + length + ".bag");
        try (FileChannel in = FileChannel.open(src); FileChannel o = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            in.transferTo(0, length, o);
        }
        return out;
    }

    /** {@code src} without its index section and with a header saying so: what an interrupted python writer leaves. */
    static Path noindex(Path src, Path dir) throws IOException {
        long indexPos;
        try (BagFile f = BagFile.open(src)) {
            indexPos = BagReader.fileHeader(f).indexPos();
        }
        Path out = truncated(src, indexPos, dir);
        byte[] header = RecordHeader.builder().op(Op.FILE_HEADER).int64("index_pos", 0).uint32("conn_count", 0)
                .uint32("chunk_count", 0).build().toSizedBytes();
        try (FileChannel o = FileChannel.open(out, StandardOpenOption.WRITE)) {
            o.write(ByteBuffer.wrap(header), BagFile.MAGIC.length);
        }
        return out;
    }

    static List<Entry> read(Path bag) throws IOException {
        try (BagReader r = BagReader.open(bag)) {
            List<Entry> out = new ArrayList<>();
            for (BagMessage m : r.messages()) out.add(entry(m));
            return out;
        }
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
