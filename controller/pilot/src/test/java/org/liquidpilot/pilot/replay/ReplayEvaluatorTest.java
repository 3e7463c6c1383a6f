package org.liquidpilot.pilot.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.pilot.dataset.BagDataset;
import org.liquidpilot.pilot.dataset.BagDatasetConfig;
import org.liquidpilot.pilot.PilotModel;
import org.liquidpilot.pilot.Policy;
import org.liquidpilot.train.Loss;
import org.liquidpilot.train.LrSchedule;
import org.liquidpilot.train.ModelTypes;
import org.liquidpilot.train.Sequence;
import org.liquidpilot.train.TrainConfig;
import org.liquidpilot.train.TrainableModel;
import org.liquidpilot.train.Trainer;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ReplayEvaluatorTest {
    @TempDir
    Path tmp;

    Path flight() throws IOException, URISyntaxException {
        Path p = tmp.resolve("flight.bag");
        Files.copy(Path.of(getClass().getResource("/bags/flight_small_bz2.bag").toURI()), p);
        return p;
    }

    @Test
    void trainedModelReplaysWithTheFrontEndItWasTrainedOn() throws Exception {
        Path bag = flight();
        BagDataset ds = BagDataset.load(bag, BagDatasetConfig.defaults());
        TrainableModel model = ModelTypes.create("cfc-ncp19", ds.features(), 1, 3, 22222, "default", false);
        TrainConfig cfg = new TrainConfig(15, 8, 16, 0, 3, LrSchedule.constant(0.02), 1.0, 0, false, Loss.mse(), 0.2, 0, 1);
        Trainer.fit(model, ds, cfg, new Trainer.Listener() {}, null);
        Path file = tmp.resolve("m.safetensors");
        ds.saveModel(file, model, new ObjectMapper().createObjectNode().put("data", ds.describe()));

        // The model file carries the front end: the pilot loads it and its statistics are the dataset's.
        PilotModel pm = PilotModel.load(file);
        assertEquals(ds.config().features(), pm.features());
        assertEquals(ds.featureMean()[3], pm.stats().mean(3), 1e-5);

        ReplayResult r = ReplayEvaluator.run(bag, file, "/camera/image_raw", "/cmd_vel", 0.25);
        assertEquals(60, r.frames());
        assertEquals(19, r.neuronCount());

        // Replay through the file must give what the trained network gives on the training inputs, in rad/s.
        Sequence s = ds.sequences().get(0);
        Policy p = PilotModel.load(file).policy();
        float[] in = new float[s.features()];
        for (int t = 0; t < s.steps(); t++) {
            for (int i = 0; i < in.length; i++) in[i] = (float) s.x()[t * s.features() + i];
            double expect = p.step(in, s.dt()[t]);
            assertEquals(expect, r.predicted()[t], 1e-3 * Math.max(1, Math.abs(expect)), "step " + t);
            assertEquals(s.y()[t] * ds.outputScale()[0], r.recorded()[t], 1e-9);
        }
        assertTrue(Double.isFinite(r.mse()));
        // The road's bend drives the steering and is visible in the image: even a short fit tracks it.
        assertTrue(r.correlation() > 0.3, "correlation " + r.correlation());

        Path out = tmp.resolve("replay");
        ReplayReport.write(r, out);
        JsonNode j = new ObjectMapper().readTree(out.resolve(ReplayReport.JSON_FILE).toFile());
        assertEquals(60, j.get("frames").asInt());
        assertEquals(r.mse(), j.get("mse").asDouble(), 1e-12);
        assertEquals(61, Files.readAllLines(out.resolve(ReplayReport.CSV_FILE)).size());
        assertNotNull(ImageIO.read(out.resolve(ReplayReport.COMMANDS_PNG).toFile()));
        assertNotNull(ImageIO.read(out.resolve(ReplayReport.NEURONS_PNG).toFile()));
    }

    /** Baselines drive through the same pilot path: the file's policy is the trained kernel, in rad/s. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"lstm64", "gru64", "ctrnn64", "mlp", "cfc-ncp12-6-1"})
    void everyTrainedModelTypeLoadsAsAPilotPolicy(String type) throws Exception {
        Path bag = flight();
        BagDataset ds = BagDataset.load(bag, BagDatasetConfig.defaults());
        TrainableModel model = ModelTypes.create(type, ds.features(), 1, 5, 22222, "default", false);
        TrainConfig cfg = new TrainConfig(2, 8, 16, 0, 5, LrSchedule.constant(0.01), 1.0, 0, false, Loss.mse(), 0.2, 0, 1);
        Trainer.fit(model, ds, cfg, new Trainer.Listener() {}, null);
        Path file = tmp.resolve(type + ".safetensors");
        ds.saveModel(file, model, new ObjectMapper().createObjectNode().put("data", ds.describe()));

        PilotModel pm = PilotModel.load(file);
        assertEquals(ds.config().features(), pm.features());
        Sequence s = ds.sequences().get(0);
        double[] y = new double[s.steps()];
        model.newKernel(s.steps()).forward(s.x(), 0, s.dt(), 0, s.steps(), new double[model.stateSize()], y, 0);
        Policy p = pm.policy();
        float[] in = new float[s.features()];
        double spread = 0;
        for (int t = 0; t < s.steps(); t++) {
            for (int i = 0; i < in.length; i++) in[i] = (float) s.x()[t * s.features() + i];
            double got = p.step(in, s.dt()[t]);
            // float inputs (as the pilot feeds them) against the double training inputs
            assertEquals(y[t] * ds.outputScale()[0], got, 1e-4 * Math.max(1, Math.abs(got)), type + " step " + t);
            spread += Math.abs(y[t] - y[0]);
        }
        assertTrue(spread > 0, "the outputs follow the inputs");
        p.reset();
        for (int i = 0; i < in.length; i++) in[i] = (float) s.x()[i];
        assertEquals(y[0] * ds.outputScale()[0], p.step(in, s.dt()[0]), 1e-4 * Math.max(1, Math.abs(y[0] * ds.outputScale()[0])), "after reset");
    }

    @Test
    void correlationAndMseAreComputedAsDefined() {
        double[] t = {0, 1, 2, 3};
        ReplayResult r = new ReplayResult("b", "m", 4, 0, t, new double[]{0, 1, 2, 3}, new double[]{0, 2, 4, 6}, 1, new float[4]);
        assertEquals(1.0, r.correlation(), 1e-12);
        assertEquals((0 + 1 + 4 + 9) / 4.0, r.mse(), 1e-12);
        assertEquals(1.25, r.baselineMse(), 1e-12);
        ReplayResult flat = new ReplayResult("b", "m", 4, 0, t, new double[]{1, 1, 1, 1}, new double[]{0, 2, 4, 6}, 1, new float[4]);
        assertTrue(Double.isNaN(flat.correlation()));
    }

    @Test
    void modelWithoutFeatureStatisticsIsRefused() throws Exception {
        Path bag = flight();
        Path junk = Files.write(tmp.resolve("junk.safetensors"), new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThrows(IllegalArgumentException.class, () -> ReplayEvaluator.run(bag, junk, "/camera/image_raw", "/cmd_vel", 0.25));
    }
}
