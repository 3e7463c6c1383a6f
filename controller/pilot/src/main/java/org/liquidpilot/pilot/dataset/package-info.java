/**
 * Recorded bags as training data: camera frames through the perception front end, paired with the recorded
 * commands, with a feature cache beside each bag.
 */
package org.liquidpilot.pilot.dataset;
