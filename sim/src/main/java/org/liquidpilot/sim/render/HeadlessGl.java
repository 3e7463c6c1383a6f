package org.liquidpilot.sim.render;

import org.lwjgl.glfw.GLFW;
import org.lwjgl.system.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Off-screen GL without an X server: GLFW's null platform with Mesa's OSMesa software rasteriser. OSMesa refuses
 * forward-compatible (core) contexts, so the renderer asks for an OpenGL 2 context and gets Mesa's 4.5
 * compatibility profile.
 */
public final class HeadlessGl {
    private HeadlessGl() {}

    static final String OSMESA = "libOSMesa.so.8";
    private static final List<String> LIB_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/usr/lib", "/usr/local/lib");
    private static boolean configured;

    /** True when OSMesa is installed (apt libosmesa6). */
    public static boolean osmesaInstalled() {
        return LIB_DIRS.stream().anyMatch(d -> Files.exists(Path.of(d, OSMESA)));
    }

    /** True when a real window can be opened. */
    public static boolean displayAvailable() {
        String d = System.getenv("DISPLAY"), w = System.getenv("WAYLAND_DISPLAY");
        return (d != null && !d.isBlank()) || (w != null && !w.isBlank());
    }

    /** True when the renderer can run here, windowless. */
    public static boolean available() {
        return osmesaInstalled();
    }

    /** Must run before any GL class loads in this JVM; later calls do nothing. */
    static synchronized void configure() {
        if (configured) return;
        if (!osmesaInstalled()) throw new IllegalStateException("no " + OSMESA + " (install apt libosmesa6) for windowless rendering");
        Configuration.OPENGL_LIBRARY_NAME.set(OSMESA);
        GLFW.glfwInitHint(GLFW.GLFW_PLATFORM, GLFW.GLFW_PLATFORM_NULL);
        configured = true;
    }
}
