package org.liquidpilot.pilot.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Extracted features of a bag, kept in a safetensors file so retraining does not decode images again. The file's
 * metadata holds a key (bag size and modification time, topics, feature configuration, pairing gap); any change
 * makes the cache stale and it is rebuilt. A cache that cannot be written is not an error: training goes on.
 */
public final class FeatureCache {
    static final String SUFFIX = ".features.safetensors";
    private static final String KEY = "liquidpilot_bag_features";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FeatureCache() {}

    public static Path cacheFile(Path bag, BagDatasetConfig cfg) {
        String name = bag.getFileName() + SUFFIX;
        return cfg.cacheDir() == null ? bag.resolveSibling(name) : cfg.cacheDir().resolve(name);
    }

    static String key(Path bag, BagDatasetConfig cfg) throws IOException {
        ObjectNode k = JSON.createObjectNode();
        k.put("format_version", 2); // 2: four command values per frame
        k.put("bag_size", Files.size(bag));
        k.put("bag_mtime_ms", Files.getLastModifiedTime(bag).toMillis());
        k.put("image_topic", cfg.imageTopic());
        k.put("command_topic", cfg.commandTopic());
        k.put("max_pair_gap_s", cfg.maxPairGapS());
        k.set("features", cfg.features().toJsonNode());
        return k.toString();
    }

    /** The bag's recording from the cache when it is fresh, else extracted (and cached). {@code hit[0]} says which. */
    public static BagRecording load(Path bag, BagDatasetConfig cfg, boolean[] hit) throws IOException {
        Path file = cacheFile(bag, cfg);
        String key = key(bag, cfg);
        BagRecording cached = read(file, key, bag.getFileName().toString());
        if (cached != null) {
            if (hit != null) hit[0] = true;
            return cached;
        }
        if (hit != null) hit[0] = false;
        BagRecording r = BagRecording.extract(bag, cfg);
        write(file, key, r);
        return r;
    }

    private static BagRecording read(Path file, String key, String name) {
        if (!Files.isRegularFile(file)) return null;
        try {
            SafeTensors.Contents c = SafeTensors.read(file);
            if (!key.equals(c.metadata().get(KEY))) return null;
            Tensor x = c.tensors().get("x"), stamp = c.tensors().get("stamp"), cmd = c.tensors().get("command"), dropped = c.tensors().get("dropped");
            // A cache from before commands had four values has no "command" tensor: stale, rebuilt from the bag.
            if (x == null || stamp == null || cmd == null || x.rank() != 2 || stamp.rank() != 1 || cmd.rank() != 2) return null;
            int steps = x.dim(0);
            if (stamp.dim(0) != steps || cmd.dim(0) != steps || cmd.dim(1) != BagRecording.AXES) return null;
            return new BagRecording(name, steps, x.dim(1), x.toFloats(), stamp.data(), cmd.data(),
                    dropped == null ? 0 : (int) dropped.data()[0]);
        } catch (IOException | IllegalArgumentException e) {
            return null; // a damaged cache is only a lost shortcut
        }
    }

    private static void write(Path file, String key, BagRecording r) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("x", Tensor.f32(new int[]{r.steps(), r.featureCount()}, r.features()));
        t.put("stamp", Tensor.f64(new int[]{r.steps()}, r.stamps()));
        t.put("command", Tensor.f64(new int[]{r.steps(), BagRecording.AXES}, r.commands()));
        t.put("dropped", Tensor.f64(new int[]{1}, new double[]{r.droppedFrames()}));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            SafeTensors.write(tmp, t, Map.of(KEY, key));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // read-only bag folder: train without a cache
        }
    }
}
