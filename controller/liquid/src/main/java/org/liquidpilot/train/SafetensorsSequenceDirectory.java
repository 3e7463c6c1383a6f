package org.liquidpilot.train;

import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory of {@code *.safetensors} files, each one sequence with tensors {@code x} (T,F), {@code y} (T,M) and
 * optionally {@code dt} (T). Files are read in name order so a seed gives the same split everywhere.
 */
public final class SafetensorsSequenceDirectory {
    /** Bounds what a wrong directory can make us load. */
    static final int MAX_FILES = 100_000;
    /** Files are widened to doubles in memory, so this keeps a whole dataset well inside a default heap. */
    static final long MAX_TOTAL_BYTES = 256L << 20;

    private SafetensorsSequenceDirectory() {}

    public static SequenceDataset load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--data " + dir + ": not a directory");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".safetensors") && Files.isRegularFile(p)).sorted().limit(MAX_FILES + 1L).toList();
        }
        if (files.isEmpty()) throw new IllegalArgumentException("--data " + dir + ": no .safetensors sequence files");
        if (files.size() > MAX_FILES) throw new IllegalArgumentException("--data " + dir + ": more than " + MAX_FILES + " files");
        long total = 0;
        for (Path f : files) total += Files.size(f);
        if (total > MAX_TOTAL_BYTES) throw new IllegalArgumentException("--data " + dir + ": " + total + " bytes is more than this trainer holds in memory");
        List<Sequence> seqs = new ArrayList<>();
        for (Path f : files) seqs.add(read(f));
        return SequenceDataset.of(dir + " (" + files.size() + " files)", seqs);
    }

    public static Sequence read(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        String name = file.getFileName().toString();
        Tensor x = c.tensors().get("x"), y = c.tensors().get("y"), dt = c.tensors().get("dt");
        if (x == null || y == null) throw new IllegalArgumentException(name + ": needs tensors 'x' (T,F) and 'y' (T,M)");
        if (x.rank() != 2 || y.rank() != 2) {
            throw new IllegalArgumentException(name + ": x and y must be 2-D (T,F) and (T,M), got shapes "
                    + java.util.Arrays.toString(x.shape()) + " and " + java.util.Arrays.toString(y.shape()));
        }
        if (x.dim(0) != y.dim(0)) throw new IllegalArgumentException(name + ": shape mismatch: x has " + x.dim(0) + " steps but y has " + y.dim(0));
        if (dt != null && (dt.rank() != 1 || dt.dim(0) != x.dim(0))) {
            throw new IllegalArgumentException(name + ": dt must have shape [" + x.dim(0) + "], got " + java.util.Arrays.toString(dt.shape()));
        }
        return new Sequence(name, x.dim(0), x.dim(1), y.dim(1), x.data(), y.data(), dt == null ? null : dt.data());
    }

    /** Writes a sequence in the same form (used by tools and tests that make datasets). */
    public static void write(Path file, Sequence s) throws IOException {
        var t = new java.util.LinkedHashMap<String, Tensor>();
        t.put("x", Tensor.f32(new int[]{s.steps(), s.features()}, s.x()).as(Tensor.DType.F32));
        t.put("y", Tensor.f32(new int[]{s.steps(), s.outputs()}, s.y()).as(Tensor.DType.F32));
        if (s.dt() != null) t.put("dt", Tensor.f32(new int[]{s.steps()}, s.dt()).as(Tensor.DType.F32));
        SafeTensors.write(file, t, null);
    }
}
