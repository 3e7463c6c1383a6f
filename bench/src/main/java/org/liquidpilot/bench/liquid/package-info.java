/**
 * JMH benchmarks of the liquid core: one streaming step and batched inference, LTC and CfC.
 */
package org.liquidpilot.bench.liquid;
