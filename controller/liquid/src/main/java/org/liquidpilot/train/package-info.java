/**
 * Training: sequence datasets, the trainable models (LTC, CfC, LSTM, GRU, CT-RNN, MLP) with their backward passes,
 * loss, Adam, schedules and checkpoints. Uses the liquid core's forward equations; imports nothing outside the
 * liquid module.
 */
package org.liquidpilot.train;
