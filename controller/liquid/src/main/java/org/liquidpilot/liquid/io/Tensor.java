package org.liquidpilot.liquid.io;

import java.util.Arrays;

/**
 * A named-free n-dimensional array in C order, as stored in a safetensors file. Values are held as doubles:
 * every F32 widens exactly, so an F32 tensor read and written back is byte-identical.
 *
 * @param dtype the on-disk element type
 * @param shape dimensions, outermost first; {@code []} is a scalar
 * @param data  the elements in C (row-major) order
 */
public record Tensor(DType dtype, int[] shape, double[] data) {

    public Tensor {
        long n = elementCount(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("tensor shape " + Arrays.toString(shape) + " holds " + n
                    + " elements but " + data.length + " were given");
        }
    }

    public static Tensor f32(int[] shape, double[] data) {
        return new Tensor(DType.F32, shape, data);
    }

    public static Tensor f64(int[] shape, double[] data) {
        return new Tensor(DType.F64, shape, data);
    }

    public static Tensor f32(int[] shape, float[] data) {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) d[i] = data[i];
        return new Tensor(DType.F32, shape, d);
    }

    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int i) {
        return shape[i];
    }

    public float[] toFloats() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
        return f;
    }

    /** The same values stored as another dtype (rounded when narrowing). */
    public Tensor as(DType other) {
        double[] d = data.clone();
        if (other == DType.F32) for (int i = 0; i < d.length; i++) d[i] = (float) d[i];
        return new Tensor(other, shape.clone(), d);
    }

    /** Throws unless the shape is exactly {@code expected}; {@code name} goes into the message. */
    public Tensor requireShape(String name, int... expected) {
        if (!Arrays.equals(shape, expected)) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(shape)
                    + ", expected " + Arrays.toString(expected));
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && t.dtype == dtype && Arrays.equals(t.shape, shape) && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }

    /** safetensors element types. */
    public enum DType {
        F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

        public final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }
    }
}
