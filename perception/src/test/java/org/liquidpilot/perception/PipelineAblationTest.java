package org.liquidpilot.perception;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Why the pipeline has the stages it has: held-out steering R^2 on the flight_small frames, clean and degraded,
 * with one stage removed or one descriptor group alone. Prints the table recorded in perception/README.md.
 */
class PipelineAblationTest {

    @Test
    void eachRobustnessStageEarnsItsPlace() {
        FlightFixture flight = FlightFixture.load();
        Map<String, List<RgbFrame>> weather = new LinkedHashMap<>();
        weather.put("x0.3", Weather.brightness(flight.frames(), 0.3));
        weather.put("x2", Weather.brightness(flight.frames(), 2.0));
        weather.put("noise", Weather.gaussianNoise(flight.frames(), 12, 41));
        weather.put("rain", Weather.rain(flight.frames(), 40, 42));
        weather.put("rain 2px", Weather.rain(flight.frames(), 40, 2, 43));

        FeatureConfig d = FeatureConfig.defaults();
        Map<String, FeatureConfig> variants = new LinkedHashMap<>();
        variants.put("default (32)", d);
        variants.put("no de-rain opening", new FeatureConfig(64, 32, 0.5, 4, 8, 12, true, false, 3, 2.0, null));
        variants.put("no median", new FeatureConfig(64, 32, 0.5, 4, 8, 12, true, true, 1, 2.0, null));
        variants.put("no CLAHE (min-max)", new FeatureConfig(64, 32, 0.5, 4, 8, 12, true, true, 3, 0, null));
        variants.put("road cues only (16)", new FeatureConfig(64, 32, 0.5, 4, 8, 0, false, true, 3, 2.0, null));
        variants.put("DCT only (12)", new FeatureConfig(64, 32, 0.5, 0, 0, 12, false, true, 3, 2.0, null));
        variants.put("motion only (4)", new FeatureConfig(64, 32, 0.5, 0, 0, 0, true, true, 3, 2.0, null));

        StringBuilder table = new StringBuilder("| pipeline | clean |");
        for (String w : weather.keySet()) table.append(' ').append(w).append(" |");
        table.append(" worst drop (first four) |\n|---|---|").append("---|".repeat(weather.size() + 1)).append('\n');
        Map<String, Double> worst = new LinkedHashMap<>();
        Map<String, Double> rainR2 = new LinkedHashMap<>();
        for (var v : variants.entrySet()) {
            OnlineNormalizer stats = new OnlineNormalizer(v.getValue().featureCount(), flight.frames().size());
            double[][] clean = SteeringProbe.onlineZ(v.getValue(), flight.frames(), stats);
            double r2 = SteeringProbe.heldOutR2(clean, clean, flight.steering());
            table.append(String.format("| %s | %.3f |", v.getKey(), r2));
            double drop = 0;
            for (var w : weather.entrySet()) {
                double[][] z = SteeringProbe.onlineZ(v.getValue(), w.getValue(), stats.copy());
                double rw = SteeringProbe.heldOutR2(clean, z, flight.steering());
                if (w.getKey().equals("rain")) rainR2.put(v.getKey(), rw);
                // The four conditions set the worst drop; 2-pixel streaks are reported beside them.
                if (!w.getKey().equals("rain 2px")) drop = Math.max(drop, r2 - rw);
                table.append(String.format(" %.3f |", rw));
            }
            worst.put(v.getKey(), drop);
            table.append(String.format(" %.3f |\n", drop));
        }
        System.out.print(table);
        assertTrue(worst.get("default (32)") < 0.15, "default worst drop " + worst.get("default (32)"));
        assertTrue(rainR2.get("default (32)") > rainR2.get("no de-rain opening") + 0.05,
                "the de-rain opening must pay for itself under rain: " + rainR2);
    }
}
