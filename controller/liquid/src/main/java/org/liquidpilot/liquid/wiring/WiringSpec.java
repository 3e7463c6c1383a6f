package org.liquidpilot.liquid.wiring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ncps wiring before {@code build(input_dim)}: its kind and constructor arguments. {@link #build(int)} makes a
 * fresh {@link Wiring} every time, so two models never share one (ncps's build() on a built wiring adds synapses).
 */
public sealed interface WiringSpec permits FullyConnected, Random, NCP, AutoNCP {

    /** Number of neurons (the cell's state size). */
    int units();

    /** Number of motor (output) neurons. */
    int outputDim();

    /** The ncps class name: FullyConnected, Random, NCP or AutoNCP. */
    String kind();

    /** Draws the synapses for {@code inputDim} sensory inputs exactly as ncps does for the same seed. */
    Wiring build(int inputDim);

    /** The ncps constructor arguments, with {@code cls}, in the form of the golden {@code .json} files. */
    Map<String, Object> constructorArgs();

    /** Bounds what a constructor read from a file can make us allocate (an ncps model this size would not fit either). */
    long MAX_MATRIX_ENTRIES = 50_000_000L;

    static void requireBuildable(int units, int inputDim) {
        requirePositive("input_dim", inputDim);
        if ((long) units * units + (long) inputDim * units > MAX_MATRIX_ENTRIES) {
            throw new IllegalArgumentException("wiring too large: " + units + " units with " + inputDim + " inputs");
        }
    }

    /** The constructor arguments the single-layer wirings start with: {@code cls}, {@code units}, {@code output_dim}. */
    static Map<String, Object> singleLayerArgs(WiringSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cls", spec.kind());
        m.put("units", spec.units());
        m.put("output_dim", spec.outputDim());
        return m;
    }

    /** The single-layer wirings' sizes: at least one unit, and from 1 to {@code units} motor neurons. */
    static void requireSizes(int units, int outputDim) {
        requirePositive("units", units);
        if (outputDim < 1 || outputDim > units) {
            throw new IllegalArgumentException("output_dim must be in [1, " + units + "], got " + outputDim);
        }
    }

    static void requirePositive(String what, int v) {
        if (v < 1) throw new IllegalArgumentException(what + " must be at least 1, got " + v);
    }
}
