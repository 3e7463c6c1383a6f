package org.liquidpilot.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Answers {@code $(find pkg)} the way rospack does: a directory holding a {@code package.xml} whose {@code <name>}
 * is {@code pkg}, searched under ROS_PACKAGE_PATH. A launch file inside a package also finds that package by
 * walking up from the file, so {@code $(find liquidpilot)} works in a plain checkout with no ROS environment.
 */
public final class PackageFinder {
    private static final Pattern NAME = Pattern.compile("<name>\\s*([^<\\s]+)\\s*</name>");
    private static final int SEARCH_DEPTH = 4;
    private final String rosPackagePath;

    public PackageFinder(Map<String, String> env) {
        this.rosPackagePath = env.getOrDefault("ROS_PACKAGE_PATH", "");
    }

    public Path find(String pkg, Path fromFile) {
        for (Path dir = fromFile.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (pkg.equals(packageName(dir))) return dir;
        }
        for (String entry : rosPackagePath.split(":")) {
            if (entry.isBlank()) continue;
            Path root = Path.of(entry);
            if (!Files.isDirectory(root)) continue;
            if (pkg.equals(packageName(root))) return root;
            try (Stream<Path> walk = Files.walk(root, SEARCH_DEPTH)) {
                var hit = walk.filter(Files::isDirectory).filter(d -> pkg.equals(packageName(d))).findFirst();
                if (hit.isPresent()) return hit.get();
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // an unreadable corner of the path is not our package
            }
        }
        throw new IllegalArgumentException("package '" + pkg + "' not found (ROS_PACKAGE_PATH=" + rosPackagePath + ")");
    }

    static String packageName(Path dir) {
        Path xml = dir.resolve("package.xml");
        if (!Files.isRegularFile(xml)) return null;
        try {
            Matcher m = NAME.matcher(LaunchFiles.readText(xml, 1 << 20));
            return m.find() ? m.group(1) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null; // unreadable, too big, not text: not a package we can use
        }
    }
}
