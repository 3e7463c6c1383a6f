package org.liquidpilot.liquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.liquidpilot.liquid.io.SafeTensors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The ncps 1.0.1 dev goldens copied into test resources (see golden/README.md there). */
public final class Goldens {
    public static final List<String> MODELS = List.of(
            "ltc_ncp19", "cfc_ncp19", "cfc_fc24_default", "cfc_fc24_pure", "cfc_fc24_no_gate", "ltc_fc12o2");

    private Goldens() {}

    public static byte[] bytes(String resource) {
        try (InputStream in = Goldens.class.getResourceAsStream("/golden/" + resource)) {
            if (in == null) throw new IllegalStateException("missing test resource golden/" + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SafeTensors.Contents f32(String model) {
        return SafeTensors.parse(bytes("dev/" + model + ".safetensors"));
    }

    public static SafeTensors.Contents f64(String model) {
        return SafeTensors.parse(bytes("dev/" + model + ".f64.safetensors"));
    }

    public static JsonNode json(String resource) {
        try {
            return new ObjectMapper().readTree(bytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode meta(String model) {
        return json("dev/" + model + ".json");
    }

    /** Copies a golden file to {@code dir} and returns its path, for code that reads files. */
    public static Path copy(String resource, Path dir) throws IOException {
        Path p = dir.resolve(Path.of(resource).getFileName().toString());
        Files.write(p, bytes(resource));
        return p;
    }
}
