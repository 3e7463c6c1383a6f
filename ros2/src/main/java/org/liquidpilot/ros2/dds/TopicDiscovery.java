package org.liquidpilot.ros2.dds;

import us.ihmc.pubsub.participant.Participant;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a participant learns of other endpoints through DDS discovery, in ROS terms: ROS 2 topics ({@code rt/…}) and
 * their ROS types. Endpoints that are not ROS 2 topics (services, DDS built-ins) are left out.
 */
public final class TopicDiscovery {
    private final Map<String, Set<String>> publishers = new TreeMap<>();
    private final Map<String, Set<String>> subscribers = new TreeMap<>();

    /** Starts listening on {@code participant}; call before the endpoints of interest are discovered. */
    public static TopicDiscovery listen(Participant participant) throws IOException {
        TopicDiscovery d = new TopicDiscovery();
        participant.registerEndpointDiscoveryListeners(
                (alive, guid, participantGuid, topic, type, userDefinedId, typeSize) -> d.add(d.publishers, alive, topic, type),
                (alive, guid, expectsInlineQos, participantGuid, topic, type, userDefinedId) -> d.add(d.subscribers, alive, topic, type));
        return d;
    }

    private synchronized void add(Map<String, Set<String>> into, boolean alive, String ddsTopic, String ddsType) {
        String topic = Ros2Names.rosTopic(ddsTopic);
        if (topic == null || !alive) return;
        String type = Ros2Names.rosType(ddsType);
        into.computeIfAbsent(topic, k -> new TreeSet<>()).add(type == null ? ddsType : type);
    }

    /** Topic → the ROS types its writers announced. */
    public synchronized Map<String, Set<String>> publishers() {
        return copy(publishers);
    }

    /** Topic → the ROS types its readers announced. */
    public synchronized Map<String, Set<String>> subscribers() {
        return copy(subscribers);
    }

    /** Every topic seen, with every type either side announced. */
    public synchronized Map<String, Set<String>> topics() {
        Map<String, Set<String>> all = copy(publishers);
        subscribers.forEach((t, types) -> all.computeIfAbsent(t, k -> new TreeSet<>()).addAll(types));
        return all;
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> m) {
        Map<String, Set<String>> c = new TreeMap<>();
        m.forEach((k, v) -> c.put(k, new TreeSet<>(v)));
        return c;
    }
}
