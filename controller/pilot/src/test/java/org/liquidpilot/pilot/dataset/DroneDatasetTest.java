package org.liquidpilot.pilot.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagWriter;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.pilot.CommandAxis;
import org.liquidpilot.pilot.PilotModel;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.TwistStamped;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.mavros_msgs.PositionTarget;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.train.ModelTypes;
import org.liquidpilot.train.Sequence;
import org.liquidpilot.train.TrainableModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Multi-output targets for a drone: the four command values from Twist, TwistStamped and PositionTarget bags. */
class DroneDatasetTest {
    @TempDir
    Path tmp;

    private static final int FRAMES = 40;

    /** The command recorded for frame i: every axis moves, each with its own range. */
    private static double[] command(int i) {
        return new double[]{2 + Math.sin(i * 0.3), 0.5 * Math.cos(i * 0.2), -0.3 + 0.01 * i, 0.4 * Math.sin(i * 0.5)};
    }

    private Path bag(String name, String type) throws IOException {
        Path p = tmp.resolve(name);
        Random rnd = new Random(7);
        try (BagWriter w = BagWriter.create(p, Compression.NONE)) {
            for (int i = 0; i < FRAMES; i++) {
                long nanos = 1_000_000_000L + i * 66_000_000L;
                byte[] px = new byte[16 * 32 * 3];
                rnd.nextBytes(px);
                Header h = new Header(i, Time.ofSeconds(nanos * 1e-9), "camera");
                w.write("/camera/image_raw", Image.CODEC, new Image(h, 16, 32, "rgb8", 0, 32 * 3, px), nanos);
                double[] c = command(i);
                Twist tw = new Twist(new Vector3(c[0], c[1], c[2]), new Vector3(0, 0, c[3]));
                switch (type) {
                    case "twist" -> w.write("/cmd", Twist.CODEC, tw, nanos + 1);
                    case "stamped" -> w.write("/cmd", TwistStamped.CODEC, new TwistStamped(h, tw), nanos + 1);
                    case "setpoint" -> w.write("/cmd", PositionTarget.CODEC, PositionTarget.bodyVelocity(h, c[0], c[1], c[2], c[3]), nanos + 1);
                    default -> throw new IllegalArgumentException(type);
                }
            }
        }
        return p;
    }

    private static BagDatasetConfig drone() {
        return BagDatasetConfig.defaults().withTopics("/camera/image_raw", "/cmd").withOutputs(CommandAxis.ALL);
    }

    @Test
    void everyCommandTypeGivesTheSameFourTargetsEachScaledByItsLargestMagnitude() throws IOException {
        double[][] ys = new double[3][];
        String[] types = {"twist", "stamped", "setpoint"};
        for (int k = 0; k < types.length; k++) {
            BagDataset ds = BagDataset.load(bag(types[k] + ".bag", types[k]), drone());
            Sequence s = ds.sequences().get(0);
            assertEquals(FRAMES, s.steps());
            assertEquals(4, s.outputs());
            double[] scale = ds.outputScale();
            double[] maxAbs = new double[4];
            for (int t = 0; t < FRAMES; t++) {
                double[] c = command(t);
                for (int j = 0; j < 4; j++) {
                    assertEquals(c[j], s.y()[t * 4 + j] * scale[j], 1e-6, types[k] + " frame " + t + " axis " + j);
                    maxAbs[j] = Math.max(maxAbs[j], Math.abs(c[j]));
                }
            }
            for (int j = 0; j < 4; j++) assertEquals(Math.max(CommandAxis.ALL.get(j).minScale(), maxAbs[j]), scale[j], 1e-6);
            ys[k] = s.y();
        }
        assertArrayEquals(ys[0], ys[1], 1e-9);
        assertArrayEquals(ys[0], ys[2], 1e-6, "PositionTarget carries the yaw rate as float32");
    }

    @Test
    void aFourOutputModelNamesItsOutputsAndTheFileMapsThemBack() throws IOException {
        BagDataset ds = BagDataset.load(bag("d.bag", "setpoint"), drone());
        TrainableModel m = ModelTypes.create("cfc-ncp19", ds.features(), 4, 3, 22222, "default", false);
        Path file = tmp.resolve("drone.safetensors");
        ds.saveModel(file, m, null);
        PilotModel pm = PilotModel.load(file);
        assertEquals(CommandAxis.ALL, pm.outputs());
        pm.requireFits("quad");
        pm.requireFits("car");

        BagDataset steering = BagDataset.load(bag("s.bag", "twist"), BagDatasetConfig.defaults().withTopics("/camera/image_raw", "/cmd"));
        Path car = tmp.resolve("car.safetensors");
        steering.saveModel(car, ModelTypes.create("mlp", steering.features(), 1, 3, 22222, "default", false), null);
        PilotModel one = PilotModel.load(car);
        assertEquals(List.of(CommandAxis.YAW_RATE), one.outputs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> one.requireFits("quad"));
        assertTrue(e.getMessage().contains("a drone needs") && e.getMessage().contains("yaw_rate"), e.getMessage());
    }

    @Test
    void aModelWhoseOutputsAndNamesDisagreeIsRefused() throws IOException {
        BagDataset ds = BagDataset.load(bag("d.bag", "twist"), drone());
        Path file = tmp.resolve("bad.safetensors");
        // four named outputs, a one-output network
        assertThrows(IllegalArgumentException.class, () -> ds.saveModel(file, ModelTypes.create("mlp", ds.features(), 1, 3, 22222, "default", false), null));
    }

    @Test
    void unknownOrRepeatedOutputNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CommandAxis.parseList("forward,sideways"));
        assertThrows(IllegalArgumentException.class, () -> CommandAxis.parseList("yaw_rate,yaw_rate"));
        assertEquals(CommandAxis.ALL, CommandAxis.parseList("forward, left,up,YAW_RATE"));
    }
}
