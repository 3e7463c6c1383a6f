package org.liquidpilot.cli;

import picocli.CommandLine.Option;

import java.net.URI;

/** {@code --master URI}, defaulting to ROS_MASTER_URI, then http://localhost:11311/. */
final class RosMasterOption {
    @Option(names = "--master", paramLabel = "URI", description = "ROS master (default: $ROS_MASTER_URI, else http://localhost:11311/)")
    String master;

    URI uri() {
        String m = master != null ? master : System.getenv("ROS_MASTER_URI");
        if (m == null || m.isBlank()) m = "http://localhost:11311/";
        URI u;
        try {
            u = URI.create(m.trim());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("bad master URI " + m);
        }
        if (!"http".equals(u.getScheme()) || u.getHost() == null || u.getPort() <= 0) {
            throw new BadInputException("master URI must look like http://host:port/, got " + m);
        }
        return u;
    }
}
