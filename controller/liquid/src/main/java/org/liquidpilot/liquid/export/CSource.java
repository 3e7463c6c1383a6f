package org.liquidpilot.liquid.export;

/**
 * A model as C: {@code <prefix>.h} and {@code <prefix>.c}, and what the generator knows of its footprint before any
 * compiler sees it.
 *
 * @param stateBytes   RAM the caller keeps between steps ({@code sizeof(<prefix>_state)})
 * @param scratchBytes stack arrays one step holds at once (locals of the step and its deepest callee; the compiler's
 *                     own frame comes on top, {@link CCheck} measures it)
 * @param constBytes   constant tables (weights and indices), which go to flash
 * @param multiplyAdds weights read per step (masked synapses skipped; an LTC's internal synapses once per unfold)
 */
public record CSource(String prefix, String header, String source, int stateBytes, int scratchBytes, long constBytes,
                      long multiplyAdds) {

    public String headerFile() {
        return prefix + ".h";
    }

    public String sourceFile() {
        return prefix + ".c";
    }
}
