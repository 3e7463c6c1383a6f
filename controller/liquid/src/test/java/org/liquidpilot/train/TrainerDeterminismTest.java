package org.liquidpilot.train;

import org.liquidpilot.liquid.LtcConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.liquid.wiring.AutoNCP;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerDeterminismTest {
    private static final SequenceDataset DATA = SyntheticTasks.delayedSine(12, 24, 2.0, true, 9);

    private static double[] train(TrainConfig cfg, long initSeed) {
        TrainableModel model = CfcModel.wired(new AutoNCP(19, 1).build(2), "default").initialise(initSeed);
        Trainer.fit(model, DATA, cfg, new Trainer.Listener() {}, null);
        return model.params().values().clone();
    }

    @Test
    void sameSeedGivesTheSameModelWhateverTheThreadCount() {
        TrainConfig cfg = TrainConfig.basic(3, 4, 8, 7, 0.01);
        double[] one = train(cfg.withThreads(1), 1);
        double[] two = train(cfg.withThreads(2), 1);
        assertArrayEquals(one, two);
        double[] otherSeed = train(TrainConfig.basic(3, 4, 8, 8, 0.01).withThreads(2), 1);
        assertFalse(Arrays.equals(one, otherSeed));
    }

    @Test
    void resumingFromACheckpointEqualsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        TrainConfig full = TrainConfig.basic(4, 4, 8, 7, 0.01).withThreads(2).withPatience(3);
        TrainableModel a = LtcModel.initialised(new LtcConfig(2, new AutoNCP(19, 1)), 3);
        Trainer.Result ra = Trainer.fit(a, DATA, full, new Trainer.Listener() {}, null);

        TrainableModel b = LtcModel.initialised(new LtcConfig(2, new AutoNCP(19, 1)), 3);
        Path ckpt = dir.resolve("ckpt.safetensors");
        assertThrows(StopHere.class, () -> Trainer.fit(b, DATA, full, new Trainer.Listener() {
            @Override
            public void afterEpoch(TrainState s) {
                try {
                    Checkpoints.save(ckpt, s, "fp");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                if (s.epochsDone == 2) throw new StopHere();
            }
        }, null));
        assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(ckpt, "other settings"));
        TrainState resumed = Checkpoints.load(ckpt, "fp");
        assertEquals(2, resumed.epochsDone);
        TrainableModel c = LtcModel.initialised(new LtcConfig(2, new AutoNCP(19, 1)), 99);
        Trainer.Result rc = Trainer.fit(c, DATA, full, new Trainer.Listener() {}, resumed);
        assertArrayEquals(a.params().values(), c.params().values());
        assertEquals(ra.finalValLoss(), rc.finalValLoss());
        assertEquals(4, rc.state().history.size());
    }

    static final class StopHere extends RuntimeException {}

    @Test
    void nanLossStopsNamingEpochAndBatch() {
        TrainableModel model = BaselineModel.create("mlp", 2, 8, 1).initialise(1);
        TrainConfig cfg = TrainConfig.basic(3, 4, 8, 7, 1e300);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> Trainer.fit(model, DATA, cfg, new Trainer.Listener() {}, null));
        assertTrue(e.getMessage().matches(".*epoch \\d+, batch \\d+ of \\d+.*"), e.getMessage());
    }
}
