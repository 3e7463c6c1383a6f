package org.liquidpilot.ros.msg;

import java.util.Map;
import java.util.Optional;
import org.liquidpilot.ros.msg.geometry_msgs.Point;
import org.liquidpilot.ros.msg.geometry_msgs.Pose;
import org.liquidpilot.ros.msg.geometry_msgs.PoseStamped;
import org.liquidpilot.ros.msg.geometry_msgs.PoseWithCovariance;
import org.liquidpilot.ros.msg.geometry_msgs.Quaternion;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.TwistStamped;
import org.liquidpilot.ros.msg.geometry_msgs.TwistWithCovariance;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.mavros_msgs.CommandBool;
import org.liquidpilot.ros.msg.mavros_msgs.PositionTarget;
import org.liquidpilot.ros.msg.mavros_msgs.SetMode;
import org.liquidpilot.ros.msg.mavros_msgs.State;
import org.liquidpilot.ros.msg.nav_msgs.Odometry;
import org.liquidpilot.ros.msg.rosgraph_msgs.Clock;
import org.liquidpilot.ros.msg.rosgraph_msgs.Log;
import org.liquidpilot.ros.msg.sensor_msgs.CameraInfo;
import org.liquidpilot.ros.msg.sensor_msgs.CompressedImage;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.sensor_msgs.Imu;
import org.liquidpilot.ros.msg.sensor_msgs.RegionOfInterest;
import org.liquidpilot.ros.msg.std_msgs.Bool;
import org.liquidpilot.ros.msg.std_msgs.Empty;
import org.liquidpilot.ros.msg.std_msgs.Float32;
import org.liquidpilot.ros.msg.std_msgs.Float32MultiArray;
import org.liquidpilot.ros.msg.std_msgs.Float64;
import org.liquidpilot.ros.msg.std_msgs.Float64MultiArray;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.MultiArrayDimension;
import org.liquidpilot.ros.msg.std_msgs.MultiArrayLayout;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.msg.std_srvs.SetBool;
import org.liquidpilot.ros.msg.std_srvs.Trigger;

/**
 * The one place to get a codec by ROS type name: the fast typed codec when the project has a record for the type,
 * otherwise a definition-driven {@link DynamicCodec}.
 */
public final class Messages {
    private static final Map<String, TypedCodec<?>> TYPED = index(
            Header.CODEC, StringMessage.CODEC, Float32.CODEC, Float64.CODEC, Bool.CODEC, Empty.CODEC,
            MultiArrayDimension.CODEC, MultiArrayLayout.CODEC, Float32MultiArray.CODEC, Float64MultiArray.CODEC,
            Vector3.CODEC, Point.CODEC, Quaternion.CODEC, Pose.CODEC, PoseStamped.CODEC, PoseWithCovariance.CODEC,
            Twist.CODEC, TwistStamped.CODEC, TwistWithCovariance.CODEC,
            Image.CODEC, CompressedImage.CODEC, RegionOfInterest.CODEC, CameraInfo.CODEC, Imu.CODEC,
            Odometry.CODEC, Log.CODEC, Clock.CODEC,
            SetBool.Request.CODEC, SetBool.Response.CODEC, Trigger.Request.CODEC, Trigger.Response.CODEC,
            org.liquidpilot.ros.msg.std_srvs.Empty.Request.CODEC, org.liquidpilot.ros.msg.std_srvs.Empty.Response.CODEC,
            State.CODEC, PositionTarget.CODEC, SetMode.Request.CODEC, SetMode.Response.CODEC,
            CommandBool.Request.CODEC, CommandBool.Response.CODEC);

    private static final Map<String, ServiceType<?, ?>> SERVICES = Map.of(
            SetBool.TYPE.type(), SetBool.TYPE, Trigger.TYPE.type(), Trigger.TYPE,
            org.liquidpilot.ros.msg.std_srvs.Empty.TYPE.type(), org.liquidpilot.ros.msg.std_srvs.Empty.TYPE,
            SetMode.TYPE.type(), SetMode.TYPE, CommandBool.TYPE.type(), CommandBool.TYPE);

    private Messages() {
    }

    private static Map<String, TypedCodec<?>> index(TypedCodec<?>... codecs) {
        Map<String, TypedCodec<?>> m = new java.util.LinkedHashMap<>();
        for (TypedCodec<?> c : codecs) {
            m.put(c.type(), c);
        }
        return Map.copyOf(m);
    }

    /** The typed codec for {@code type}, if the project has a record for it. */
    public static Optional<TypedCodec<?>> typed(String type) {
        return Optional.ofNullable(TYPED.get(type));
    }

    /** The typed codec for {@code type}, checked against the record class the caller expects. */
    @SuppressWarnings("unchecked")
    public static <T> TypedCodec<T> typed(String type, Class<T> recordClass) {
        TypedCodec<?> c = TYPED.get(type);
        if (c == null) {
            throw new InvalidDefinitionException("no typed codec for '" + MsgParser.shorten(type) + "'");
        }
        return (TypedCodec<T>) c;
    }

    /** Types that have a typed codec. */
    public static java.util.Set<String> typedTypes() {
        return TYPED.keySet();
    }

    /**
     * A codec for a type the project ships a definition for: typed when available, else dynamic.
     *
     * @throws InvalidDefinitionException for an unknown type
     */
    public static MessageCodec<?> codec(String type) {
        TypedCodec<?> c = TYPED.get(type);
        if (c != null) {
            return c;
        }
        return new DynamicCodec(MsgRegistry.builtin(), type);
    }

    /**
     * A codec for {@code type} as a peer or a bag defines it: the typed codec when its md5 matches
     * {@code md5sum}, otherwise a dynamic codec built from the full definition text.
     */
    public static MessageCodec<?> codec(String type, String md5sum, String fullDefinition) {
        TypedCodec<?> c = TYPED.get(type);
        if (c != null && c.md5sum().equals(md5sum)) {
            return c;
        }
        return DynamicCodec.fromDefinition(type, fullDefinition);
    }

    /** The typed descriptor of a shipped service type (std_srvs Empty, SetBool, Trigger; mavros_msgs SetMode, CommandBool). */
    public static Optional<ServiceType<?, ?>> service(String type) {
        return Optional.ofNullable(SERVICES.get(type));
    }

    /** The md5sum of a shipped type (message or service). */
    public static String md5(String type) {
        MsgRegistry r = MsgRegistry.builtin();
        return r.containsService(type) ? r.serviceMd5(type) : r.md5(type);
    }

    /** The full message_definition text of a shipped message type. */
    public static String definition(String type) {
        return MsgRegistry.builtin().fullText(type);
    }
}
