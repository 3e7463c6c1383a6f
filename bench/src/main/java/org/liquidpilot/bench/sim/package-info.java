/**
 * JMH benchmarks of one closed-loop simulator step.
 */
package org.liquidpilot.bench.sim;
