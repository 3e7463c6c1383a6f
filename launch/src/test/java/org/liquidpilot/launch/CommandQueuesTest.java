package org.liquidpilot.launch;

import org.liquidpilot.sim.ros.SimLoopNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.NodeMain;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros.node.RosNodes;
import org.liquidpilot.ros.node.SubscriberOptions;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Nodes that pass commands on keep a queue of one, so that a stalled link never builds a backlog of old commands:
 * the relay (both ends) and the lock-step sim's expert command.
 */
@Timeout(60)
class CommandQueuesTest {
    private final Map<String, Object> options = new ConcurrentHashMap<>();

    /** The real node, recording the options of every publisher and subscriber made through it. */
    private ConnectedNode recording(ConnectedNode real) {
        return (ConnectedNode) Proxy.newProxyInstance(ConnectedNode.class.getClassLoader(), new Class<?>[] {ConnectedNode.class},
                (proxy, m, args) -> {
                    if ((m.getName().equals("newPublisher") || m.getName().equals("newSubscriber")) && args.length == 3) {
                        options.put(m.getName() + " " + real.resolveName((String) args[0]), args[2]);
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void start(EmbeddedMaster master, String name, NodeMain main, Map<String, Object> params) throws Exception {
        NodeConfiguration c = NodeConfiguration.forMaster(master.uri(), name);
        for (var p : params.entrySet()) c = c.withPrivateParam(p.getKey(), p.getValue());
        ConnectedNode real = RosNodes.start(c);
        ConnectedNode node = recording(real);
        try {
            main.onStart(node);
        } finally {
            main.onShutdown(node);
            real.shutdown();
        }
    }

    @Test
    void theRelayKeepsOneCommandEachWay() throws Exception {
        try (EmbeddedMaster master = EmbeddedMaster.start(0)) {
            start(master, "relay", new TwistRelayNode(), Map.of());
        }
        assertEquals(1, ((PublisherOptions) options.get("newPublisher /out")).queueSize(), options.toString());
        assertEquals(1, ((SubscriberOptions) options.get("newSubscriber /in")).queueSize(), options.toString());
    }

    @Test
    void theSimsExpertCommandKeepsAQueueOfOne() throws Exception {
        try (EmbeddedMaster master = EmbeddedMaster.start(0)) {
            start(master, "sim", new SimLoopNode(), Map.of("render", "blank", "duration_s", 1.0));
        }
        assertEquals(1, ((PublisherOptions) options.get("newPublisher /sim/expert_cmd")).queueSize(), options.toString());
    }
}
