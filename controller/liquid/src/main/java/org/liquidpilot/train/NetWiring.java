package org.liquidpilot.train;

import org.liquidpilot.liquid.io.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The synapse structure a wired model trains on, in ncps's conventions: polarity matrices indexed
 * {@code [src, dst]} with entries -1/0/+1, motor neurons are ids {@code [0, outputs)}, and {@code layers} lists
 * the neuron ids of each layer in the order the wired CfC runs them (inter, command, motor for an NCP).
 *
 * @param adjacency         N×N, row-major {@code [src*N + dst]}
 * @param sensoryAdjacency  S×N, row-major {@code [input*N + dst]}
 * @param source            the liquid core's wiring it came from (constructor and neuron roles), or null
 */
public record NetWiring(int inputs, int units, int outputs, int[] adjacency, int[] sensoryAdjacency,
                        List<int[]> layers, org.liquidpilot.liquid.wiring.Wiring source) {

    public NetWiring(int inputs, int units, int outputs, int[] adjacency, int[] sensoryAdjacency, List<int[]> layers) {
        this(inputs, units, outputs, adjacency, sensoryAdjacency, layers, null);
    }

    public NetWiring {
        if (inputs < 1 || units < 1 || outputs < 1 || outputs > units) {
            throw new IllegalArgumentException("wiring needs inputs ≥ 1 and 1 ≤ outputs ≤ units, got inputs=" + inputs
                    + " units=" + units + " outputs=" + outputs);
        }
        if (adjacency.length != units * units || sensoryAdjacency.length != inputs * units) {
            throw new IllegalArgumentException("wiring adjacency sizes do not match " + units + " units and " + inputs + " inputs");
        }
        for (int v : adjacency) if (v < -1 || v > 1) throw new IllegalArgumentException("adjacency entries must be -1, 0 or +1");
        for (int v : sensoryAdjacency) if (v < -1 || v > 1) throw new IllegalArgumentException("adjacency entries must be -1, 0 or +1");
        layers = List.copyOf(layers);
    }

    /** Reads {@code wiring.adjacency_matrix} and {@code wiring.sensory_adjacency_matrix} as ncps stores them. */
    public static NetWiring fromTensors(Map<String, Tensor> tensors, int outputs, List<int[]> layers) {
        Tensor a = tensors.get("wiring.adjacency_matrix");
        Tensor s = tensors.get("wiring.sensory_adjacency_matrix");
        if (a == null || s == null) throw new IllegalArgumentException("model file has no wiring.adjacency_matrix / wiring.sensory_adjacency_matrix");
        if (a.rank() != 2 || a.dim(0) != a.dim(1) || s.rank() != 2 || s.dim(1) != a.dim(0)) {
            throw new IllegalArgumentException("wiring matrices have inconsistent shapes");
        }
        return new NetWiring(s.dim(0), a.dim(0), outputs, toInts(a.data()), toInts(s.data()), layers);
    }

    /** The synapses of a wiring built by the liquid core (same polarity matrices, ids and layers). */
    public static NetWiring of(org.liquidpilot.liquid.wiring.Wiring w) {
        int n = w.units(), s = w.inputDim();
        int[] a = new int[n * n], sa = new int[s * n];
        int[][] adj = w.adjacency(), sadj = w.sensoryAdjacency();
        for (int i = 0; i < n; i++) System.arraycopy(adj[i], 0, a, i * n, n);
        for (int i = 0; i < s; i++) System.arraycopy(sadj[i], 0, sa, i * n, n);
        return new NetWiring(s, n, w.outputDim(), a, sa, w.layers(), w);
    }

    /** Every unit connected to every unit and input, all excitatory, one layer (a "FullyConnected" shape). */
    public static NetWiring fullyConnected(int inputs, int units, int outputs) {
        int[] a = new int[units * units];
        int[] s = new int[inputs * units];
        java.util.Arrays.fill(a, 1);
        java.util.Arrays.fill(s, 1);
        int[] all = new int[units];
        for (int i = 0; i < units; i++) all[i] = i;
        return new NetWiring(inputs, units, outputs, a, s, List.of(all));
    }

    public int synapseCount() {
        int n = 0;
        for (int v : adjacency) if (v != 0) n++;
        return n;
    }

    public int sensorySynapseCount() {
        int n = 0;
        for (int v : sensoryAdjacency) if (v != 0) n++;
        return n;
    }

    public Map<String, Tensor> toTensors() {
        return Map.of("wiring.adjacency_matrix", Tensor.f32(new int[]{units, units}, toDoubles(adjacency)),
                "wiring.sensory_adjacency_matrix", Tensor.f32(new int[]{inputs, units}, toDoubles(sensoryAdjacency)));
    }

    public List<List<Integer>> layerLists() {
        List<List<Integer>> out = new ArrayList<>();
        for (int[] l : layers) {
            List<Integer> ids = new ArrayList<>();
            for (int i : l) ids.add(i);
            out.add(ids);
        }
        return out;
    }

    private static int[] toInts(double[] d) {
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != -1 && d[i] != 0 && d[i] != 1) throw new IllegalArgumentException("adjacency entries must be -1, 0 or +1, got " + d[i]);
            out[i] = (int) d[i];
        }
        return out;
    }

    private static double[] toDoubles(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }
}
