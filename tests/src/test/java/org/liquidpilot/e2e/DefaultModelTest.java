package org.liquidpilot.e2e;

import org.liquidpilot.liquid.ModelFile;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.pilot.PilotModel;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The shipped default model loads as a pilot, is the paper's 19-neuron size, and says how it was made. */
class DefaultModelTest {
    static final Path MODEL = RepoFiles.root().resolve("models/ncp19-forest-road.safetensors");

    @Test
    void loadsAsAPilotWithItsFrontEndAndProvenance() throws Exception {
        assertTrue(Files.isRegularFile(MODEL), MODEL.toString());
        PilotModel pm = PilotModel.load(MODEL);
        assertEquals(19, pm.policy().neuronCount());
        assertTrue(pm.policy().trained());
        LiquidModel m = LiquidModel.load(MODEL);
        JsonNode fx = m.featureExtractor();
        assertEquals(pm.features().featureCount(), fx.get("stats").get("mean").size());
        assertTrue(fx.get("stats").get("frames").asInt() > 1000, fx.toString());
        JsonNode t = ModelFile.training(MODEL);
        // nominal-only training data: expert demonstrations, DART demonstrations and a DAgger round
        String data = t.get("data").asText();
        assertTrue(data.startsWith("forest-road-nominal-expert-seeds-101-202-303-404") && data.contains("forest-road-nominal-dagger1"), data);
        // the NCP paper's circuit: 12 inter, 6 command, 1 motor neuron
        JsonNode w = ModelFile.metadata(MODEL).get("wiring");
        assertEquals("NCP", w.get("kind").asText());
        assertEquals(12, w.get("neurons").get("inter").size());
        assertEquals(6, w.get("neurons").get("command").size());
        assertEquals(1, w.get("neurons").get("motor").size());
        assertTrue(t.get("validation_loss").isNumber());
        assertTrue(Files.isExecutable(RepoFiles.root().resolve("models/make-default-model.sh")));
    }

    @Test
    void averageInputGivesABoundedCommand() throws Exception {
        // Zero z-scores (the training mean) for a second: the output stays bounded and finite.
        PilotModel pm = PilotModel.load(MODEL);
        float[] z = new float[pm.features().featureCount()];
        double out = 0;
        for (int i = 0; i < 30; i++) out = pm.policy().step(z, 1.0 / 30);
        assertTrue(Double.isFinite(out) && Math.abs(out) < 2.0, "yaw rate " + out);
    }
}
