package org.liquidpilot.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LaunchLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String xml) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, xml);
        return p;
    }

    private LaunchPlan load(Path file, Map<String, String> args) {
        return new LaunchLoader(Map.of("HOME", "/home/u", "LP_TEST_ENV", "from-env")).evaluate(file, args);
    }

    private LaunchException fails(Path file, Map<String, String> args) {
        return assertThrows(LaunchException.class, () -> load(file, args));
    }

    @Test
    void argsDefaultsValuesAndOverrides() throws IOException {
        Path f = write("a.launch", """
                <launch>
                  <arg name="speed" default="3.5"/>
                  <arg name="fixed" value="$(arg speed)x"/>
                  <arg name="model"/>
                  <param name="speed" value="$(arg speed)"/>
                  <param name="fixed" value="$(arg fixed)"/>
                  <param name="model" value="$(arg model)"/>
                </launch>""");
        LaunchPlan plan = load(f, Map.of("model", "m.safetensors"));
        assertEquals(3.5, plan.params().get("/speed"));
        assertEquals("3.5x", plan.params().get("/fixed"));
        assertEquals("m.safetensors", plan.params().get("/model"));
        LaunchPlan over = load(f, Map.of("model", "x", "speed", "7"));
        assertEquals(7, over.params().get("/speed"));
    }

    @Test
    void requiredArgWithoutValueNamesTheArgAndLine() throws IOException {
        Path f = write("a.launch", "<launch>\n  <arg name=\"model\"/>\n  <param name=\"m\" value=\"$(arg model)\"/>\n</launch>");
        LaunchException e = fails(f, Map.of());
        assertTrue(e.getMessage().contains("a.launch:3"), e.getMessage());
        assertTrue(e.getMessage().contains("model"), e.getMessage());
    }

    @Test
    void unknownArgFromOutsideIsAnError() throws IOException {
        Path f = write("a.launch", "<launch>\n<arg name=\"x\" default=\"1\"/>\n</launch>");
        LaunchException e = fails(f, Map.of("y", "2"));
        assertTrue(e.getMessage().contains("unused args [y]"), e.getMessage());
    }

    @Test
    void fixedArgCannotBeOverridden() throws IOException {
        Path f = write("a.launch", "<launch>\n<arg name=\"x\" value=\"1\"/>\n</launch>");
        assertTrue(fails(f, Map.of("x", "2")).getMessage().contains("a.launch:2"));
    }

    @Test
    void undeclaredArgIsAnError() throws IOException {
        Path f = write("a.launch", "<launch>\n\n<param name=\"p\" value=\"$(arg nope)\"/>\n</launch>");
        LaunchException e = fails(f, Map.of());
        assertTrue(e.getMessage().startsWith(f + ":3:"), e.getMessage());
        assertTrue(e.getMessage().contains("'nope' is not declared"), e.getMessage());
    }

    @Test
    void paramTypesFollowRoslaunch() throws IOException {
        Path text = write("t.txt", "hello\nworld\n");
        Path f = write("a.launch", """
                <launch>
                  <param name="i" value="42"/>
                  <param name="d" value="0.25"/>
                  <param name="b" value="True"/>
                  <param name="s" value="forest-road"/>
                  <param name="si" type="str" value="42"/>
                  <param name="di" type="double" value="2"/>
                  <param name="y" type="yaml" value="{a: 1, b: [1, 2]}"/>
                  <param name="t" textfile="%s"/>
                  <param name="c" command="echo hi"/>
                </launch>""".formatted(text));
        Map<String, Object> p = load(f, Map.of()).params();
        assertEquals(42, p.get("/i"));
        assertEquals(0.25, p.get("/d"));
        assertEquals(true, p.get("/b"));
        assertEquals("forest-road", p.get("/s"));
        assertEquals("42", p.get("/si"));
        assertEquals(2.0, p.get("/di"));
        assertEquals(1, p.get("/y/a"));
        assertEquals(List.of(1, 2), p.get("/y/b"));
        assertEquals("hello\nworld\n", p.get("/t"));
        assertEquals("hi\n", p.get("/c"));
    }

    @Test
    void badTypedValuesFailWithLine() throws IOException {
        Path f = write("a.launch", "<launch>\n<param name=\"i\" type=\"int\" value=\"4.5\"/>\n</launch>");
        assertTrue(fails(f, Map.of()).getMessage().contains("a.launch:2"));
        Path g = write("b.launch", "<launch>\n<param name=\"i\" type=\"vector\" value=\"4\"/>\n</launch>");
        assertTrue(fails(g, Map.of()).getMessage().contains("unknown param type"));
    }

    @Test
    void nodesGetNamespacesPrivateParamsRemapsAndEnv() throws IOException {
        Path f = write("a.launch", """
                <launch>
                  <remap from="image" to="/camera/image_raw"/>
                  <env name="A" value="1"/>
                  <group ns="drone">
                    <node pkg="liquidpilot" type="pilot" name="pilot" output="screen" args="--x 'a b'" respawn="true" respawn_delay="2">
                      <param name="rate_hz" value="30"/>
                      <param name="~speed" value="4"/>
                      <param name="/global" value="g"/>
                      <param name="rel" value="r"/>
                      <remap from="cmd_vel" to="/mavros/setpoint_velocity/cmd_vel"/>
                      <env name="B" value="2"/>
                      <rosparam>
                        gains: {k: 0.5}
                      </rosparam>
                    </node>
                  </group>
                  <node pkg="liquidpilot" type="sim" name="sim" ns="world" required="true"/>
                </launch>""");
        LaunchPlan plan = load(f, Map.of());
        NodeSpec pilot = plan.node("/drone/pilot");
        assertEquals("pilot", pilot.type());
        assertEquals("/drone/", pilot.namespace());
        assertEquals(List.of("--x", "a b"), pilot.args());
        assertEquals(Map.of("image", "/camera/image_raw", "cmd_vel", "/mavros/setpoint_velocity/cmd_vel"), pilot.remaps());
        assertEquals(Map.of("A", "1", "B", "2"), pilot.env());
        assertTrue(pilot.respawn());
        assertEquals(2.0, pilot.respawnDelay());
        assertEquals("screen", pilot.output());
        assertEquals(30, plan.params().get("/drone/pilot/rate_hz"));
        assertEquals(4, plan.params().get("/drone/pilot/speed"));
        assertEquals("g", plan.params().get("/global"));
        assertEquals("r", plan.params().get("/drone/pilot/rel"));
        assertEquals(0.5, plan.params().get("/drone/pilot/gains/k"));
        NodeSpec sim = plan.node("/world/sim");
        assertTrue(sim.required());
        assertEquals(Map.of("image", "/camera/image_raw"), sim.remaps());
        assertTrue(sim.location().endsWith("a.launch:17"), sim.location());
    }

    @Test
    void groupIfUnlessAndEval() throws IOException {
        Path f = write("a.launch", """
                <launch>
                  <arg name="mavros" default="false"/>
                  <arg name="n" default="3"/>
                  <group if="$(arg mavros)"><param name="out" value="mavros"/></group>
                  <group unless="$(arg mavros)"><param name="out" value="twist"/></group>
                  <param name="twice" value="$(eval arg('n') + 'x')"/>
                  <param name="math" value="$(eval int(n) * 2 + 1)"/>
                  <param name="cond" value="$(eval n == '3' and not mavros == 'true')"/>
                  <node if="$(eval int(n) > 5)" pkg="liquidpilot" type="sim" name="sim"/>
                </launch>""");
        LaunchPlan plan = load(f, Map.of());
        assertEquals("twist", plan.params().get("/out"));
        assertEquals("3x", plan.params().get("/twice"));
        assertEquals(7, plan.params().get("/math"));
        assertEquals(true, plan.params().get("/cond"));
        assertTrue(plan.nodes().isEmpty());
        LaunchPlan other = load(f, Map.of("mavros", "true", "n", "9"));
        assertEquals("mavros", other.params().get("/out"));
        assertEquals(1, other.nodes().size());
    }

    @Test
    void badConditionValueIsAnError() throws IOException {
        Path f = write("a.launch", "<launch>\n<group if=\"maybe\"/>\n</launch>");
        assertTrue(fails(f, Map.of()).getMessage().contains("a.launch:2"));
    }

    @Test
    void substitutionsEnvOptenvFindAnonDirname() throws IOException {
        write("pkg/package.xml", "<package><name>mypkg</name></package>");
        Path f = write("pkg/launch/a.launch", """
                <launch>
                  <param name="env" value="$(env LP_TEST_ENV)"/>
                  <param name="opt" value="$(optenv LP_NOT_SET some default)"/>
                  <param name="opt2" value="$(optenv LP_TEST_ENV nothing)"/>
                  <param name="find" value="$(find mypkg)/config"/>
                  <param name="dir" value="$(dirname)"/>
                  <param name="anon1" value="$(anon cam)"/>
                  <param name="anon2" value="$(anon cam)"/>
                </launch>""");
        Map<String, Object> p = load(f, Map.of()).params();
        assertEquals("from-env", p.get("/env"));
        assertEquals("some default", p.get("/opt"));
        assertEquals("from-env", p.get("/opt2"));
        assertEquals(dir.resolve("pkg").toRealPath() + "/config", Path.of((String) p.get("/find")).toAbsolutePath().toString()
                .replace(dir.resolve("pkg").toString(), dir.resolve("pkg").toRealPath().toString()));
        assertEquals(dir.resolve("pkg/launch").toAbsolutePath().toString(), p.get("/dir"));
        assertEquals(p.get("/anon1"), p.get("/anon2"));
        assertTrue(((String) p.get("/anon1")).startsWith("cam_"));
    }

    @Test
    void missingEnvAndPackageAreErrors() throws IOException {
        Path f = write("a.launch", "<launch>\n<param name=\"e\" value=\"$(env LP_NOT_SET)\"/>\n</launch>");
        assertTrue(fails(f, Map.of()).getMessage().contains("LP_NOT_SET"));
        Path g = write("b.launch", "<launch>\n<param name=\"e\" value=\"$(find no_such_pkg)\"/>\n</launch>");
        assertTrue(fails(g, Map.of()).getMessage().contains("no_such_pkg"));
        Path h = write("c.launch", "<launch>\n<param name=\"e\" value=\"$(bogus x)\"/>\n</launch>");
        assertTrue(fails(h, Map.of()).getMessage().contains("unknown substitution"));
    }

    @Test
    void includePassesArgsNamespaceAndRemaps() throws IOException {
        write("inner.launch", """
                <launch>
                  <arg name="rate"/>
                  <arg name="unused" default="u"/>
                  <node pkg="liquidpilot" type="pilot" name="pilot"><param name="rate_hz" value="$(arg rate)"/></node>
                </launch>""");
        Path f = write("outer.launch", """
                <launch>
                  <arg name="r" default="15"/>
                  <remap from="a" to="b"/>
                  <include file="$(dirname)/inner.launch" ns="car">
                    <arg name="rate" value="$(arg r)"/>
                  </include>
                </launch>""");
        LaunchPlan plan = load(f, Map.of());
        assertEquals(15, plan.params().get("/car/pilot/rate_hz"));
        assertEquals(Map.of("a", "b"), plan.node("/car/pilot").remaps());
    }

    @Test
    void includeWithUnknownArgIsAnErrorAtTheIncludeLine() throws IOException {
        write("inner.launch", "<launch><arg name=\"rate\" default=\"1\"/></launch>");
        Path f = write("outer.launch", "<launch>\n<include file=\"$(dirname)/inner.launch\">\n<arg name=\"ratee\" value=\"2\"/>\n</include>\n</launch>");
        LaunchException e = fails(f, Map.of());
        assertTrue(e.getMessage().contains("outer.launch:2"), e.getMessage());
        assertTrue(e.getMessage().contains("ratee"), e.getMessage());
    }

    @Test
    void passAllArgsForwardsWithoutRequiringDeclarations() throws IOException {
        write("inner.launch", "<launch><arg name=\"a\"/><param name=\"a\" value=\"$(arg a)\"/></launch>");
        Path f = write("outer.launch", """
                <launch>
                  <arg name="a" default="1"/>
                  <arg name="b" default="2"/>
                  <include file="$(dirname)/inner.launch" pass_all_args="true"/>
                </launch>""");
        assertEquals(1, load(f, Map.of()).params().get("/a"));
    }

    @Test
    void includeCyclesAreCaught() throws IOException {
        write("x.launch", "<launch>\n<include file=\"$(dirname)/y.launch\"/>\n</launch>");
        Path y = write("y.launch", "<launch>\n\n<include file=\"$(dirname)/x.launch\"/>\n</launch>");
        LaunchException e = fails(y, Map.of());
        assertTrue(e.getMessage().contains("include cycle"), e.getMessage());
        Path self = write("self.launch", "<launch><include file=\"$(dirname)/self.launch\"/></launch>");
        assertTrue(fails(self, Map.of()).getMessage().contains("include cycle"));
    }

    @Test
    void missingIncludeNamesTheIncludingLine() throws IOException {
        Path f = write("a.launch", "<launch>\n\n<include file=\"$(dirname)/nope.launch\"/>\n</launch>");
        LaunchException e = fails(f, Map.of());
        assertTrue(e.getMessage().startsWith(f + ":3:"), e.getMessage());
    }

    @Test
    void rosparamLoadFileNamespaceDeleteAndSubst() throws IOException {
        Path yaml = write("p.yaml", "speed: 4.0\nlimits:\n  yaw: 1.2\n  names: [a, b]\n");
        Path f = write("a.launch", """
                <launch>
                  <arg name="k" default="9"/>
                  <rosparam file="%s" ns="pilot"/>
                  <rosparam param="single">3</rosparam>
                  <rosparam subst_value="true">gain: $(arg k)</rosparam>
                  <rosparam command="delete" param="pilot/limits"/>
                </launch>""".formatted(yaml));
        LaunchPlan plan = load(f, Map.of());
        assertEquals(4.0, plan.params().get("/pilot/speed"));
        assertNull(plan.params().get("/pilot/limits/yaw"));
        assertEquals(List.of("/pilot/limits"), plan.deleteParams());
        assertEquals(3, plan.params().get("/single"));
        assertEquals(9, plan.params().get("/gain"));
    }

    @Test
    void badYamlNamesTheLine() throws IOException {
        Path f = write("a.launch", "<launch>\n<rosparam>\n  a: [1, 2\n</rosparam>\n</launch>");
        LaunchException e = fails(f, Map.of());
        assertTrue(e.getMessage().contains("a.launch:2") && e.getMessage().contains("YAML"), e.getMessage());
    }

    @Test
    void strictStructureErrors() throws IOException {
        assertTrue(fails(write("a.launch", "<launch>\n<nodee name=\"x\"/>\n</launch>"), Map.of()).getMessage().contains("unknown tag"));
        assertTrue(fails(write("b.launch", "<launch>\n<node pkg=\"p\" type=\"t\"/>\n</launch>"), Map.of()).getMessage().contains("'name'"));
        assertTrue(fails(write("c.launch", "<launch>\n<node pkg=\"p\" type=\"t\" name=\"a/b\"/>\n</launch>"), Map.of()).getMessage().contains("base name"));
        assertTrue(fails(write("d.launch", "<launch>\n<node pkg=\"p\" type=\"t\" name=\"a\"/><node pkg=\"p\" type=\"t\" name=\"a\"/>\n</launch>"), Map.of())
                .getMessage().contains("more than one node"));
        assertTrue(fails(write("e.launch", "<launch>\n<param name=\"~p\" value=\"1\"/>\n</launch>"), Map.of()).getMessage().contains("private"));
        assertTrue(fails(write("f.launch", "<roslaunch/>"), Map.of()).getMessage().contains("expected <launch>"));
        assertTrue(fails(write("g.launch", "<launch>\n<arg name=\"a\"/>\n<arg name=\"a\"/>\n</launch>"), Map.of()).getMessage().contains("a.launch".replace("a.", "g.") + ":3"));
        assertTrue(fails(write("h.launch", "<launch>\n<param name=\"p\" valu=\"1\"/>\n</launch>"), Map.of()).getMessage().contains("unknown attribute"));
        assertTrue(fails(write("i.launch", "<launch>\n<node pkg=\"p\" type=\"t\" name=\"n\" respawn=\"true\" required=\"true\"/>\n</launch>"), Map.of())
                .getMessage().contains("i.launch:2"));
    }

    @Test
    void badXmlNamesTheLine() throws IOException {
        Path f = write("a.launch", "<launch>\n  <param name=\"x\" value=\"1\">\n</launch>");
        LaunchException e = fails(f, Map.of());
        assertTrue(e.getMessage().startsWith(f + ":3: bad XML"), e.getMessage());
    }

    @Test
    void entitiesAndDoctypesAreRefused() throws IOException {
        Path f = write("a.launch", "<?xml version=\"1.0\"?>\n<!DOCTYPE launch [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<launch><param name=\"p\" value=\"&x;\"/></launch>");
        assertTrue(fails(f, Map.of()).getMessage().contains("bad XML"));
    }

    @Test
    void clearParamsOnGroupsAndNodes() throws IOException {
        Path f = write("a.launch", """
                <launch>
                  <group ns="g" clear_params="true"><node pkg="p" type="t" name="n" clear_params="true"/></group>
                </launch>""");
        assertEquals(List.of("/g", "/g/n"), load(f, Map.of()).clearParams());
    }

    @Test
    void summaryListsParamsAndNodes() throws IOException {
        Path f = write("a.launch", "<launch><node pkg=\"liquidpilot\" type=\"pilot\" name=\"pilot\"><param name=\"rate_hz\" value=\"30\"/></node></launch>");
        String s = load(f, Map.of()).summary();
        assertTrue(s.contains(" * /pilot/rate_hz: 30"), s);
        assertTrue(s.contains("pilot (liquidpilot/pilot)"), s);
    }
}
