package org.liquidpilot.liquid.wiring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A built wiring: which neuron connects to which, with what polarity, for a given number of sensory inputs.
 * Matrices are indexed {@code [src][dst]} with entries -1 (inhibitory), 0 (no synapse) and +1 (excitatory), as
 * ncps's {@code adjacency_matrix} and {@code sensory_adjacency_matrix}. Instances are immutable; accessors return
 * copies.
 */
public final class Wiring {
    private final WiringSpec spec;
    private final int inputDim;
    private final int outputDim;
    private final int[][] adjacency;
    private final int[][] sensoryAdjacency;
    private final List<int[]> layers;
    private final int[] motor, command, inter;

    /**
     * @param layers the layers the wired CfC runs in order (NCP: inter, command, motor; otherwise one layer of all)
     */
    public Wiring(WiringSpec spec, int inputDim, int outputDim, int[][] adjacency, int[][] sensoryAdjacency,
                  List<int[]> layers, int[] motor, int[] command, int[] inter) {
        int n = adjacency.length;
        if (n < 1) throw new IllegalArgumentException("a wiring needs at least one neuron");
        if (inputDim < 1) throw new IllegalArgumentException("a wiring needs at least one sensory input");
        if (outputDim < 1 || outputDim > n) throw new IllegalArgumentException("output_dim " + outputDim + " outside [1, " + n + "]");
        if (spec != null && spec.units() != n) {
            throw new IllegalArgumentException(spec.kind() + " has " + spec.units() + " units but the adjacency has " + n);
        }
        this.spec = spec;
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.adjacency = checkedCopy("adjacency_matrix", adjacency, n, n);
        this.sensoryAdjacency = checkedCopy("sensory_adjacency_matrix", sensoryAdjacency, inputDim, n);
        this.layers = List.copyOf(layers.stream().map(int[]::clone).toList());
        this.motor = motor.clone();
        this.command = command.clone();
        this.inter = inter.clone();
        boolean[] seen = new boolean[n];
        int count = 0;
        for (int[] layer : this.layers) {
            for (int id : layer) {
                if (id < 0 || id >= n || seen[id]) throw new IllegalArgumentException("layers must partition the " + n + " neurons");
                seen[id] = true;
                count++;
            }
        }
        if (count != n) throw new IllegalArgumentException("layers must partition the " + n + " neurons");
    }

    /** Draws a single-layer wiring's synapses into its zeroed (units × units) and (inputs × units) polarity matrices. */
    interface SingleLayerDraw {
        void draw(Pcg64Generator rng, int[][] adj, int[][] sensory);
    }

    /**
     * The build of ncps's single-layer wirings (FullyConnected, Random): the size checked, then {@code draw} fills the
     * matrices from {@code default_rng(seed)}; all units form the one layer and the first {@code output_dim} are motor.
     */
    static Wiring drawSingleLayer(WiringSpec spec, int inputDim, long seed, SingleLayerDraw draw) {
        WiringSpec.requireBuildable(spec.units(), inputDim);
        int[][] adj = new int[spec.units()][spec.units()];
        int[][] sensory = new int[inputDim][spec.units()];
        draw.draw(new Pcg64Generator(seed), adj, sensory);
        return singleLayer(spec, adj, sensory);
    }

    /** A wiring whose units form one layer; the first {@code outputDim} are motor, the rest inter. */
    private static Wiring singleLayer(WiringSpec spec, int[][] adj, int[][] sensory) {
        int n = adj.length;
        return new Wiring(spec, sensory.length, spec.outputDim(), adj, sensory, List.of(NCP.range(0, n)),
                NCP.range(0, spec.outputDim()), new int[0], NCP.range(spec.outputDim(), n));
    }

    Wiring withSpec(WiringSpec other) {
        return new Wiring(other, inputDim, outputDim, adjacency, sensoryAdjacency, layers, motor, command, inter);
    }

    private static int[][] checkedCopy(String name, int[][] m, int rows, int cols) {
        if (m.length != rows) throw new IllegalArgumentException(name + " has " + m.length + " rows, expected " + rows);
        int[][] c = new int[rows][];
        for (int i = 0; i < rows; i++) {
            if (m[i].length != cols) throw new IllegalArgumentException(name + " row " + i + " has " + m[i].length + " columns, expected " + cols);
            for (int v : m[i]) if (v < -1 || v > 1) throw new IllegalArgumentException(name + " entries must be -1, 0 or 1, got " + v);
            c[i] = m[i].clone();
        }
        return c;
    }

    /** How the wiring was made; {@code null} when it was loaded from matrices alone. */
    public WiringSpec spec() {
        return spec;
    }

    /** The ncps class name, or "Custom" for a wiring known only by its matrices. */
    public String kind() {
        return spec == null ? "Custom" : spec.kind();
    }

    public int units() {
        return adjacency.length;
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    public int[][] adjacency() {
        return deepCopy(adjacency);
    }

    public int[][] sensoryAdjacency() {
        return deepCopy(sensoryAdjacency);
    }

    /** Polarity of the synapse src → dst (-1, 0 or +1). */
    public int synapse(int src, int dst) {
        return adjacency[src][dst];
    }

    /** Polarity of the synapse from sensory input src to neuron dst (-1, 0 or +1). */
    public int sensorySynapse(int src, int dst) {
        return sensoryAdjacency[src][dst];
    }

    public int synapseCount() {
        return count(adjacency, 0);
    }

    public int sensorySynapseCount() {
        return count(sensoryAdjacency, 0);
    }

    public int excitatorySynapseCount() {
        return count(adjacency, 1);
    }

    public int inhibitorySynapseCount() {
        return count(adjacency, -1);
    }

    public int excitatorySensorySynapseCount() {
        return count(sensoryAdjacency, 1);
    }

    public int inhibitorySensorySynapseCount() {
        return count(sensoryAdjacency, -1);
    }

    /** Layers in the order the wired CfC runs them; for NCP: inter, command, motor. */
    public List<int[]> layers() {
        List<int[]> l = new ArrayList<>();
        for (int[] layer : layers) l.add(layer.clone());
        return l;
    }

    public int layerCount() {
        return layers.size();
    }

    public int[] layer(int index) {
        return layers.get(index).clone();
    }

    /** Neuron ids with this role, ascending; {@link NeuronRole#SENSORY} gives the input indices. */
    public int[] neurons(NeuronRole role) {
        return switch (role) {
            case SENSORY -> NCP.range(0, inputDim);
            case INTER -> inter.clone();
            case COMMAND -> command.clone();
            case MOTOR -> motor.clone();
        };
    }

    public NeuronRole role(int neuron) {
        if (neuron < 0 || neuron >= units()) throw new IndexOutOfBoundsException("neuron " + neuron);
        for (int id : motor) if (id == neuron) return NeuronRole.MOTOR;
        for (int id : command) if (id == neuron) return NeuronRole.COMMAND;
        return NeuronRole.INTER;
    }

    private static int count(int[][] m, int polarity) {
        int c = 0;
        for (int[] row : m) for (int v : row) if (polarity == 0 ? v != 0 : v == polarity) c++;
        return c;
    }

    private static int[][] deepCopy(int[][] m) {
        int[][] c = new int[m.length][];
        for (int i = 0; i < m.length; i++) c[i] = m[i].clone();
        return c;
    }

    @Override
    public String toString() {
        return kind() + "[units=" + units() + ", inputs=" + inputDim + ", outputs=" + outputDim + ", synapses="
                + synapseCount() + ", sensory synapses=" + sensorySynapseCount() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Wiring w && w.inputDim == inputDim && w.outputDim == outputDim
                && Arrays.deepEquals(w.adjacency, adjacency) && Arrays.deepEquals(w.sensoryAdjacency, sensoryAdjacency)
                && Arrays.deepEquals(w.layers.toArray(), layers.toArray());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(adjacency) + Arrays.deepHashCode(sensoryAdjacency);
    }
}
