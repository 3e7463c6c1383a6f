package org.liquidpilot.liquid.export;

import java.util.Set;

/** The part of an export that is one kind of liquid cell: its constant tables, its helper functions and its step. */
interface CCell {
    /** Scalar helpers the cell's code calls: {@code sigmoid}, {@code erf}. */
    Set<String> helpers();

    void tables(CText c);

    /** Static functions the step calls (may emit nothing). */
    void functions(CText c);

    /**
     * Statements of {@code <prefix>_step} that advance the state {@code s->h} with input {@code x} over {@code dt}
     * and write the cell's output (before any projection) to {@code cell_out} or, without a projection, to {@code y};
     * {@code o} and {@code k} are declared ints.
     */
    void step(CText c, String out);

    /** Where the cell's output is left when {@link #step} writes none: a pointer expression into the state. */
    String outputInState();

    /** Bytes of stack arrays the step and its callees hold at once. */
    int scratchBytes();

    /** A comment line saying what the state's slots are. */
    String stateOrder();
}
