package org.liquidpilot.train;

import org.liquidpilot.liquid.ParameterLayout;
import org.liquidpilot.liquid.io.Tensor;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainable parameters of a model as one flat array, with named slices. Kernels, the optimizer and the
 * gradient reduction all work on flat arrays (no per-tensor objects in the inner loops); names and shapes only
 * matter when reading or writing files, where they are ncps {@code state_dict} names for LTC and CfC.
 */
public final class ParamSet {
    /** One named tensor inside the flat array. */
    public record Slot(String name, int offset, int[] shape, int size) {}

    private final Map<String, Slot> slots;
    private final int size;
    /** The flat array: this set's own, or, after {@link #followedBy}, one shared with a longer set. */
    private double[] values;

    private ParamSet(Map<String, Slot> slots, int size) {
        this.slots = Collections.unmodifiableMap(slots);
        this.size = size;
        this.values = new double[size];
    }

    /**
     * A set holding this set's tensors (at the same offsets, with their current values) followed by {@code more}'s.
     * From then on this set reads and writes the new set's array, so a model built on this set and a layer whose
     * tensors are {@code more} train as one flat parameter vector: kernels, the optimizer and checkpoints see one array.
     */
    ParamSet followedBy(Builder more) {
        Builder b = builder();
        for (Slot s : slots.values()) b.add(s.name(), s.shape());
        for (Slot s : more.slots.values()) b.add(s.name(), s.shape());
        ParamSet joined = b.build();
        System.arraycopy(values, 0, joined.values, 0, size);
        values = joined.values;
        return joined;
    }

    /**
     * The trainable tensors of an ncps model, named, shaped and ordered by {@link ParameterLayout} (the masks are
     * fixed by the wiring and stay out), so training, the model file and inference agree on every tensor.
     */
    public static ParamSet of(List<ParameterLayout.Entry> layout) {
        Builder b = builder();
        for (ParameterLayout.Entry e : layout) if (e.trainable()) b.add(e.key(), e.shape());
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Slot> slots = new LinkedHashMap<>();
        private int size;

        /** Adds a named tensor and returns its offset in the flat array. */
        public int add(String name, int... shape) {
            if (slots.containsKey(name)) throw new IllegalArgumentException("duplicate parameter " + name);
            int n = Math.toIntExact(Tensor.elementCount(shape));
            slots.put(name, new Slot(name, size, shape.clone(), n));
            size += n;
            return size - n;
        }

        public ParamSet build() {
            return new ParamSet(new LinkedHashMap<>(slots), size);
        }
    }

    public double[] values() {
        return values;
    }

    /** Number of scalars in this set's own tensors. */
    public int size() {
        return size;
    }

    public Map<String, Slot> slots() {
        return slots;
    }

    public Slot slot(String name) {
        Slot s = slots.get(name);
        if (s == null) throw new IllegalArgumentException("no parameter " + name);
        return s;
    }

    public int offset(String name) {
        return slot(name).offset();
    }

    /** Where {@code name} starts in the flat array, or -1 when there is no such tensor. */
    public int offsetOrAbsent(String name) {
        Slot s = slots.get(name);
        return s == null ? -1 : s.offset();
    }

    /** A copy of one slice of {@code flat} (values or a gradient with this layout). */
    public double[] get(double[] flat, String name) {
        Slot s = slot(name);
        return Arrays.copyOfRange(flat, s.offset(), s.offset() + s.size());
    }

    /** Copies every tensor of this layout out of {@code tensors}, checking shapes. */
    public void load(Map<String, Tensor> tensors) {
        for (Slot s : slots.values()) {
            Tensor t = tensors.get(s.name());
            if (t == null) throw new IllegalArgumentException("missing tensor '" + s.name() + "'");
            t.requireShape(s.name(), s.shape());
            System.arraycopy(t.data(), 0, values, s.offset(), s.size());
        }
    }

    /** The current values as named tensors of the given dtype. */
    public Map<String, Tensor> toTensors(Tensor.DType dtype) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Slot s : slots.values()) {
            double[] d = Arrays.copyOfRange(values, s.offset(), s.offset() + s.size());
            out.put(s.name(), new Tensor(Tensor.DType.F64, s.shape().clone(), d).as(dtype));
        }
        return out;
    }
}
