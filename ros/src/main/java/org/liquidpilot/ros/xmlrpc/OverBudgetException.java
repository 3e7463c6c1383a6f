package org.liquidpilot.ros.xmlrpc;

import java.io.IOException;

/** A request body that the server's {@link ByteBudget} cannot hold now: answered 503, not read. */
final class OverBudgetException extends IOException {
    OverBudgetException(String message) {
        super(message);
    }
}
