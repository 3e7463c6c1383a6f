package org.liquidpilot.sim.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ScenariosTest {

    @Test
    void everyNamedScenarioLoadsFromTheClasspath() {
        for (String name : Scenarios.NAMES) {
            Scenario s = Scenarios.resolve(name);
            assertEquals(name, s.name());
            assertEquals(s.isQuad(), !s.world().equals("forest-road"), name);
            assertEquals(s.isTargetTask(), s.world().equals("forest-open"), name);
        }
        Scenario storm = Scenarios.resolve("storm");
        assertTrue(storm.weather().rain() > 0.5 && storm.weather().fog() > 0 && storm.wind().turbulence().equals("severe"));
        assertTrue(Scenarios.resolve("night").weather().night());
        assertEquals("winter", Scenarios.resolve("winter").weather().season());
    }

    @Test
    void parsesTheDesignExampleAndFillsDefaults() {
        Scenario s = Scenarios.parse("""
                world: forest-trail
                vehicle: quad
                seed: 3
                camera: {width: 64, height: 32}
                weather: {rain: 0.5, season: autumn}
                wind: {mean_mps: 4, turbulence: moderate}
                """);
        assertEquals("forest-trail", s.world());
        assertEquals(3, s.seed());
        assertEquals(64, s.camera().width());
        assertEquals(70, s.camera().fovDeg());
        assertEquals(0.5, s.weather().rain());
        assertEquals(45, s.weather().sunAltitudeDeg());
        assertEquals(20, s.episodes());
        assertEquals(1.5, s.success().maxCrossTrackM());
    }

    @Test
    void readsAFileAndNamesTheScenarioAfterIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("mine.yaml");
        Files.writeString(f, "seed: 11\nepisodes: 2\n");
        Scenario s = Scenarios.resolve(f.toString());
        assertEquals("mine", s.name());
        assertEquals(2, s.episodes());
    }

    @Test
    void rejectsBadValuesWithAOneLineReason() {
        assertBad("weather: {rain: 2}", "rain");
        assertBad("world: moon", "world");
        assertBad("wind: {turbulence: hurricane}", "turbulence");
        assertBad("camera: {width: 100000}", "camera size");
        assertBad("episodes: 99999999999", "episodes");
        assertBad("speed_mps: fast", "speed_mps");
        assertBad("wheather: {rain: 0.1}", "unknown scenario key");
        assertBad("weather: 3", "mapping");
        assertBad("- a\n- b", "mapping");
        assertBad("seed: [1, 2]", "seed");
        assertBad("weather: {season: spring}", "season");
        assertBad("vehicle_lights: bright", "vehicle_lights");
        assertBad("vehicle_lights: [on]", "vehicle_lights");
        assertThrows(IllegalArgumentException.class, () -> Scenarios.resolve("no-such-scenario"));
    }

    @Test
    void theCarsLampsFollowTheLightAndTheDroneHasNoneUnlessAsked() {
        assertEquals("auto", Scenarios.resolve("nominal").vehicleLights());
        assertFalse(Scenarios.resolve("nominal").lampsOn());
        assertTrue(Scenarios.resolve("night").lampsOn());
        assertFalse(Scenarios.resolve("dusk").lampsOn(), "dusk's sun is 4 degrees up");
        var t = Scenarios.resolveTree("trail-nominal");
        Scenarios.override(t, "night", "true");
        assertFalse(Scenarios.toScenario(t).lampsOn(), "the drone carries no lamp by default");
        Scenarios.override(t, "vehicle_lights", "on");
        assertTrue(Scenarios.toScenario(t).lampsOn());
        var n = Scenarios.resolveTree("nominal");
        Scenarios.override(n, "sun_altitude_deg", "2");
        assertTrue(Scenarios.toScenario(n).lampsOn(), "the sun at 2 degrees counts as dark");
        Scenarios.override(n, "vehicle_lights", "off");
        assertFalse(Scenarios.toScenario(n).lampsOn());
    }

    @Test
    void readsTheTargetTasksBiomesAndCameraStressTests() {
        Scenario t = Scenarios.resolve("drone-target"), h = Scenarios.resolve("drone-hike");
        assertEquals("target", t.task());
        assertEquals("hike", h.task());
        assertEquals("mixed", t.biome());
        assertEquals(2.0, t.success().reachM());
        assertEquals(12.0, t.success().maxBearingDeg());
        Scenario s = Scenarios.parse("""
                world: forest-open
                vehicle: quad
                task: hike
                biome: Pine
                camera: {rotation_deg: -20, occlusion: 0.25}
                success: {reach_m: 1.5, max_bearing_deg: 8}
                """);
        assertEquals("pine", s.biome());
        assertEquals(-20, s.camera().rotationDeg());
        assertEquals(0.25, s.camera().occlusion());
        assertEquals(1.5, s.success().reachM());
        Scenario old = Scenarios.resolve("trail-nominal");
        assertEquals("trail", old.task(), "files from before tasks follow the trail");
        assertEquals(0, old.camera().rotationDeg());
        assertEquals(0, old.camera().occlusion());
    }

    @Test
    void rejectsBadTasksBiomesAndStressTestsWithAOneLineReason() {
        String open = "world: forest-open\nvehicle: quad\n";
        assertBad(open + "task: fly", "task must be trail, target or hike, not 'fly'");
        assertBad(open + "task: target\nbiome: oak", "biome must be mixed, birch or pine, not 'oak'");
        assertBad(open + "task: target\nbiome: 3", "biome must be");
        assertBad(open + "task: target\nweather: {season: spring}", "season must be summer, autumn or winter, not 'spring'");
        assertBad(open + "task: target\ncamera: {rotation_deg: 90}", "rotation_deg must be -45..45");
        assertBad(open + "task: target\ncamera: {occlusion: 0.9}", "occlusion must be 0..0.5");
        assertBad(open + "task: target\ncamera: {occlusion: lots}", "'occlusion' must be a number");
        assertBad(open + "task: target\nsuccess: {reach_m: 0}", "reach_m must be 1..5");
        assertBad(open + "task: target\nsuccess: {max_bearing_deg: 90}", "max_bearing_deg must be 1..60");
        assertBad(open, "world forest-open has no path to follow");
        assertBad("world: forest-trail\nvehicle: quad\ntask: target", "task target flies the quad in world forest-open");
        assertBad("world: forest-open\nvehicle: car\ntask: hike", "task hike flies the quad in world forest-open");
        assertBad(open + "task: target\ntarget: {x: 3}", "unknown scenario key 'target'");
        assertBad(open + "task: target\ncamera: {roll_deg: 3}", "unknown scenario key 'camera.roll_deg'");
    }

    @Test
    void overridesDottedKeysForSweeps() {
        ObjectNode t = Scenarios.resolveTree("nominal");
        Scenarios.override(t, "rain", "0.7");
        Scenarios.override(t, "wind.mean_mps", "5");
        Scenarios.override(t, "weather.season", "winter");
        Scenario s = Scenarios.toScenario(t);
        assertEquals(0.7, s.weather().rain());
        assertEquals(5, s.wind().meanMps());
        assertEquals("winter", s.weather().season());
        assertThrows(IllegalArgumentException.class, () -> Scenarios.override(t, "weather", "1"));
        assertThrows(IllegalArgumentException.class, () -> Scenarios.override(t, "nope.rain", "1"));
        assertThrows(IllegalArgumentException.class, () -> Scenarios.override(t, "rain", "{a: 1}"));
    }

    @Property(tries = 300)
    void garbageIsEitherAScenarioOrAnIllegalArgument(@ForAll @StringLength(max = 200) String text) {
        try {
            Scenarios.parse(text);
        } catch (IllegalArgumentException expected) {
            assertNotNull(expected.getMessage());
        }
    }

    @Property(tries = 200)
    void mutatedScenarioTextNeverEscapesAsAnotherException(@ForAll @StringLength(min = 1, max = 6) String insert,
                                                            @ForAll("positions") int at) {
        String base = "world: forest-road\nweather: {rain: 0.3, fog: 0.1}\nwind: {mean_mps: 2}\n";
        int p = Math.min(at, base.length());
        try {
            Scenarios.parse(base.substring(0, p) + insert + base.substring(p));
        } catch (IllegalArgumentException expected) {
            assertNotNull(expected.getMessage());
        }
    }

    @Test
    void aFileThatIsNotUtf8IsAOneLineError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.write(f, new byte[] {'s', 'e', 'e', 'd', ':', ' ', (byte) 0xFF, '\n'});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenarios.resolve(f.toString()));
        assertEquals(f + ": not UTF-8 text (invalid byte 0xff at offset 6)", e.getMessage());
    }

    @Test
    void anEmptyFileIsAnError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path empty = Files.write(dir.resolve("empty.yaml"), new byte[0]);
        assertEquals(empty + ": the scenario file is empty",
                assertThrows(IllegalArgumentException.class, () -> Scenarios.resolve(empty.toString())).getMessage());
        Path comments = Files.writeString(dir.resolve("comments.yaml"), "# nothing here\n\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scenarios.resolve(comments.toString()))
                .getMessage().endsWith("holds no scenario (it is empty or only comments)"));
        assertBad("", "holds no scenario");
    }

    @Test
    void duplicateKeysAreErrorsNamingTheKey() {
        assertBad("seed: 1\nepisodes: 2\nseed: 3\n", "duplicate key 'seed' at line 3");
        assertBad("weather:\n  rain: 0.1\n  rain: 0.2\n", "duplicate key 'rain'");
        assertBad("wind: {mean_mps: 1, mean_mps: 2}", "duplicate key 'mean_mps'");
    }

    @Test
    void aMappingWhereAValueBelongsIsAnIllegalArgument() {
        assertBad("seed: {a: 1}", "seed");
        assertBad("name: {a: 1}", "name");
    }

    @Property(tries = 200)
    void randomBytesInAScenarioFileAreAScenarioOrAnIllegalArgument(@ForAll @net.jqwik.api.constraints.Size(max = 300) byte[] bytes,
                                                                   @ForAll boolean yamlPrefix) throws Exception {
        Path f = Files.createTempFile("scenario", ".yaml");
        try {
            byte[] head = yamlPrefix ? "world: forest-road\nweather: {rain: ".getBytes(java.nio.charset.StandardCharsets.UTF_8) : new byte[0];
            byte[] all = java.util.Arrays.copyOf(head, head.length + bytes.length);
            System.arraycopy(bytes, 0, all, head.length, bytes.length);
            Files.write(f, all);
            try {
                Scenarios.resolve(f.toString());
            } catch (IllegalArgumentException expected) {
                assertNotNull(expected.getMessage());
                assertFalse(expected.getMessage().contains("\n"), expected.getMessage());
            }
        } finally {
            Files.delete(f);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> positions() {
        return net.jqwik.api.Arbitraries.integers().between(0, 80);
    }

    private static void assertBad(String yaml, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenarios.parse(yaml), yaml);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
