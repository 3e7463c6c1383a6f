/**
 * JMH benchmarks of the feature extractor on camera frames.
 */
package org.liquidpilot.bench.perception;
