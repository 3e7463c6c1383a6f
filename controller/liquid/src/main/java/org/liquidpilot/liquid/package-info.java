/**
 * The liquid core: LTC and CfC cells, models built from a wiring, streaming and batched inference, and the model
 * file. Pure Java: no ROS, OpenCV or jME (the module's build enforces it).
 */
package org.liquidpilot.liquid;
