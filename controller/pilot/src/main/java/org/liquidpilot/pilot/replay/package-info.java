/**
 * Open-loop replay: a model scored against the commands recorded in a bag, with a report and plot.
 */
package org.liquidpilot.pilot.replay;
