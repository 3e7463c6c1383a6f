/**
 * The {@code liquidpilot} command line: one picocli command per job, each a thin adapter over one module's API.
 * Failures become one line and an exit code (2 for bad input, 1 for a failed job).
 */
package org.liquidpilot.cli;
