package org.liquidpilot.liquid.export;

import org.liquidpilot.liquid.export.CCheck;

/**
 * Whether tests that compile C run, by the same rule as the ros module's {@code Interop.shouldRun} (which this
 * module may not import): under {@code -Dlp.interop=true} (./liquidpilot test) a missing compiler is a failure,
 * elsewhere the test is skipped with a visible {@code NOTICE:} line.
 */
final class CCompilerGate {
    private static Boolean available;

    private CCompilerGate() {}

    static synchronized boolean shouldRun() {
        if (available == null) available = CCheck.toolsAvailable();
        if (available) return true;
        if (Boolean.getBoolean("lp.interop")) {
            throw new IllegalStateException("a C compiler (cc, with size and nm) is required under ./liquidpilot test but is not available;"
                    + " run ./liquidpilot test as root so it can install gcc");
        }
        System.err.println("NOTICE: skipping a test that needs a C compiler (cc, size, nm: Debian gcc, libc6-dev, binutils;"
                + " ./liquidpilot test installs them and runs these tests)");
        return false;
    }
}
