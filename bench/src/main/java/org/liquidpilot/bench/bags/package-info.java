/**
 * JMH benchmarks of bag reading: wall time and CPU time per message.
 */
package org.liquidpilot.bench.bags;
