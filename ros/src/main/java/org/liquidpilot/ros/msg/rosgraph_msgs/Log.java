package org.liquidpilot.ros.msg.rosgraph_msgs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;
import org.liquidpilot.ros.msg.std_msgs.Header;

/** rosgraph_msgs/Log, what nodes publish on /rosout; {@code level} is one of the constants below. */
public record Log(Header header, byte level, String name, String msg, String file, String function, int line,
                  List<String> topics) {
    public static final byte DEBUG = 1;
    public static final byte INFO = 2;
    public static final byte WARN = 4;
    public static final byte ERROR = 8;
    public static final byte FATAL = 16;

    public static final TypedCodec<Log> CODEC = new TypedCodec<>("rosgraph_msgs/Log") {
        @Override
        public Log read(ByteBuffer in) {
            Header h = Header.CODEC.read(in);
            byte level = in.get();
            String name = Wire.readString(in);
            String msg = Wire.readString(in);
            String file = Wire.readString(in);
            String function = Wire.readString(in);
            int line = in.getInt();
            int n = Wire.readCount(in, 4);
            List<String> topics = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                topics.add(Wire.readString(in));
            }
            return new Log(h, level, name, msg, file, function, line, topics);
        }

        @Override
        public void write(Log m, ByteBuffer out) {
            Header.CODEC.write(m.header, out);
            out.put(m.level);
            Wire.writeString(out, m.name);
            Wire.writeString(out, m.msg);
            Wire.writeString(out, m.file);
            Wire.writeString(out, m.function);
            out.putInt(m.line);
            out.putInt(m.topics.size());
            for (String t : m.topics) {
                Wire.writeString(out, t);
            }
        }

        @Override
        public int encodedSize(Log m) {
            int n = Header.CODEC.encodedSize(m.header) + 1 + Wire.stringSize(m.name) + Wire.stringSize(m.msg)
                    + Wire.stringSize(m.file) + Wire.stringSize(m.function) + 4 + 4;
            for (String t : m.topics) {
                n += Wire.stringSize(t);
            }
            return n;
        }
    };

    public Log {
        java.util.Objects.requireNonNull(header, "header");
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(msg, "msg");
        java.util.Objects.requireNonNull(file, "file");
        java.util.Objects.requireNonNull(function, "function");
        topics = List.copyOf(topics);
    }
}
