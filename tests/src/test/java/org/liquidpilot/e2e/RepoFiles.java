package org.liquidpilot.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout these tests run in: the launch files and node executables are part of every clone. */
final class RepoFiles {
    private RepoFiles() {}

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("package.xml")) && Files.isRegularFile(dir.resolve("liquidpilot"))) return dir;
        }
        throw new IllegalStateException("not inside a liquidpilot checkout");
    }
}
