package org.liquidpilot.ros.node;

import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.GraphNames;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NodeConfigurationTest {

    @Test
    void rosCommandLineConventionsOverrideTheEnvironment() {
        Map<String, String> env = Map.of("ROS_MASTER_URI", "http://10.0.0.5:11311", "ROS_IP", "10.0.0.7", "ROS_NAMESPACE", "fleet");
        NodeConfiguration c = NodeConfiguration.fromArgs("pilot", env, "--model", "m.safetensors", "__name:=p2", "__ns:=/car1",
                "image:=/camera/image_raw", "_rate_hz:=15", "_speed:=6.5", "_output:=mavros", "_enabled:=true", "_label:='007'");
        assertEquals(URI.create("http://10.0.0.5:11311"), c.masterUri());
        assertEquals("10.0.0.7", c.host());
        assertEquals("/car1/p2", c.fullName());
        assertEquals(Map.of("image", "/camera/image_raw"), c.remappings());
        assertEquals(Map.of("~rate_hz", 15, "~speed", 6.5, "~output", "mavros", "~enabled", true, "~label", "007"), c.privateParams());
        assertEquals(List.of("--model", "m.safetensors"), c.otherArgs());
        NodeConfiguration env2 = NodeConfiguration.fromArgs("pilot", env);
        assertEquals("/fleet/pilot", env2.fullName());
        NodeConfiguration hostname = NodeConfiguration.fromArgs("pilot", Map.of("ROS_HOSTNAME", "car.local", "ROS_IP", "10.0.0.7"));
        assertEquals("car.local", hostname.host());
        assertEquals(NodeConfiguration.DEFAULT_MASTER, hostname.masterUri());
        assertEquals("http://m:1/", NodeConfiguration.fromArgs("x", env, "__master:=http://m:1/").masterUri().toString());
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> NodeConfiguration.fromArgs("x", Map.of(), "__nmae:=y"));
        assertThrows(IllegalArgumentException.class, () -> NodeConfiguration.fromArgs("x", Map.of(), "__name:=9lives"));
        assertThrows(IllegalArgumentException.class, () -> NodeConfiguration.fromArgs("x", Map.of(), "a b:=c"));
        assertThrows(IllegalArgumentException.class, () -> NodeConfiguration.fromArgs("x", Map.of("ROS_MASTER_URI", "not a uri")));
    }

    @Test
    void graphNamesResolveAsRospyDoes() {
        assertEquals("/ns/a", GraphNames.resolve("/ns", "/ns/node", "a"));
        assertEquals("/a", GraphNames.resolve("/ns", "/ns/node", "/a"));
        assertEquals("/ns/node/a/b", GraphNames.resolve("/ns", "/ns/node", "~a/b"));
        assertEquals("/ns", GraphNames.resolve("/ns", "/ns/node", ""));
        assertEquals("/", GraphNames.parent("/a"));
        assertEquals("/a", GraphNames.parent("/a/b"));
        assertEquals("/a/b", GraphNames.canonical("a//b/"));
        for (String bad : List.of("1a", "a-b", "a b", "a//b", "a/~c", "é")) {
            assertThrows(IllegalArgumentException.class, () -> GraphNames.requireLegal(bad), bad);
        }
    }
}
