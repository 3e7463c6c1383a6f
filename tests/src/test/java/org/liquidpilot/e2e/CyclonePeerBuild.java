package org.liquidpilot.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Builds the ros2 module's Cyclone DDS C peer (ros2/src/test/cpeer) with idlc and cc into a folder of this module. */
final class CyclonePeerBuild {
    private CyclonePeerBuild() {}

    static synchronized Path build(Path src, Path out) throws Exception {
        Path bin = out.resolve("peer");
        if (Files.isExecutable(bin)) return bin;
        Files.createDirectories(out);
        run(out, "idlc", "-o", out.toString(), src.resolve("ros2_types.idl").toString());
        run(out, "cc", "-O1", "-I" + out, "-o", bin.toString(), src.resolve("peer.c").toString(), out.resolve("ros2_types.c").toString(), "-lddsc");
        return bin;
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + output);
    }
}
