/**
 * Exports a loaded LTC or CfC model as dependency-free C99 for a flight controller or a microcontroller
 * ({@link org.liquidpilot.liquid.export.CExport}), and checks an export against the Java path by compiling it with the
 * system C compiler ({@link org.liquidpilot.liquid.export.CCheck}). Pure Java like the rest of the core: the C
 * compiler is an outside program, found on the PATH only when a check asks for it.
 */
package org.liquidpilot.liquid.export;
