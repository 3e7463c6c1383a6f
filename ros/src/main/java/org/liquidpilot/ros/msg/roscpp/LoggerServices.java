package org.liquidpilot.ros.msg.roscpp;

import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * roscpp's logger services, {@code roscpp/GetLoggers} and {@code roscpp/SetLoggerLevel}, which every roscpp node
 * offers as {@code ~get_loggers} and {@code ~set_logger_level} and which {@code rosconsole} and rqt_logger_level call.
 */
public final class LoggerServices {
    private LoggerServices() {}

    /** roscpp/Logger: a logger's name and its level (debug, info, warn, error, fatal). */
    public record Logger(String name, String level) {
        public Logger {
            java.util.Objects.requireNonNull(name, "name");
            java.util.Objects.requireNonNull(level, "level");
        }
    }

    public record GetLoggersRequest() {
        public static final TypedCodec<GetLoggersRequest> CODEC =
                TypedCodec.noFields("roscpp/GetLoggersRequest", new GetLoggersRequest());
    }

    public record GetLoggersResponse(List<Logger> loggers) {
        public static final TypedCodec<GetLoggersResponse> CODEC = new TypedCodec<>("roscpp/GetLoggersResponse") {
            @Override
            public GetLoggersResponse read(ByteBuffer in) {
                int n = Wire.readCount(in, 8);
                List<Logger> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) l.add(new Logger(Wire.readString(in), Wire.readString(in)));
                return new GetLoggersResponse(l);
            }

            @Override
            public void write(GetLoggersResponse m, ByteBuffer out) {
                out.putInt(m.loggers.size());
                for (Logger l : m.loggers) {
                    Wire.writeString(out, l.name());
                    Wire.writeString(out, l.level());
                }
            }

            @Override
            public int encodedSize(GetLoggersResponse m) {
                int n = 4;
                for (Logger l : m.loggers) n += Wire.stringSize(l.name()) + Wire.stringSize(l.level());
                return n;
            }
        };

        public GetLoggersResponse {
            loggers = List.copyOf(loggers);
        }
    }

    public record SetLoggerLevelRequest(String logger, String level) {
        public static final TypedCodec<SetLoggerLevelRequest> CODEC = new TypedCodec<>("roscpp/SetLoggerLevelRequest") {
            @Override
            public SetLoggerLevelRequest read(ByteBuffer in) {
                return new SetLoggerLevelRequest(Wire.readString(in), Wire.readString(in));
            }

            @Override
            public void write(SetLoggerLevelRequest m, ByteBuffer out) {
                Wire.writeString(out, m.logger);
                Wire.writeString(out, m.level);
            }

            @Override
            public int encodedSize(SetLoggerLevelRequest m) {
                return Wire.stringSize(m.logger) + Wire.stringSize(m.level);
            }
        };

        public SetLoggerLevelRequest {
            java.util.Objects.requireNonNull(logger, "logger");
            java.util.Objects.requireNonNull(level, "level");
        }
    }

    public record SetLoggerLevelResponse() {
        public static final TypedCodec<SetLoggerLevelResponse> CODEC = new TypedCodec<>("roscpp/SetLoggerLevelResponse") {
            @Override public SetLoggerLevelResponse read(ByteBuffer in) { return new SetLoggerLevelResponse(); }
            @Override public void write(SetLoggerLevelResponse m, ByteBuffer out) {}
            @Override public int encodedSize(SetLoggerLevelResponse m) { return 0; }
        };
    }

    public static final ServiceType<GetLoggersRequest, GetLoggersResponse> GET_LOGGERS =
            ServiceType.of("roscpp/GetLoggers", GetLoggersRequest.CODEC, GetLoggersResponse.CODEC);
    public static final ServiceType<SetLoggerLevelRequest, SetLoggerLevelResponse> SET_LOGGER_LEVEL =
            ServiceType.of("roscpp/SetLoggerLevel", SetLoggerLevelRequest.CODEC, SetLoggerLevelResponse.CODEC);
}
