package org.liquidpilot.liquid;

import org.liquidpilot.liquid.wiring.Wiring;

/**
 * ncps {@code WiredCfCCell}: one CfC per wiring layer (for NCP: inter, command, motor), each layer fed by the
 * previous layer's new state through the block sparsity mask stored as {@code rnn_cell.layer_l.sparsity_mask}. The
 * state is in layer order (for NCP: inter | command | motor), unlike the LTC's neuron-id order; the output is the
 * last layer.
 */
public final class WiredCfcCell extends Cell {
    private final CfcCell[] layers;
    private final int[] offsets;
    private final int inputs, units;

    public WiredCfcCell(int inputs, Wiring wiring, CfcMode mode, Parameters p, String prefix) {
        this.inputs = inputs;
        this.units = wiring.units();
        layers = new CfcCell[wiring.layerCount()];
        offsets = new int[layers.length + 1];
        int in = inputs;
        Parameters.Flat flat = p.flat();
        for (int l = 0; l < layers.length; l++) {
            int n = wiring.layer(l).length;
            layers[l] = new CfcCell(in, n, mode, Activation.LECUN_TANH, 0, 0, 0.0, true, p, flat, prefix + "layer_" + l + ".");
            offsets[l + 1] = offsets[l] + n;
            in = n;
        }
    }

    private WiredCfcCell(WiredCfcCell o) {
        inputs = o.inputs;
        units = o.units;
        offsets = o.offsets;
        layers = new CfcCell[o.layers.length];
        for (int l = 0; l < layers.length; l++) layers[l] = o.layers[l].fork();
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int stateSize() {
        return units;
    }

    @Override
    public int outputSize() {
        return offsets[layers.length] - offsets[layers.length - 1];
    }

    @Override
    public void step(double[] x, double dt, double[] state, double[] out) {
        layers[0].stepAt(x, 0, dt, state, 0);
        for (int l = 1; l < layers.length; l++) layers[l].stepAt(state, offsets[l - 1], dt, state, offsets[l]);
        int last = offsets[layers.length - 1];
        System.arraycopy(state, last, out, 0, units - last);
    }

    @Override
    public WiredCfcCell fork() {
        return new WiredCfcCell(this);
    }
}
