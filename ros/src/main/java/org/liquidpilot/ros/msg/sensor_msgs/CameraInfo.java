package org.liquidpilot.ros.msg.sensor_msgs;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;
import org.liquidpilot.ros.msg.std_msgs.Header;

/**
 * sensor_msgs/CameraInfo. Matrices are row-major: K and R 3x3 (9), P 3x4 (12); D has any length.
 * Equality compares the arrays by value.
 */
public record CameraInfo(Header header, int height, int width, String distortionModel, double[] d, double[] k,
                         double[] r, double[] p, int binningX, int binningY, RegionOfInterest roi) {
    public static final TypedCodec<CameraInfo> CODEC = new TypedCodec<>("sensor_msgs/CameraInfo") {
        @Override
        public CameraInfo read(ByteBuffer in) {
            Header h = Header.CODEC.read(in);
            int height = in.getInt();
            int width = in.getInt();
            String model = Wire.readString(in);
            double[] d = Wire.readDoubles(in, Wire.readCount(in, 8));
            double[] k = Wire.readDoubles(in, 9);
            double[] r = Wire.readDoubles(in, 9);
            double[] p = Wire.readDoubles(in, 12);
            return new CameraInfo(h, height, width, model, d, k, r, p, in.getInt(), in.getInt(),
                    RegionOfInterest.CODEC.read(in));
        }

        @Override
        public void write(CameraInfo m, ByteBuffer out) {
            Header.CODEC.write(m.header, out);
            out.putInt(m.height).putInt(m.width);
            Wire.writeString(out, m.distortionModel);
            out.putInt(m.d.length);
            Wire.writeDoubles(out, m.d);
            Wire.writeDoubles(out, m.k);
            Wire.writeDoubles(out, m.r);
            Wire.writeDoubles(out, m.p);
            out.putInt(m.binningX).putInt(m.binningY);
            RegionOfInterest.CODEC.write(m.roi, out);
        }

        @Override
        public int encodedSize(CameraInfo m) {
            return Header.CODEC.encodedSize(m.header) + 8 + Wire.stringSize(m.distortionModel) + 4 + 8 * m.d.length
                    + 8 * 30 + 8 + 17;
        }
    };

    public CameraInfo {
        java.util.Objects.requireNonNull(header, "header");
        java.util.Objects.requireNonNull(distortionModel, "distortionModel");
        java.util.Objects.requireNonNull(d, "d");
        java.util.Objects.requireNonNull(roi, "roi");
        requireLength("K", k, 9);
        requireLength("R", r, 9);
        requireLength("P", p, 12);
    }

    private static void requireLength(String name, double[] a, int n) {
        if (a.length != n) {
            throw new IllegalArgumentException(name + " must have " + n + " elements, not " + a.length);
        }
    }

    /** An ideal pinhole camera (no distortion, identity R) with focal length {@code f} pixels, centred. */
    public static CameraInfo pinhole(Header header, int width, int height, double f) {
        double cx = width / 2.0;
        double cy = height / 2.0;
        return new CameraInfo(header, height, width, "plumb_bob", new double[5],
                new double[] {f, 0, cx, 0, f, cy, 0, 0, 1}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
                new double[] {f, 0, cx, 0, 0, f, cy, 0, 0, 0, 1, 0}, 0, 0, RegionOfInterest.FULL);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CameraInfo c && header.equals(c.header) && height == c.height && width == c.width
                && distortionModel.equals(c.distortionModel) && Arrays.equals(d, c.d) && Arrays.equals(k, c.k)
                && Arrays.equals(r, c.r) && Arrays.equals(p, c.p) && binningX == c.binningX
                && binningY == c.binningY && roi.equals(c.roi);
    }

    @Override
    public int hashCode() {
        return ((header.hashCode() * 31 + Arrays.hashCode(k)) * 31 + Arrays.hashCode(d)) * 31 + roi.hashCode();
    }

    @Override
    public String toString() {
        return "CameraInfo[header=" + header + ", " + width + "x" + height + ", " + distortionModel + ", D="
                + Arrays.toString(d) + ", K=" + Arrays.toString(k) + ", R=" + Arrays.toString(r) + ", P="
                + Arrays.toString(p) + ", binning=" + binningX + "x" + binningY + ", roi=" + roi + "]";
    }
}
