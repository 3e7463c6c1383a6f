package org.liquidpilot.bags;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded damage to the bag header record and the connection records of an uncompressed bag (the copies inside
 * chunks and those in the index): flipped bits, bytes set to 0x00 or 0xFF, 32-bit words overwritten. Mutants are a
 * pure function of the seed, so a failing one can be rebuilt from its seed alone.
 */
final class RecordMutations {
    /** Byte ranges [start, end) of the records a mutation may hit, and which kind each is. */
    record Target(String kind, int start, int end) {}

    private final byte[] original;
    private final List<Target> targets;

    RecordMutations(byte[] original) {
        this.original = original;
        this.targets = targets(original);
    }

    List<Target> targets() {
        return targets;
    }

    /** A copy of the bag with one to four mutations in one to two records chosen by {@code seed}. */
    byte[] mutant(long seed) {
        Random rnd = new Random(seed);
        byte[] b = original.clone();
        int records = 1 + rnd.nextInt(2);
        for (int r = 0; r < records; r++) {
            Target t = targets.get(rnd.nextInt(targets.size()));
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = t.start() + rnd.nextInt(t.end() - t.start());
                switch (rnd.nextInt(5)) {
                    case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                    case 1 -> b[at] = 0;
                    case 2 -> b[at] = (byte) 0xFF;
                    case 3 -> b[at] = (byte) rnd.nextInt(256);
                    default -> {
                        int word = rnd.nextInt(4) == 0 ? -1 : rnd.nextInt();
                        for (int i = 0; i < 4 && at + i < t.end(); i++) b[at + i] = (byte) (word >>> (8 * i));
                    }
                }
            }
        }
        return b;
    }

    /** The bag header record and every connection record, found by walking an intact uncompressed bag. */
    private static List<Target> targets(byte[] bag) {
        ByteBuffer b = ByteBuffer.wrap(bag).order(ByteOrder.LITTLE_ENDIAN);
        List<Target> out = new ArrayList<>();
        int pos = BagFile.MAGIC.length;
        // The header record: its header (the index fields), not the 4000 bytes of padding after it.
        int hl = b.getInt(pos);
        out.add(new Target("bag header", pos, pos + 8 + hl));
        pos += 8 + hl + b.getInt(pos + 4 + hl);
        while (pos + 8 <= bag.length) {
            hl = b.getInt(pos);
            RecordHeader h = RecordHeader.parse(b, pos + 4, hl);
            int dl = b.getInt(pos + 4 + hl);
            int dataPos = pos + 8 + hl;
            if (h.op() == Op.CONNECTION) {
                out.add(new Target("connection in the index", pos, dataPos + dl));
            } else if (h.op() == Op.CHUNK) {
                if (!"none".equals(h.string("compression"))) throw new IllegalArgumentException("mutations need an uncompressed bag");
                ChunkCursor c = new ChunkCursor(b.slice(dataPos, dl).order(ByteOrder.LITTLE_ENDIAN), false);
                while (c.next()) {
                    if (c.op() == Op.CONNECTION) {
                        out.add(new Target("connection in a chunk", dataPos + c.recordOffset(), dataPos + c.consumed()));
                    }
                }
            }
            pos = dataPos + dl;
        }
        return List.copyOf(out);
    }
}
