package org.liquidpilot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagWriter;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.pilot.OodCalibration;
import org.liquidpilot.pilot.PilotModel;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code model calibrate-ood}: the thresholds it stores equal those {@code train} computes on the same frames, the
 * tensors keep every byte, and bad input is exit 2 with one line.
 */
class ModelCalibrateOodCommandTest {
    @TempDir
    static Path tmp;
    static Path bag;
    static Path model;

    @BeforeAll
    static void trainOnTheBag() throws Exception {
        bag = tmp.resolve("flight.bag");
        Files.copy(ModelCalibrateOodCommandTest.class.getResourceAsStream("/replay/flight_small_bz2.bag"), bag);
        model = tmp.resolve("flight.safetensors");
        CliRun r = CliRun.of("train", "--data", bag.toString(), "--model-type", "cfc-ncp19", "--epochs", "1", "--seq-len", "16", "--batch", "8",
                "--quiet", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("failsafe calibrated on the training frames: 60 frames"), r.out());
    }

    /** The bytes after a safetensors file's header: every tensor's data. */
    private static byte[] dataSection(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        long header = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return Arrays.copyOfRange(b, 8 + (int) header, b.length);
    }

    @Test
    void storesWhatTrainComputesOnTheSameFramesAndKeepsEveryTensorByte() throws Exception {
        OodCalibration fromTrain = PilotModel.load(model).ood();
        assertNotNull(fromTrain, "train stored a calibration");
        // A copy of the model without it, as models from before the calibration are.
        LiquidModel m = LiquidModel.load(model);
        ObjectNode fx = (ObjectNode) m.featureExtractor();
        fx.remove("ood");
        Path old = tmp.resolve("old.safetensors");
        m.withExtras(fx, m.outputScaling(), m.training()).save(old);
        assertNull(PilotModel.load(old).ood());
        byte[] before = Files.readAllBytes(old);

        Path out = tmp.resolve("calibrated.safetensors");
        CliRun r = CliRun.of("model", "calibrate-ood", old.toString(), "--data", bag.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("60 frames of flight.bag (1 bag, /camera/image_raw)"), r.out());
        assertTrue(r.out().contains("wrote " + out), r.out());
        assertArrayEquals(before, Files.readAllBytes(old), "without --out only the named --out is written");

        OodCalibration cal = PilotModel.load(out).ood();
        assertEquals(fromTrain.frames(), cal.frames());
        assertEquals(fromTrain.rmsZ(), cal.rmsZ());
        assertEquals(fromTrain.maxAbsZ(), cal.maxAbsZ());
        assertEquals(fromTrain.thresholds(), cal.thresholds());
        assertArrayEquals(dataSection(old), dataSection(out), "tensor bytes unchanged");
        assertEquals(SafeTensors.read(old).tensors().keySet(), SafeTensors.read(out).tensors().keySet());
        LiquidModel back = LiquidModel.load(out);
        assertEquals(m.training(), back.training(), "the rest of the metadata is kept");
        assertEquals(fx.get("stats"), back.featureExtractor().get("stats"));

        // In place, and model info shows the thresholds.
        CliRun inPlace = CliRun.of("model", "calibrate-ood", old.toString(), "--data", tmp.toString());
        assertEquals(0, inPlace.code(), inPlace.err());
        assertEquals(cal.thresholds(), PilotModel.load(old).ood().thresholds());
        assertArrayEquals(dataSection(out), dataSection(old));
        CliRun info = CliRun.of("model", "info", "--model", old.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("failsafe:    60 frames of"), info.out());
    }

    @Test
    void modelInfoSaysWhenAModelHasNoCalibration() throws Exception {
        LiquidModel m = LiquidModel.load(model);
        ObjectNode fx = (ObjectNode) m.featureExtractor();
        fx.remove("ood");
        Path old = tmp.resolve("info-old.safetensors");
        m.withExtras(fx, m.outputScaling(), m.training()).save(old);
        CliRun info = CliRun.of("model", "info", "--model", old.toString());
        assertTrue(info.out().contains("failsafe:    no calibrated thresholds"), info.out());
    }

    private static void assertOneLineExit2(CliRun r, String expected) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("calibrate-ood: ") && r.err().contains(expected), r.err());
    }

    @Test
    void badInputIsExit2WithOneLine() throws Exception {
        String data = bag.toString();
        assertOneLineExit2(CliRun.of("model", "calibrate-ood", tmp.resolve("none.safetensors").toString(), "--data", data), "no such model file");
        Path text = Files.writeString(tmp.resolve("notes.safetensors"), "not a model at all");
        assertOneLineExit2(CliRun.of("model", "calibrate-ood", text.toString(), "--data", data), "notes.safetensors");
        assertOneLineExit2(CliRun.of("model", "calibrate-ood", bag.toString(), "--data", data, "--out", tmp.resolve("x.safetensors").toString()),
                "flight.bag");
        Path bare = tmp.resolve("bare.safetensors");
        LiquidModel.load(model).withExtras(null, null, null).save(bare);
        assertOneLineExit2(CliRun.of("model", "calibrate-ood", bare.toString(), "--data", data), "no feature statistics");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertOneLineExit2(CliRun.of("model", "calibrate-ood", model.toString(), "--data", empty.toString()), "no .bag files");
        assertOneLineExit2(CliRun.of("model", "calibrate-ood", model.toString(), "--data", tmp.resolve("gone").toString()), "no such bag");
        Path commandsOnly = tmp.resolve("cmd-only/cmd.bag");
        Files.createDirectories(commandsOnly.getParent());
        try (BagWriter w = BagWriter.create(commandsOnly, Compression.NONE)) {
            w.write("/cmd_vel", Twist.CODEC, new Twist(new Vector3(1, 0, 0), new Vector3(0, 0, 0.1)), 1_000_000_000L);
        }
        assertOneLineExit2(CliRun.of("model", "calibrate-ood", model.toString(), "--data", commandsOnly.toString()), "no sensor_msgs/Image");
        Path few = tmp.resolve("few/few.bag");
        Files.createDirectories(few.getParent());
        try (BagWriter w = BagWriter.create(few, Compression.NONE)) {
            for (int i = 0; i < 5; i++) {
                long nanos = 1_000_000_000L + i * 33_000_000L;
                w.write("/camera/image_raw", Image.CODEC, new Image(new Header(i, Time.ofSeconds(nanos * 1e-9), "camera"), 80, 160, "rgb8", 0,
                        480, new byte[80 * 480]), nanos);
            }
        }
        assertOneLineExit2(CliRun.of("model", "calibrate-ood", model.toString(), "--data", few.toString()), "5 usable camera frames");
        assertOneLineExit2(CliRun.of("model", "calibrate-ood", model.toString(), "--data", data, "--topic", "/nope"), "no image topic /nope");
        assertOneLineExit2(CliRun.of("model", "calibrate-ood", model.toString(), "--data", data, "--out", tmp.resolve("no/dir/m.safetensors").toString()),
                "does not exist");
        assertOneLineExit2(CliRun.of("model", "calibrate-ood", model.toString(), "--data", data, "--out", tmp.resolve("m.txt").toString()),
                "must end in .safetensors");
    }
}
