package org.liquidpilot.pilot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Which model a pilot flies: never an untrained network unless asked, and errors that say where they looked. */
class ModelLocatorTest {

    @Test
    void noModelMeansTheShippedOneForTheVehicleFoundInThePackage(@TempDir Path dir) throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(pkg.resolve("package.xml"), "<package><name>liquidpilot</name></package>");
        Path shipped = Files.createDirectories(pkg.resolve("models")).resolve("ncp19-forest-road.safetensors");
        Files.writeString(shipped, "x");
        ModelLocator viaRosPackagePath = ModelLocator.fromEnvironment("", Map.of("ROS_PACKAGE_PATH", "/nonexistent:" + pkg));
        assertEquals(shipped, viaRosPackagePath.resolve("", "car", false));
        assertEquals(shipped, ModelLocator.fromEnvironment(pkg.toString(), Map.of()).resolve("", "car", false), "$(find liquidpilot)");
        assertEquals(shipped, ModelLocator.fromEnvironment("", Map.of("LIQUIDPILOT_HOME", pkg.toString())).resolve(null, "car", true),
                "a shipped model wins over allow_untrained");
        Path drone = Files.writeString(pkg.resolve("models/ncp19-forest-drone.safetensors"), "y");
        assertEquals(drone, viaRosPackagePath.resolve("", "quad", false), "the drone has its own shipped model");
        Path elsewhere = Files.createDirectories(pkg.resolveSibling("elsewhere"));
        assertNull(ModelLocator.fromEnvironment(elsewhere.toString(), Map.of("LIQUIDPILOT_HOME", pkg.toString())).resolve("", "quad", true),
                "~package_path says where the package is: a checkout on $LIQUIDPILOT_HOME does not slip in its model");
    }

    @Test
    void anUntrainedNetworkNeedsToBeAskedFor(@TempDir Path dir) {
        ModelLocator none = new ModelLocator(List.of(dir), dir);
        String quad = assertThrows(IllegalArgumentException.class, () -> none.resolve("", "quad", false)).getMessage();
        assertTrue(quad.contains("shipped quad model") && quad.contains("ncp19-forest-drone"), "a missing shipped file is an error: " + quad);
        assertNull(none.resolve("", "quad", true), "asked for: untrained");
        String car = assertThrows(IllegalArgumentException.class, () -> none.resolve("", "car", false)).getMessage();
        assertTrue(car.contains("shipped car model") && car.contains(dir.toString()), "a missing shipped file is an error: " + car);
        assertNull(none.resolve("", "car", true));
    }

    @Test
    void relativePathsResolveInThePackageThenTheWorkingDirectoryAndTheErrorNamesEveryPlace(@TempDir Path dir) throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("pkg")), cwd = Files.createDirectories(dir.resolve("cwd"));
        Files.createDirectories(cwd.resolve("models"));
        Path inCwd = Files.writeString(cwd.resolve("models/x.safetensors"), "x");
        ModelLocator l = new ModelLocator(List.of(pkg), cwd);
        assertEquals(inCwd, l.resolve("models/x.safetensors", "car", false));
        Files.createDirectories(pkg.resolve("models"));
        Path inPkg = Files.writeString(pkg.resolve("models/x.safetensors"), "y");
        assertEquals(inPkg, l.resolve("models/x.safetensors", "car", false), "the package comes first");
        String msg = assertThrows(IllegalArgumentException.class, () -> l.resolve("models/none.safetensors", "car", true)).getMessage();
        assertTrue(msg.contains(pkg.resolve("models/none.safetensors").toString()) && msg.contains(cwd.resolve("models/none.safetensors").toString())
                && !msg.contains("\n"), msg);
        assertThrows(IllegalArgumentException.class, () -> l.resolve(dir.resolve("abs.safetensors").toString(), "car", false));
    }
}
