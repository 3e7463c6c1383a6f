/**
 * JMH benchmarks of one training iteration (forward, backward, optimiser step).
 */
package org.liquidpilot.bench.train;
