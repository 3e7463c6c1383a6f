package org.liquidpilot.liquid;

/**
 * One sample's step of the ncps sequence wrapper: the optional mixed-memory LSTM on (x, h, c), then the liquid cell
 * on (x, h), then the optional {@code fc} projection of the cell's output. Allocation-free; not thread-safe.
 */
final class Recurrent {
    final Cell cell;
    private final LstmCell lstm;
    private final Dense fc;
    private final double[] cellOut;

    Recurrent(Cell cell, LstmCell lstm, Dense fc) {
        this.cell = cell;
        this.lstm = lstm;
        this.fc = fc;
        this.cellOut = new double[cell.outputSize()];
    }

    Recurrent fork() {
        return new Recurrent(cell.fork(), lstm == null ? null : lstm.fork(), fc);
    }

    int inputSize() {
        return cell.inputSize();
    }

    int stateSize() {
        return cell.stateSize();
    }

    int outputSize() {
        return fc == null ? cell.outputSize() : fc.out;
    }

    boolean mixedMemory() {
        return lstm != null;
    }

    /** Whether the cell alone makes the output: no mixed-memory LSTM before it, no projection after. */
    boolean cellOnly() {
        return lstm == null && fc == null;
    }

    /** h and c (c only with mixed memory) are updated in place; y receives the output. */
    void step(double[] x, double dt, double[] h, double[] c, double[] y) {
        if (lstm != null) lstm.step(x, h, c);
        if (fc == null) {
            cell.step(x, dt, h, y);
        } else {
            cell.step(x, dt, h, cellOut);
            fc.apply(cellOut, 0, y, 0);
        }
    }
}
