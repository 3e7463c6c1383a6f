/**
 * JMH benchmarks of the pilot: one control step, and image-to-command latency through a pilot node.
 */
package org.liquidpilot.bench.pilot;
