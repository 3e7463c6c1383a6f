package org.liquidpilot.launch;

import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeMain;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros.node.SubscriberOptions;

/**
 * Copies geometry_msgs/Twist from {@code in} to {@code out} (topic_tools relay for one type); remap both. It relays
 * commands, so both ends keep a queue of one: when the relay or its subscriber falls behind, only the newest command
 * is worth passing on, never a backlog of old ones.
 */
public final class TwistRelayNode implements NodeMain {
    @Override
    public String getDefaultNodeName() {
        return "relay";
    }

    @Override
    public void onStart(ConnectedNode node) {
        var out = node.newPublisher("out", Twist.CODEC, PublisherOptions.DEFAULT.withQueueSize(1));
        node.newSubscriber("in", Twist.CODEC, SubscriberOptions.DEFAULT.withQueueSize(1)).addMessageListener(out::publish);
    }
}
