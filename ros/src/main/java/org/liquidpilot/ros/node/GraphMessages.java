package org.liquidpilot.ros.node;

import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.msg.MessageFormatException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The two message types the runtime itself speaks, rosgraph_msgs/Log on /rosout and rosgraph_msgs/Clock on
 * /clock, kept here so the node layer needs nothing from the message package but the codec interface.
 */
final class GraphMessages {
    private GraphMessages() {}

    static final byte DEBUG = 1, INFO = 2, WARN = 4, ERROR = 8, FATAL = 16;

    record LogLine(int seq, Instant stamp, byte level, String name, String msg, String file, String function, int line,
                   List<String> topics) {}

    static final MessageCodec<LogLine> LOG = new MessageCodec<>() {
        @Override
        public String type() {
            return "rosgraph_msgs/Log";
        }

        @Override
        public String md5sum() {
            return "acffd30cd6b6de30f120938c17c593fb";
        }

        @Override
        public String definition() {
            return LOG_DEFINITION;
        }

        @Override
        public int encodedSize(LogLine m) {
            int n = 4 + 8 + 4 + 1 + str(m.name()) + str(m.msg()) + str(m.file()) + str(m.function()) + 4 + 4;
            for (String t : m.topics()) n += str(t);
            return n;
        }

        @Override
        public void encode(LogLine m, ByteBuffer out) {
            out.putInt(m.seq());
            out.putInt((int) m.stamp().getEpochSecond());
            out.putInt(m.stamp().getNano());
            putString(out, "");
            out.put(m.level());
            putString(out, m.name());
            putString(out, m.msg());
            putString(out, m.file());
            putString(out, m.function());
            out.putInt(m.line());
            out.putInt(m.topics().size());
            for (String t : m.topics()) putString(out, t);
        }

        @Override
        public LogLine decode(ByteBuffer in) {
            try {
                int seq = in.getInt();
                Instant stamp = Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt()), Integer.toUnsignedLong(in.getInt()));
                getString(in);
                byte level = in.get();
                String name = getString(in), msg = getString(in), file = getString(in), function = getString(in);
                int line = in.getInt();
                long n = Integer.toUnsignedLong(in.getInt());
                if (n * 4 > in.remaining()) throw new MessageFormatException("topic count " + n + " runs past the message");
                String[] topics = new String[(int) n];
                for (int i = 0; i < n; i++) topics[i] = getString(in);
                return new LogLine(seq, stamp, level, name, msg, file, function, line, List.of(topics));
            } catch (java.nio.BufferUnderflowException e) {
                throw new MessageFormatException("truncated rosgraph_msgs/Log");
            }
        }
    };

    static final MessageCodec<Instant> CLOCK = new MessageCodec<>() {
        @Override
        public String type() {
            return "rosgraph_msgs/Clock";
        }

        @Override
        public String md5sum() {
            return "a9c97c1d230cfc112e270351a944ee47";
        }

        @Override
        public String definition() {
            return "# roslib/Clock is used for publishing simulated time in ROS. \n"
                    + "# This message simply communicates the current time.\n"
                    + "# For more information, see http://www.ros.org/wiki/Clock\n"
                    + "time clock\n";
        }

        @Override
        public int encodedSize(Instant m) {
            return 8;
        }

        @Override
        public void encode(Instant m, ByteBuffer out) {
            out.putInt((int) m.getEpochSecond());
            out.putInt(m.getNano());
        }

        @Override
        public Instant decode(ByteBuffer in) {
            if (in.remaining() < 8) throw new MessageFormatException("truncated rosgraph_msgs/Clock");
            return Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt()), Integer.toUnsignedLong(in.getInt()) % 1_000_000_000L);
        }
    };

    private static int str(String s) {
        return 4 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void putString(ByteBuffer out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.putInt(b.length);
        out.put(b);
    }

    private static String getString(ByteBuffer in) {
        long n = Integer.toUnsignedLong(in.getInt());
        if (n > in.remaining()) throw new MessageFormatException("string of " + n + " bytes runs past the message");
        byte[] b = new byte[(int) n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    static final String LOG_DEFINITION = """
            ##
            ## Severity level constants
            ##
            byte DEBUG=1 #debug level
            byte INFO=2  #general level
            byte WARN=4  #warning level
            byte ERROR=8 #error level
            byte FATAL=16 #fatal/critical level
            ##
            ## Fields
            ##
            Header header
            byte level
            string name # name of the node
            string msg # message\u0020
            string file # file the message came from
            string function # function the message came from
            uint32 line # line the message came from
            string[] topics # topic names that the node publishes

            ================================================================================
            MSG: std_msgs/Header
            # Standard metadata for higher-level stamped data types.
            # This is generally used to communicate timestamped data\u0020
            # in a particular coordinate frame.
            #\u0020
            # sequence ID: consecutively increasing ID\u0020
            uint32 seq
            #Two-integer timestamp that is expressed as:
            # * stamp.sec: seconds (stamp_secs) since epoch (in Python the variable is called 'secs')
            # * stamp.nsec: nanoseconds since stamp_secs (in Python the variable is called 'nsecs')
            # time-handling sugar is provided by the client library
            time stamp
            #Frame this data is associated with
            string frame_id
            """;
}
