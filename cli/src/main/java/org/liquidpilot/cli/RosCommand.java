package org.liquidpilot.cli;

import org.liquidpilot.ros.master.EmbeddedMaster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code ros master}, {@code ros topic ...} and {@code ros bench}: the ROS1 runtime from the command line. */
@Command(name = "ros", mixinStandardHelpOptions = true,
        description = "The pure-Java ROS1 runtime: an embedded master, rostopic-like tools and the relay benchmark.",
        subcommands = {RosCommand.Master.class, RosTopicCommand.class, RosBenchCommand.class})
public final class RosCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "master", mixinStandardHelpOptions = true,
            description = "Runs the embedded ROS master (like roscore without rosout), usable by rospy, roscpp and the ROS tools.")
    static final class Master implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-p", "--port"}, defaultValue = "11311", description = "XML-RPC port (default ${DEFAULT-VALUE}; 0 picks a free one)")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1",
                description = "address to bind and advertise (default ${DEFAULT-VALUE}; 0.0.0.0 binds all and advertises this host's name)")
        String host;

        @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this long (default: run until interrupted)")
        Double duration;

        @Override
        public Integer call() throws Exception {
            if (port < 0 || port > 65535) throw new BadInputException("port must be 0..65535, got " + port);
            if (duration != null && !(duration >= 0)) throw new BadInputException("--duration must be >= 0");
            InetAddress bind;
            try {
                bind = InetAddress.getByName(host);
            } catch (IOException e) {
                throw new BadInputException("unknown host " + host);
            }
            String advertised = bind.isAnyLocalAddress() ? InetAddress.getLocalHost().getHostName() : host;
            EmbeddedMaster master;
            try {
                master = EmbeddedMaster.start(bind, port, advertised);
            } catch (BindException e) {
                throw new IOException("port " + port + " on " + host + " is in use (is a roscore running?)");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("ROS master at " + master.uri());
            out.println("export ROS_MASTER_URI=" + master.uri());
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(stop::countDown);
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (duration == null) stop.await();
                else stop.await((long) (duration * 1000), TimeUnit.MILLISECONDS);
            } finally {
                master.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting anyway
                }
            }
            return 0;
        }
    }
}
