package org.liquidpilot.cli;

import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/** A /talker node publishing Twists with linear.x = 0, 1, 2, ... on /cmd_vel every 10 ms until closed, for the recorder tests. */
final class TwistTalker implements AutoCloseable {
    private final ConnectedNode node;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    TwistTalker(URI master) throws java.io.IOException {
        node = RosNodes.start(NodeConfiguration.forMaster(master, "/talker"));
        Publisher<Twist> cmd = node.newPublisher("/cmd_vel", Twist.CODEC);
        thread = new Thread(() -> {
            int i = 0;
            while (running.get()) {
                cmd.publish(Twist.of(i++, 0));
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        thread.start();
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        thread.join();
        node.close();
    }
}
