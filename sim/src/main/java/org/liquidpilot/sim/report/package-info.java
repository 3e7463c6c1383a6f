/**
 * Outputs of simulator runs: metrics JSON, sweeps over conditions, heat maps, trajectory and neuron plots, videos,
 * results tables and HTML reports.
 */
package org.liquidpilot.sim.report;
