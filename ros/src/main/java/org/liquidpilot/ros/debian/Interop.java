package org.liquidpilot.ros.debian;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides whether tests that need outside software (Debian's ROS tools, a GL context) run.
 * <p>
 * Under {@code ./liquidpilot test} (system property {@code lp.interop=true}) they must run: a missing tool is a
 * failure. Under a plain {@code mvn verify} they may be skipped, but never silently: the reason goes to stderr.
 */
public final class Interop {
    private Interop() {}

    /** Where Debian's ROS tools live; their Python needs {@code /usr/bin/python3}, not the first python3 on PATH. */
    public static final Path ROS_BIN = Path.of("/usr/bin");

    public static boolean required() {
        return Boolean.getBoolean("lp.interop");
    }

    public static boolean debianRosInstalled() {
        return Files.isExecutable(ROS_BIN.resolve("roscore")) && Files.isExecutable(ROS_BIN.resolve("rostopic"))
                && Files.isExecutable(Path.of("/usr/bin/python3"));
    }

    /**
     * True when a test needing {@code what} should run. When it may not run, prints a visible notice and returns
     * false (use with {@code Assumptions.assumeTrue}); when it must run but cannot, throws.
     */
    public static boolean shouldRun(String what, boolean available) {
        if (available) return true;
        if (required()) {
            throw new IllegalStateException(what + " is required under ./liquidpilot test but is not available;"
                    + " run ./liquidpilot test as root so it can install it");
        }
        System.err.println("NOTICE: skipping a test that needs " + what
                + " (not installed; ./liquidpilot test installs it and runs these tests)");
        return false;
    }

    public static boolean shouldRunWithDebianRos() {
        return shouldRun("Debian ROS (apt ros-core)", debianRosInstalled());
    }
}
