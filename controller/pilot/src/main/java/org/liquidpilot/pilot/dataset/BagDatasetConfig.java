package org.liquidpilot.pilot.dataset;

import org.liquidpilot.pilot.CommandAxis;
import java.util.List;

import org.liquidpilot.perception.FeatureConfig;

import java.nio.file.Path;

/**
 * How bags become training pairs.
 *
 * @param imageTopic    camera topic (sensor_msgs/Image or CompressedImage)
 * @param commandTopic  command topic (geometry_msgs/Twist, TwistStamped or mavros_msgs/PositionTarget in the body frame)
 * @param features      the perception front end's configuration, the same one the pilot will run
 * @param cacheDir      where extracted features are cached; null puts each cache file next to its bag
 * @param maxPairGapS   an image is paired with the command nearest in bag time, if one is this close (seconds)
 * @param outputs       which command values are the targets, in order: the yaw rate for a steering model, all
 *                      four ({@link CommandAxis#ALL}) for a drone
 */
public record BagDatasetConfig(String imageTopic, String commandTopic, FeatureConfig features, Path cacheDir, double maxPairGapS,
                               List<CommandAxis> outputs) {
    public static final String DEFAULT_IMAGE_TOPIC = "/camera/image_raw";
    public static final String DEFAULT_COMMAND_TOPIC = "/cmd_vel";

    public BagDatasetConfig {
        if (imageTopic == null || imageTopic.isBlank()) throw new IllegalArgumentException("image topic missing");
        if (commandTopic == null || commandTopic.isBlank()) throw new IllegalArgumentException("command topic missing");
        if (features == null) throw new IllegalArgumentException("feature configuration missing");
        if (outputs == null || outputs.isEmpty() || outputs.size() != outputs.stream().distinct().count()) {
            throw new IllegalArgumentException("outputs must name each command value at most once, and at least one");
        }
        outputs = List.copyOf(outputs);
        if (!(maxPairGapS > 0 && maxPairGapS <= 10)) throw new IllegalArgumentException("pairing gap must be in (0, 10] s, got " + maxPairGapS);
    }

    public static BagDatasetConfig defaults() {
        return new BagDatasetConfig(DEFAULT_IMAGE_TOPIC, DEFAULT_COMMAND_TOPIC, FeatureConfig.defaults(), null, 0.25, CommandAxis.STEERING);
    }

    public BagDatasetConfig withCacheDir(Path dir) {
        return new BagDatasetConfig(imageTopic, commandTopic, features, dir, maxPairGapS, outputs);
    }

    public BagDatasetConfig withTopics(String image, String command) {
        return new BagDatasetConfig(image, command, features, cacheDir, maxPairGapS, outputs);
    }

    public BagDatasetConfig withOutputs(List<CommandAxis> o) {
        return new BagDatasetConfig(imageTopic, commandTopic, features, cacheDir, maxPairGapS, o);
    }
}
