/**
 * Rendering the forest with jMonkeyEngine, on screen or headless (GLFW's null platform with OSMesa), and the
 * post-processing of camera frames.
 */
package org.liquidpilot.sim.render;
