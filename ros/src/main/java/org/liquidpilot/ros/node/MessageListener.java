package org.liquidpilot.ros.node;

/** Receives the messages of a subscription. Called on the connection's receive thread: keep it short. */
@FunctionalInterface
public interface MessageListener<T> {
    void onNewMessage(T message);
}
