package org.liquidpilot.ros2.dds;

import java.util.Set;

/**
 * The QoS of one endpoint, as ROS 2's profiles spell it.
 *
 * @param reliable       reliable (true) or best effort
 * @param transientLocal transient-local durability (late joiners get the last {@code depth} samples) or volatile
 * @param depth          keep-last history depth
 */
public record Ros2Qos(boolean reliable, boolean transientLocal, int depth) {
    /** rmw_qos_profile_sensor_data: best effort, volatile, keep last 5. For camera frames. */
    public static final Ros2Qos SENSOR_DATA = new Ros2Qos(false, false, 5);
    /** rmw_qos_profile_default: reliable, volatile, keep last 10. For commands and everything else. */
    public static final Ros2Qos DEFAULT = new Ros2Qos(true, false, 10);
    /** rmw_qos_profile_services_default: reliable, volatile, keep last 10. Both topics of a service. */
    public static final Ros2Qos SERVICES = DEFAULT;
    /** Latched status: reliable, transient local, keep last 1 (what a ROS 1 latched publisher gives). */
    public static final Ros2Qos STATUS = new Ros2Qos(true, true, 1);

    /** Types that are camera data, so they get {@link #SENSOR_DATA} on both sides. */
    static final Set<String> SENSOR_TYPES = Set.of("sensor_msgs/Image", "sensor_msgs/CompressedImage", "sensor_msgs/CameraInfo");
    /**
     * Last names of topics whose publishers are latched in this project ({@code ~status}, {@code mavros/state},
     * {@code ~metrics}): their subscribers ask for transient local, or they would miss the one sample.
     */
    static final Set<String> STATUS_TOPICS = Set.of("status", "state", "metrics");

    public Ros2Qos {
        if (depth < 1) throw new IllegalArgumentException("history depth must be at least 1, got " + depth);
    }

    public static Ros2Qos forPublisher(String rosType, String topic, boolean latched) {
        if (SENSOR_TYPES.contains(rosType)) return SENSOR_DATA;
        return latched ? STATUS : DEFAULT;
    }

    public static Ros2Qos forSubscriber(String rosType, String topic) {
        if (SENSOR_TYPES.contains(rosType)) return SENSOR_DATA;
        return STATUS_TOPICS.contains(topic.substring(topic.lastIndexOf('/') + 1)) ? STATUS : DEFAULT;
    }

    /** Whether a reader with this QoS matches a writer with {@code writer}'s (the DDS request/offered rules). */
    public boolean readerMatches(Ros2Qos writer) {
        return (!reliable || writer.reliable) && (!transientLocal || writer.transientLocal);
    }

    @Override
    public String toString() {
        return (reliable ? "reliable" : "best effort") + ", " + (transientLocal ? "transient local" : "volatile") + ", keep last " + depth;
    }
}
