package org.liquidpilot.ros2.dds;

import us.ihmc.pubsub.Domain;
import us.ihmc.pubsub.DomainFactory;
import us.ihmc.pubsub.attributes.ParticipantProfile;
import us.ihmc.pubsub.participant.Participant;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * Creates Fast-DDS participants. By default each is restricted to the loopback address: its only transport is UDPv4
 * with an interface whitelist of 127.0.0.1 (no shared memory, which a peer on another DDS could not read), so SPDP
 * discovery multicasts on {@code lo} and all data goes unicast to 127.0.0.1. That needs the {@code MULTICAST} flag
 * on {@code lo} ({@code ip link set lo multicast on}, as root); without it participants do not discover each other.
 */
public final class DdsParticipants {
    private static final Logger LOG = Logger.getLogger("org.liquidpilot.ros2");
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int IFF_MULTICAST = 0x1000;
    /** Seconds without an announcement before a participant is considered gone (as in fastdds-loopback.xml). */
    static final int LEASE_S = 10;

    private DdsParticipants() {}

    public static Domain domain() {
        return DomainFactory.getDomain(DomainFactory.PubSubImplementation.FAST_RTPS);
    }

    /** The participant profile the settings ask for; see the class comment. */
    public static ParticipantProfile profile(String name, DdsSettings settings) {
        // A finite lease (the library's default is infinite), so a peer that dies without saying goodbye is forgotten.
        ParticipantProfile p = ParticipantProfile.create().domainId(settings.domainId()).name(name)
                .discoveryLeaseDuration(new us.ihmc.pubsub.common.Time(LEASE_S, 0));
        if (!settings.hostNetwork()) p.bindToAddressRestrictions(false, List.of(LOOPBACK));
        return p;
    }

    public static Participant create(String name, DdsSettings settings) throws IOException {
        if (!settings.hostNetwork() && !loopbackMulticast()) {
            LOG.warning("the loopback interface has multicast off, so DDS discovery will find no one: run "
                    + "'ip link set lo multicast on' as root (or set " + DdsSettings.NETWORK_ENV + "=host to use the host's network)");
        }
        return domain().createParticipant(profile(name, settings));
    }

    /** Whether {@code lo} has the MULTICAST flag (Linux); true where that cannot be read. */
    public static boolean loopbackMulticast() {
        Path flags = Path.of("/sys/class/net/lo/flags");
        try {
            String s = Files.readString(flags).trim();
            return (Integer.decode(s) & IFF_MULTICAST) != 0;
        } catch (IOException | NumberFormatException e) {
            return true;
        }
    }

    /** Sets the MULTICAST flag on {@code lo}; true when it is on afterwards (needs root). */
    public static boolean enableLoopbackMulticast() {
        if (loopbackMulticast()) return true;
        try {
            Process p = new ProcessBuilder("ip", "link", "set", "lo", "multicast", "on").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return loopbackMulticast();
    }
}
