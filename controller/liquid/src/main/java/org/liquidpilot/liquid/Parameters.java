package org.liquidpilot.liquid;

import org.liquidpilot.liquid.io.Tensor;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's tensors by ncps {@code state_dict} key ({@code rnn_cell.gleak}, {@code rnn_cell.layer_0.ff1.weight}, …),
 * in ncps's registration order. The masks ({@code *sparsity_mask}) are held here too, as ncps keeps them in its
 * state dict, but they are not trainable.
 */
public final class Parameters {
    private final LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();

    public Parameters() {}

    public Parameters(Map<String, Tensor> tensors) {
        tensors.forEach(this::put);
    }

    public Parameters put(String key, Tensor t) {
        tensors.put(key, t);
        return this;
    }

    public boolean contains(String key) {
        return tensors.containsKey(key);
    }

    public Tensor get(String key) {
        Tensor t = tensors.get(key);
        if (t == null) throw new IllegalArgumentException("missing parameter '" + key + "'");
        return t;
    }

    /** The tensor under {@code key}, checked to have exactly {@code shape} and only finite values. */
    public Tensor require(String key, int... shape) {
        Tensor t = get(key).requireShape(key, shape);
        for (double v : t.data()) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("parameter '" + key + "' holds " + v);
        }
        return t;
    }

    /** The values of {@code key}, row-major, as doubles (a copy). */
    public double[] values(String key, int... shape) {
        return require(key, shape).data().clone();
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    /** An unmodifiable view in registration order. */
    public Map<String, Tensor> asMap() {
        return Collections.unmodifiableMap(tensors);
    }

    /** Every tensor's values end to end in registration order, with where each starts: the form the cells' maths reads. */
    public record Flat(double[] values, Map<String, Integer> offsets) {
        /** Where {@code key} starts, or -1 when there is no such tensor. */
        public int offset(String key) {
            Integer o = offsets.get(key);
            return o == null ? -1 : o;
        }
    }

    public Flat flat() {
        Map<String, Integer> offsets = new LinkedHashMap<>();
        int size = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            offsets.put(e.getKey(), size);
            size += e.getValue().data().length;
        }
        double[] values = new double[size];
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            double[] d = e.getValue().data();
            System.arraycopy(d, 0, values, offsets.get(e.getKey()), d.length);
        }
        return new Flat(values, Collections.unmodifiableMap(offsets));
    }

    public static boolean isTrainable(String key) {
        return !key.endsWith("sparsity_mask");
    }

    public List<String> trainableKeys() {
        return tensors.keySet().stream().filter(Parameters::isTrainable).toList();
    }

    /** Number of trainable scalars. */
    public long trainableCount() {
        return tensors.entrySet().stream().filter(e -> isTrainable(e.getKey())).mapToLong(e -> e.getValue().data().length).sum();
    }

    /** A deep copy with every floating tensor stored as {@code dtype}. */
    public Parameters as(Tensor.DType dtype) {
        Parameters p = new Parameters();
        tensors.forEach((k, t) -> p.put(k, t.as(dtype)));
        return p;
    }

    public Parameters copy() {
        Parameters p = new Parameters();
        tensors.forEach((k, t) -> p.put(k, new Tensor(t.dtype(), t.shape().clone(), t.data().clone())));
        return p;
    }

    /** F64 when any tensor is F64, otherwise F32. */
    public Tensor.DType dtype() {
        return tensors.values().stream().anyMatch(t -> t.dtype() == Tensor.DType.F64) ? Tensor.DType.F64 : Tensor.DType.F32;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.tensors.equals(tensors)
                && Arrays.equals(p.tensors.keySet().toArray(), tensors.keySet().toArray());
    }

    @Override
    public int hashCode() {
        return tensors.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Parameters[");
        tensors.forEach((k, t) -> sb.append(k).append(Arrays.toString(t.shape())).append(' '));
        return sb.append(']').toString();
    }
}
