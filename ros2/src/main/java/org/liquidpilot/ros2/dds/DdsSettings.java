package org.liquidpilot.ros2.dds;

import java.util.Map;

/**
 * Where this process's DDS participants talk.
 *
 * @param domainId    the DDS domain ({@code ROS_DOMAIN_ID}, default 0; 0–232 as ROS 2 allows)
 * @param hostNetwork false (the default): loopback only, discovery multicast on {@code lo} and data unicast on
 *                    127.0.0.1; true ({@code LIQUIDPILOT_DDS_NETWORK=host}): Fast-DDS's built-in transports on
 *                    every interface, to join a ROS 2 graph on the real network
 */
public record DdsSettings(int domainId, boolean hostNetwork) {
    public static final String NETWORK_ENV = "LIQUIDPILOT_DDS_NETWORK";
    public static final String DOMAIN_ENV = "ROS_DOMAIN_ID";

    public DdsSettings {
        if (domainId < 0 || domainId > 232) throw new IllegalArgumentException("ROS 2 domain id must be 0..232, got " + domainId);
    }

    public static DdsSettings loopback(int domainId) {
        return new DdsSettings(domainId, false);
    }

    public static DdsSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static DdsSettings fromEnvironment(Map<String, String> env) {
        String d = env.getOrDefault(DOMAIN_ENV, "").trim();
        int domain;
        try {
            domain = d.isEmpty() ? 0 : Integer.parseInt(d);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(DOMAIN_ENV + " must be an integer 0..232, got '" + d + "'");
        }
        String net = env.getOrDefault(NETWORK_ENV, "loopback").trim();
        boolean host = switch (net) {
            case "", "loopback", "lo" -> false;
            case "host" -> true;
            default -> throw new IllegalArgumentException(NETWORK_ENV + " must be loopback or host, got '" + net + "'");
        };
        return new DdsSettings(domain, host);
    }
}
