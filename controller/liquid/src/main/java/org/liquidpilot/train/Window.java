package org.liquidpilot.train;

import java.util.ArrayList;
import java.util.List;

/** {@code length} consecutive steps of a sequence, from {@code start}: the unit of a training batch. */
public record Window(Sequence seq, int start, int length) {

    /**
     * Cuts every sequence into non-overlapping windows of {@code length} steps (a shorter tail is dropped).
     * Fails when no sequence is that long, naming the longest.
     */
    public static List<Window> cut(SequenceDataset data, int length) {
        if (length < 1) throw new IllegalArgumentException("--seq-len must be at least 1, got " + length);
        List<Window> out = new ArrayList<>();
        int longest = 0;
        for (Sequence s : data.sequences()) {
            longest = Math.max(longest, s.steps());
            for (int st = 0; st + length <= s.steps(); st += length) out.add(new Window(s, st, length));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--seq-len " + length + " is longer than the data (the longest sequence has " + longest + " steps)");
        }
        return out;
    }
}
