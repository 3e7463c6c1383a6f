/**
 * safetensors reading and writing: the tensor container the model files and datasets use.
 */
package org.liquidpilot.liquid.io;
