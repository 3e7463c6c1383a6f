package org.liquidpilot.sim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.liquidpilot.sim.run.RunMetrics;

import java.io.IOException;
import java.nio.file.Path;

/** Writes and reads {@code metrics.json}: snake_case keys, one row per episode and a summary. */
public final class MetricsJson {
    private MetricsJson() {}

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public static void write(RunMetrics m, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), m);
    }

    public static String toJson(RunMetrics m) {
        try {
            return MAPPER.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
