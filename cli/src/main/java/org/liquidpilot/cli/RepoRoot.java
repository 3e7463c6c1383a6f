package org.liquidpilot.cli;

import java.io.File;

/** Finds the checkout the CLI runs from, for commands that use files beside the code (launch files, scenarios). */
public final class RepoRoot {
    private RepoRoot() {}

    public static File find() {
        String fromEnv = System.getenv("LIQUIDPILOT_HOME");
        if (fromEnv != null && new File(fromEnv, "liquidpilot").isFile()) return new File(fromEnv);
        for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            if (new File(dir, "liquidpilot").isFile() && new File(dir, "pom.xml").isFile()) return dir;
        }
        try {
            File jar = new File(RepoRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (File dir = jar.getParentFile(); dir != null; dir = dir.getParentFile()) {
                if (new File(dir, "liquidpilot").isFile() && new File(dir, "pom.xml").isFile()) return dir;
            }
        } catch (Exception ignored) {
            // fall through to the error below
        }
        throw new BadInputException("cannot find the liquidpilot checkout; set LIQUIDPILOT_HOME");
    }
}
