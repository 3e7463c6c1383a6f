package org.liquidpilot.sim.report;

import org.liquidpilot.sim.run.DrivingPolicy;
import org.liquidpilot.sim.scenario.Scenario;

import java.util.function.Function;

/**
 * A policy a condition sweep drives with.
 *
 * @param stem        its folder name under the sweep output ({@code expert}, or the model file's name without extension)
 * @param description what metrics.json records as the policy
 * @param model       {@code expert}, or the model file's absolute path, so {@code report} can read its sizes later
 * @param factory     a fresh policy for each cell's scenario
 */
public record SweepPolicy(String stem, String description, String model, Function<Scenario, DrivingPolicy> factory) {
    public SweepPolicy {
        if (stem == null || !stem.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,99}")) {
            throw new IllegalArgumentException("policy name '" + stem + "' cannot be a folder name (letters, digits, . _ + -)");
        }
    }
}
