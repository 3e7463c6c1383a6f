/**
 * roslaunch for liquidpilot: launch XML, substitutions and arguments, the launch plan, the runner, and the
 * registry from {@code pkg}/{@code type} to in-process node constructors.
 */
package org.liquidpilot.launch;
