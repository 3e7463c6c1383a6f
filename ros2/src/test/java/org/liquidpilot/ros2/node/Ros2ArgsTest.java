package org.liquidpilot.ros2.node;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Ros2ArgsTest {
    @Test
    void rosArgsAreTakenAndTheRestKept() {
        Ros2Args a = Ros2Args.parse("--model", "m.safetensors", "--ros-args", "-p", "rate_hz:=20", "--param", "use_sim_time:=true",
                "-p", "mode:=twist", "-p", "gain:=0.5", "-p", "label:='42'", "-r", "cmd_vel:=/car/cmd", "--remap", "__ns:=/uav1",
                "-r", "__node:=pilot2", "--", "extra");
        assertEquals(List.of("--model", "m.safetensors", "extra"), a.rest());
        assertEquals(Map.of("rate_hz", 20, "use_sim_time", true, "mode", "twist", "gain", 0.5, "label", "42"), a.params());
        assertEquals(Map.of("cmd_vel", "/car/cmd"), a.remappings());
        assertEquals("/uav1", a.namespace());
        assertEquals("pilot2", a.name());
        Ros2Args none = Ros2Args.parse("x");
        assertNull(none.name());
        assertEquals(List.of("x"), none.rest());
        assertEquals("/ns", Ros2Args.parse("__ns:=/ns").namespace());
    }

    @Test
    void malformedArgumentsSayWhy() {
        assertThrows(IllegalArgumentException.class, () -> Ros2Args.parse("--ros-args", "-p"));
        assertThrows(IllegalArgumentException.class, () -> Ros2Args.parse("--ros-args", "-p", "novalue"));
        assertThrows(IllegalArgumentException.class, () -> Ros2Args.parse("--ros-args", "--bogus"));
        assertThrows(IllegalArgumentException.class, () -> Ros2Args.parse("--ros-args", "-r", "__ns:=relative"));
        assertThrows(IllegalArgumentException.class, () -> Ros2Args.parse("--ros-args", "-r", "__node:=bad-name"));
        assertThrows(IllegalArgumentException.class, () -> Ros2Args.parse("--ros-args", "-r", "a b:=c"));
    }

    @Test
    void parametersResolveAsPrivateNames() {
        LocalParameters p = new LocalParameters(n -> org.liquidpilot.ros.GraphNames.resolve("/", "/pilot", n),
                Map.of("rate_hz", 20, "use_sim_time", true, "failsafe.timeout_s", 1.5));
        assertEquals(20, p.getInteger("~rate_hz", 0));
        assertEquals(20.0, p.getDouble("/pilot/rate_hz", 0));
        assertEquals(true, p.getBoolean("/use_sim_time", false));
        assertEquals(1.5, p.getDouble("~failsafe/timeout_s", 0));
        assertEquals(Map.of("timeout_s", 1.5), p.getMap("~failsafe", Map.of()));
        assertEquals(7, p.getInteger("~missing", 7));
        assertThrows(IllegalArgumentException.class, () -> p.getString("~rate_hz", ""));
    }
}
