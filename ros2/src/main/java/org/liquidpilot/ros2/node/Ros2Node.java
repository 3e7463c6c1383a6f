package org.liquidpilot.ros2.node;

import com.eprosima.xmlschemas.fastrtps_profiles.DurabilityQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.HistoryQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.ReliabilityQosKindPolicyType;
import org.liquidpilot.ros.GraphNames;
import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.msg.rosgraph_msgs.Clock;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeMain;
import org.liquidpilot.ros.node.ParameterTree;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros.node.RosLog;
import org.liquidpilot.ros.node.ServiceClient;
import org.liquidpilot.ros.node.ServiceException;
import org.liquidpilot.ros.node.ServiceHandler;
import org.liquidpilot.ros.node.ServiceServer;
import org.liquidpilot.ros.node.Subscriber;
import org.liquidpilot.ros.node.SubscriberOptions;
import org.liquidpilot.ros2.cdr.CdrCodec;
import org.liquidpilot.ros2.dds.CdrTopicType;
import org.liquidpilot.ros2.dds.DdsParticipants;
import org.liquidpilot.ros2.dds.DdsSettings;
import org.liquidpilot.ros2.dds.Ros2Names;
import org.liquidpilot.ros2.dds.Ros2Qos;
import us.ihmc.pubsub.Domain;
import us.ihmc.pubsub.attributes.CommonAttributes;
import us.ihmc.pubsub.attributes.PublisherAttributes;
import us.ihmc.pubsub.attributes.SubscriberAttributes;
import us.ihmc.pubsub.participant.Participant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node API ({@link ConnectedNode}) on ROS 2: one Fast-DDS participant per node, topics and types named as ROS 2
 * names them on the wire, the QoS each topic's role calls for ({@link Ros2Qos}), parameters held by the node.
 * Names resolve as in ROS 1 ({@code ~x} under the node, relative names under the namespace, then remapping).
 * With {@code use_sim_time} true the node follows {@code /clock}.
 * <p>
 * Services go over DDS as ROS 2 names them ({@code rq/<service>Request}, {@code rr/<service>Reply}, types
 * {@code pkg::srv::dds_::S_Request_}/{@code S_Response_}, reliable, volatile, keep last 10), with replies matched to
 * requests by the header rmw_cyclonedds puts before the body ({@link Ros2ServiceClient}, {@link Ros2ServiceServer}).
 */
public final class Ros2Node implements ConnectedNode {
    private static final Logger LOG = Logger.getLogger("org.liquidpilot.ros2");

    private final String name;
    private final String namespace;
    private final Map<String, String> remappings;
    private final DdsSettings settings;
    private final Domain domain = DdsParticipants.domain();
    private final Participant participant;
    private final LocalParameters params;
    private final RosLog log;
    private final List<Ros2Publisher<?>> publishers = new CopyOnWriteArrayList<>();
    private final List<Ros2Subscriber<?>> subscribers = new CopyOnWriteArrayList<>();
    private final List<Ros2ServiceServer<?, ?>> servers = new CopyOnWriteArrayList<>();
    private final List<Ros2ServiceClient<?, ?>> clients = new CopyOnWriteArrayList<>();
    /** How long a service call waits for a server and its reply, together, unless the client was given its own. */
    public static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(10);
    private final AtomicBoolean shutdown = new AtomicBoolean();
    private final boolean simTime;
    private volatile Instant simNow = Instant.EPOCH;
    private volatile NodeMain main;

    /**
     * @param name      the node's base name ({@code pilot})
     * @param namespace the node's namespace ({@code /} or {@code /uav1})
     */
    public Ros2Node(String name, String namespace, Map<String, String> remappings, Map<String, Object> params, DdsSettings settings)
            throws IOException {
        this(name, namespace, remappings, params, false, settings);
    }

    private Ros2Node(String name, String namespace, Map<String, String> remappings, Map<String, Object> params, boolean paramsResolved,
                     DdsSettings settings) throws IOException {
        this.namespace = GraphNames.canonical(namespace);
        this.name = GraphNames.join(this.namespace, name);
        this.settings = settings;
        this.remappings = new java.util.LinkedHashMap<>();
        remappings.forEach((from, to) -> this.remappings.put(GraphNames.resolve(this.namespace, this.name, from),
                GraphNames.resolve(this.namespace, this.name, to)));
        this.params = paramsResolved ? LocalParameters.resolved(this::resolveName, params) : new LocalParameters(this::resolveName, params);
        this.log = new JulLog(Logger.getLogger("ros" + this.name.replace('/', '.')));
        this.participant = DdsParticipants.create(this.name.substring(1).replace('/', '_'), settings);
        this.simTime = this.params.getBoolean("/use_sim_time", false);
        if (simTime) {
            newSubscriber("/clock", Clock.CODEC, SubscriberOptions.DEFAULT.withQueueSize(1))
                    .addMessageListener(c -> simNow = Instant.ofEpochSecond(c.clock().secsUnsigned(), c.clock().nsecsUnsigned()));
        }
    }

    /** Starts {@code main} on a new node made from {@code args} (see {@link Ros2Args}). */
    public static Ros2Node execute(NodeMain main, Ros2Args args, DdsSettings settings) throws IOException {
        return start(main, new Ros2Node(args.name() != null ? args.name() : main.getDefaultNodeName(),
                args.namespace() != null ? args.namespace() : "/", args.remappings(), args.params(), settings));
    }

    private static Ros2Node start(NodeMain main, Ros2Node node) {
        node.main = main;
        try {
            main.onStart(node);
        } catch (RuntimeException e) {
            node.shutdown();
            throw e;
        }
        return node;
    }

    /**
     * Starts {@code main} as a launch file's node: {@code params} are the launch's parameters under their resolved
     * names ({@code /pilot/model}, {@code /use_sim_time}), as a ROS 1 parameter server would hold them.
     */
    public static Ros2Node launch(NodeMain main, String name, String namespace, Map<String, String> remappings,
                                  Map<String, Object> params, DdsSettings settings) throws IOException {
        return start(main, new Ros2Node(name, namespace, remappings, params, true, settings));
    }

    public DdsSettings settings() {
        return settings;
    }

    public Participant participant() {
        return participant;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public String resolveName(String n) {
        String r = GraphNames.resolve(namespace, name, n);
        return remappings.getOrDefault(r, r);
    }

    /** ROS 2 has no master: the DDS domain this node is on, as {@code rtps://localhost/?domain=N}. */
    @Override
    public URI getMasterUri() {
        return URI.create("rtps://" + (settings.hostNetwork() ? "host" : "127.0.0.1") + "/?domain=" + settings.domainId());
    }

    @Override
    public URI getUri() {
        return getMasterUri();
    }

    @Override
    public <T> Publisher<T> newPublisher(String topic, MessageCodec<T> codec, PublisherOptions options) {
        return newPublisher(topic, codec, Ros2Qos.forPublisher(codec.type(), resolveName(topic), options.latch()));
    }

    /** A publisher with the QoS given rather than the one its topic's role calls for (tools, tests). */
    public <T> Publisher<T> newPublisher(String topic, MessageCodec<T> codec, Ros2Qos qos) {
        String resolved = resolveName(topic);
        Ros2Publisher<T> pub = new Ros2Publisher<>(domain, resolved, codec.type(), qos);
        CdrTopicType<T> type = register(codec);
        PublisherAttributes attrs = qos(PublisherAttributes.create(), type, Ros2Names.topic(resolved), qos);
        try {
            pub.attach(domain.createPublisher(participant, attrs, (w, info) -> pub.onMatch(info)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a DDS writer for " + resolved, e);
        }
        publishers.add(pub);
        return pub;
    }

    @Override
    public <T> Subscriber<T> newSubscriber(String topic, MessageCodec<T> codec, SubscriberOptions options) {
        return newSubscriber(topic, codec, Ros2Qos.forSubscriber(codec.type(), resolveName(topic)));
    }

    /** A subscriber with the QoS given rather than the one its topic's role calls for (tools, tests). */
    public <T> Subscriber<T> newSubscriber(String topic, MessageCodec<T> codec, Ros2Qos qos) {
        String resolved = resolveName(topic);
        Ros2Subscriber<T> sub = new Ros2Subscriber<>(domain, resolved, codec.type(), qos);
        CdrTopicType<T> type = register(codec);
        SubscriberAttributes attrs = qos(SubscriberAttributes.create(), type, Ros2Names.topic(resolved), qos);
        try {
            sub.attach(domain.createSubscriber(participant, attrs, sub));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a DDS reader for " + resolved, e);
        }
        subscribers.add(sub);
        return sub;
    }

    private <T> CdrTopicType<T> register(MessageCodec<T> codec) {
        return register(new CdrTopicType<>(new CdrCodec<>(codec)));
    }

    private <T> CdrTopicType<T> registerService(MessageCodec<T> codec, String ddsName) {
        return register(CdrTopicType.service(new CdrCodec<>(codec), ddsName));
    }

    private <T> CdrTopicType<T> register(CdrTopicType<T> type) {
        synchronized (domain) {
            if (domain.getRegisteredType(participant, type.getName()) == null) domain.registerType(participant, type);
        }
        return type;
    }

    static <A extends CommonAttributes<A>> A qos(A attrs, CdrTopicType<?> type, String ddsTopic, Ros2Qos qos) {
        return attrs.topicDataType(type).topicName(ddsTopic)
                .reliabilityKind(qos.reliable() ? ReliabilityQosKindPolicyType.RELIABLE : ReliabilityQosKindPolicyType.BEST_EFFORT)
                .durabilityKind(qos.transientLocal() ? DurabilityQosKindPolicyType.TRANSIENT_LOCAL : DurabilityQosKindPolicyType.VOLATILE)
                .historyQosPolicyKind(HistoryQosKindPolicyType.KEEP_LAST).historyDepth(qos.depth());
    }

    @Override
    public <Q, R> ServiceServer newServiceServer(String service, ServiceType<Q, R> type, ServiceHandler<Q, R> handler) {
        String resolved = resolveName(service);
        Ros2ServiceServer<Q, R> server = new Ros2ServiceServer<>(domain, resolved, handler);
        CdrTopicType<Q> req = registerService(type.request(), Ros2Names.serviceRequestType(type.type()));
        CdrTopicType<R> res = registerService(type.response(), Ros2Names.serviceResponseType(type.type()));
        try {
            var writer = domain.createPublisher(participant, qos(PublisherAttributes.create(), res, Ros2Names.serviceReplyTopic(resolved), Ros2Qos.SERVICES),
                    (w, info) -> server.onReplyMatch(info));
            try {
                server.attach(domain.createSubscriber(participant,
                        qos(SubscriberAttributes.create(), req, Ros2Names.serviceRequestTopic(resolved), Ros2Qos.SERVICES), server), writer);
            } catch (IOException e) {
                domain.removePublisher(writer);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the DDS endpoints of service " + resolved, e);
        }
        servers.add(server);
        return server;
    }

    /** Calls time out after {@link #SERVICE_TIMEOUT} (waiting for a server, then for its reply). */
    @Override
    public <Q, R> ServiceClient<Q, R> newServiceClient(String service, ServiceType<Q, R> type) {
        return newServiceClient(service, type, SERVICE_TIMEOUT);
    }

    /** A client whose calls fail with a {@link ServiceException} when no reply came within {@code timeout}. */
    public <Q, R> ServiceClient<Q, R> newServiceClient(String service, ServiceType<Q, R> type, Duration timeout) {
        String resolved = resolveName(service);
        Ros2ServiceClient<Q, R> client = new Ros2ServiceClient<>(domain, resolved, timeout);
        CdrTopicType<Q> req = registerService(type.request(), Ros2Names.serviceRequestType(type.type()));
        CdrTopicType<R> res = registerService(type.response(), Ros2Names.serviceResponseType(type.type()));
        try {
            var writer = domain.createPublisher(participant, qos(PublisherAttributes.create(), req, Ros2Names.serviceRequestTopic(resolved), Ros2Qos.SERVICES),
                    (w, info) -> client.onRequestMatch(info));
            try {
                client.attach(domain.createSubscriber(participant,
                        qos(SubscriberAttributes.create(), res, Ros2Names.serviceReplyTopic(resolved), Ros2Qos.SERVICES), client), writer);
            } catch (IOException e) {
                domain.removePublisher(writer);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the DDS endpoints of the client of " + resolved, e);
        }
        clients.add(client);
        return client;
    }

    @Override
    public ParameterTree getParameterTree() {
        return params;
    }

    @Override
    public RosLog getLog() {
        return log;
    }

    @Override
    public Instant getCurrentTime() {
        return simTime ? simNow : Instant.now();
    }

    @Override
    public boolean isShutdown() {
        return shutdown.get();
    }

    @Override
    public void shutdown() {
        if (!shutdown.compareAndSet(false, true)) return;
        NodeMain m = main;
        if (m != null) {
            try {
                m.onShutdown(this);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + ": onShutdown failed", e);
            }
        }
        publishers.forEach(Ros2Publisher::shutdown);
        subscribers.forEach(Ros2Subscriber::shutdown);
        clients.forEach(Ros2ServiceClient::shutdown);
        servers.forEach(Ros2ServiceServer::shutdown);
        domain.removeParticipant(participant);
    }

    /** The node's log: java.util.logging only (ROS 2's /rosout carries rcl_interfaces/Log, which is not mapped). */
    private record JulLog(Logger logger) implements RosLog {
        @Override
        public void debug(String message) {
            logger.fine(message);
        }

        @Override
        public void info(String message) {
            logger.info(message);
        }

        @Override
        public void warn(String message) {
            logger.warning(message);
        }

        @Override
        public void error(String message) {
            logger.severe(message);
        }

        @Override
        public void fatal(String message) {
            logger.severe(message);
        }
    }
}
