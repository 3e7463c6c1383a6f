/**
 * Wirings (NCP, AutoNCP, fully connected, random): which neuron feeds which, with ncps's seeded random layout, and
 * drawings of them.
 */
package org.liquidpilot.liquid.wiring;
