package org.liquidpilot.cli;

import picocli.CommandLine.Command;

import java.io.File;
import java.util.concurrent.Callable;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Installs what the tests need (as root through apt: Debian ros-core, OSMesa, ...; otherwise it names "
                + "what is missing) and runs every test with mvn -B verify, including the Debian ROS and GL interop tests."})
public final class TestCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        // The launcher script handles `test` before any Java starts; this path serves a CLI started some other way.
        File root = RepoRoot.find();
        return new ProcessBuilder(new File(root, "liquidpilot").getPath(), "test")
                .directory(root).inheritIO().start().waitFor();
    }
}
