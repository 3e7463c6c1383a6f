package org.liquidpilot.train;

import java.util.List;

/**
 * Where training sequences come from. A directory of safetensors files is one source
 * ({@link SafetensorsSequenceDirectory}); recorded bags can be another.
 */
public interface SequenceDataset {

    /** Short text for the model file's provenance (paths, counts). */
    String describe();

    List<Sequence> sequences();

    default int features() {
        return sequences().get(0).features();
    }

    default int outputs() {
        return sequences().get(0).outputs();
    }

    /** An in-memory dataset; every sequence must have the same feature and output widths. */
    static SequenceDataset of(String description, List<Sequence> sequences) {
        if (sequences.isEmpty()) throw new IllegalArgumentException(description + ": no sequences");
        Sequence first = sequences.get(0);
        for (Sequence s : sequences) {
            if (s.features() != first.features() || s.outputs() != first.outputs()) {
                throw new IllegalArgumentException(s.name() + ": has " + s.features() + " features and " + s.outputs() + " outputs but "
                        + first.name() + " has " + first.features() + " and " + first.outputs());
            }
        }
        List<Sequence> copy = List.copyOf(sequences);
        return new SequenceDataset() {
            @Override
            public String describe() {
                return description;
            }

            @Override
            public List<Sequence> sequences() {
                return copy;
            }
        };
    }
}
