package org.liquidpilot.ros.tools;

import org.liquidpilot.ros.xmlrpc.RosApi;
import org.liquidpilot.ros.xmlrpc.RosApiException;
import org.liquidpilot.ros.xmlrpc.XmlRpcClient;
import org.liquidpilot.ros.xmlrpc.XmlRpcFault;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A snapshot of a master's graph (what rostopic list/info print): topics with their types, publishers and
 * subscribers.
 *
 * @param publishers  topic -> publishing nodes
 * @param subscribers topic -> subscribing nodes
 * @param types       topic -> type
 */
public record GraphState(Map<String, List<String>> publishers, Map<String, List<String>> subscribers,
                         Map<String, String> types) {

    public static GraphState query(URI master, String callerId) throws IOException {
        try (XmlRpcClient c = new XmlRpcClient(master, 3_000, 10_000)) {
            List<?> state = (List<?>) RosApi.value(c.call("getSystemState", callerId));
            Map<String, String> types = new TreeMap<>();
            for (Object o : (List<?>) RosApi.value(c.call("getTopicTypes", callerId))) {
                List<?> pair = (List<?>) o;
                types.put(String.valueOf(pair.get(0)), String.valueOf(pair.get(1)));
            }
            return new GraphState(table(state.get(0)), table(state.get(1)), types);
        } catch (XmlRpcFault | RosApiException | ClassCastException | IndexOutOfBoundsException e) {
            throw new IOException("master at " + master + " gave an unexpected answer: " + e.getMessage(), e);
        }
    }

    private static Map<String, List<String>> table(Object o) {
        Map<String, List<String>> m = new TreeMap<>();
        for (Object row : (List<?>) o) {
            List<?> r = (List<?>) row;
            List<String> nodes = new ArrayList<>();
            for (Object n : (List<?>) r.get(1)) nodes.add(String.valueOf(n));
            m.put(String.valueOf(r.get(0)), nodes);
        }
        return m;
    }

    /** Every topic with a publisher or a subscriber, sorted. */
    public List<String> topics() {
        TreeSet<String> all = new TreeSet<>(publishers.keySet());
        all.addAll(subscribers.keySet());
        return List.copyOf(all);
    }

    /** The slave URI of a node, or "unknown". */
    public static String nodeUri(URI master, String callerId, String node) {
        try (XmlRpcClient c = new XmlRpcClient(master, 3_000, 10_000)) {
            return String.valueOf(RosApi.value(c.call("lookupNode", callerId, node)));
        } catch (IOException | XmlRpcFault | RosApiException e) {
            return "unknown";
        }
    }
}
