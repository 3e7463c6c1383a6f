package org.liquidpilot.train;

/**
 * The baselines on PyTorch's one-layer gated cells, {@code nn.LSTM} and {@code nn.GRU}: {@code gates × hidden} rows
 * of input and recurrent weights, each with its own bias, under {@code <module>.weight_ih_l0} and so on.
 */
abstract sealed class GatedRnnModel extends BaselineModel permits LstmModel, GruModel {
    final int wih, whh, bih, bhh;

    GatedRnnModel(String module, int gates, int inputs, int hidden, int outputs, int stateSize) {
        super(module, inputs, hidden, outputs, stateSize, register(ParamSet.builder(), module, gates, inputs, hidden));
        wih = params.offset(module + ".weight_ih_l0");
        whh = params.offset(module + ".weight_hh_l0");
        bih = params.offset(module + ".bias_ih_l0");
        bhh = params.offset(module + ".bias_hh_l0");
    }

    private static ParamSet.Builder register(ParamSet.Builder b, String module, int gates, int f, int h) {
        b.add(module + ".weight_ih_l0", gates * h, f);
        b.add(module + ".weight_hh_l0", gates * h, h);
        b.add(module + ".bias_ih_l0", gates * h);
        b.add(module + ".bias_hh_l0", gates * h);
        return b;
    }

    @Override
    int fanIn(String tensor) {
        return h; // PyTorch's LSTM and GRU use 1/√hidden for every tensor
    }
}
