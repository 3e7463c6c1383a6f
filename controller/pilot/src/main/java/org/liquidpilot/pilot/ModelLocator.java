package org.liquidpilot.pilot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the model file a pilot flies, so that the safe choice is the default: with no {@code ~model} the shipped
 * model for the vehicle, never an untrained network unless {@code ~allow_untrained} says so.
 * <p>
 * A relative path is looked up in the liquidpilot package first (the {@code ~package_path} that launch files set
 * with {@code $(find liquidpilot)}, {@code $LIQUIDPILOT_HOME} that the launcher sets, and the {@code liquidpilot}
 * package on {@code $ROS_PACKAGE_PATH}), then in the working directory. When nothing is found the error names every
 * place it looked.
 */
public final class ModelLocator {
    /** The shipped model of each vehicle, relative to the package. */
    static final Map<String, String> SHIPPED = Map.of("car", "models/ncp19-forest-road.safetensors",
            "quad", "models/ncp19-forest-drone.safetensors");

    private final List<Path> packageRoots;
    private final Path workingDir;

    public ModelLocator(List<Path> packageRoots, Path workingDir) {
        this.packageRoots = List.copyOf(packageRoots);
        this.workingDir = workingDir;
    }

    /**
     * The package roots: a launch file's {@code ~package_path} alone when it is set ({@code $(find liquidpilot)} says
     * exactly where the package is, so a checkout elsewhere on {@code $LIQUIDPILOT_HOME} cannot slip in another
     * model), else {@code $LIQUIDPILOT_HOME} and the liquidpilot package on {@code ROS_PACKAGE_PATH}.
     */
    public static ModelLocator fromEnvironment(String packagePathParam, Map<String, String> env) {
        if (packagePathParam != null && !packagePathParam.isBlank()) {
            return new ModelLocator(List.of(Path.of(packagePathParam)), Path.of("").toAbsolutePath());
        }
        Set<Path> roots = new LinkedHashSet<>();
        String home = env.get("LIQUIDPILOT_HOME");
        if (home != null && !home.isBlank()) roots.add(Path.of(home));
        String rpp = env.get("ROS_PACKAGE_PATH");
        if (rpp != null) {
            for (String dir : rpp.split(":")) {
                if (!dir.isBlank() && isLiquidpilotPackage(Path.of(dir))) roots.add(Path.of(dir));
            }
        }
        return new ModelLocator(new ArrayList<>(roots), Path.of("").toAbsolutePath());
    }

    private static boolean isLiquidpilotPackage(Path dir) {
        try {
            Path xml = dir.resolve("package.xml");
            return Files.isRegularFile(xml) && Files.readString(xml).contains("<name>liquidpilot</name>");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The model file to load: {@code model}, or with none the vehicle's shipped model; null (an untrained network)
     * only when neither is there and {@code allowUntrained} is set.
     *
     * @throws IllegalArgumentException with a one-line reason naming every place looked, when there is no file to fly
     */
    public Path resolve(String model, String vehicle, boolean allowUntrained) {
        if (model == null || model.isBlank()) {
            String shipped = SHIPPED.get(vehicle);
            if (shipped == null) {
                if (allowUntrained) return null;
                throw new IllegalArgumentException("no " + vehicle + " model ships yet: give ~model (model:=FILE), or ~allow_untrained:=true to fly an untrained network");
            }
            try {
                return find(shipped, "the shipped " + vehicle + " model");
            } catch (IllegalArgumentException missing) {
                if (allowUntrained) return null;
                throw missing;
            }
        }
        return find(model, "~model");
    }

    private Path find(String name, String what) {
        Path given = Path.of(name);
        List<Path> tried = new ArrayList<>();
        if (given.isAbsolute()) {
            tried.add(given);
        } else {
            for (Path root : packageRoots) tried.add(root.resolve(given).normalize());
            tried.add(workingDir.resolve(given).normalize());
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p)) return p;
        }
        throw new IllegalArgumentException(what + " '" + name + "' not found; looked in: "
                + String.join(", ", tried.stream().map(Path::toString).toList()));
    }
}
