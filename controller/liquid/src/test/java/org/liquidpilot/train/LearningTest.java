package org.liquidpilot.train;

import org.liquidpilot.liquid.LtcConfig;

import org.liquidpilot.liquid.wiring.Wiring;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liquidpilot.liquid.wiring.AutoNCP;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delayed-sine task (see {@link SyntheticTasks#delayedSine}) with irregular time steps: a model without memory
 * cannot get below about 0.4 validation MSE, predicting zero gives about 0.5. LTC-NCP19 and CfC-NCP19 must get
 * well below that within a fixed number of epochs, and the saved model file must give the same validation loss.
 */
class LearningTest {

    @ParameterizedTest(name = "{0} reaches val MSE < {2} within {1} epochs")
    @CsvSource({"ltc, 60, 0.10, 0.02", "cfc, 40, 0.05, 0.01"})
    void ncp19LearnsTheDelayedSineAndItsFileReproducesTheLoss(String kind, int epochs, double threshold, double lr, @TempDir Path dir) throws Exception {
        SequenceDataset data = SyntheticTasks.delayedSine(64, 64, 4.0, true, 5);
        Wiring w = new AutoNCP(19, 1).build(2);
        TrainableModel model = kind.equals("ltc") ? LtcModel.initialised(new LtcConfig(2, new AutoNCP(19, 1)), 1)
                : CfcModel.wired(w, "default").initialise(1);
        TrainConfig cfg = TrainConfig.basic(epochs, 16, 32, 3, lr);
        double before = Trainer.validationLoss(model, data, cfg);
        Trainer.Result res = Trainer.fit(model, data, cfg, new Trainer.Listener() {}, null);
        assertTrue(before > 0.2, "untrained loss " + before + " should be far above the threshold");
        assertTrue(res.finalValLoss() < threshold, kind + ": validation MSE " + res.finalValLoss() + " after " + epochs + " epochs, want < " + threshold);
        assertEquals(epochs, res.state().history.size());

        Path file = dir.resolve(kind + ".safetensors");
        TrainableModel.save(file, model, null);
        TrainableModel reloaded = TrainableModel.load(file);
        assertEquals(model.params().size(), reloaded.params().size());
        assertEquals(res.finalValLoss(), Trainer.validationLoss(reloaded, data, cfg), 1e-12);
    }
}
