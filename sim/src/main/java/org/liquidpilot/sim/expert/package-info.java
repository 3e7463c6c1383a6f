/**
 * The privileged expert: drives from the true state and the path, the ceiling every learned policy is scored
 * against.
 */
package org.liquidpilot.sim.expert;
