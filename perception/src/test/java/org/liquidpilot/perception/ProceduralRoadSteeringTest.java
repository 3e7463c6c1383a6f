package org.liquidpilot.perception;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same pipeline and probe on roads it has never seen: other looks, sizes and curvature histories. */
class ProceduralRoadSteeringTest {

    @ParameterizedTest
    @CsvSource({"160, 80, 1", "160, 80, 2", "320, 160, 3", "128, 96, 4"})
    void featuresPredictCurvatureOfUnseenRoads(int w, int h, long seed) {
        ProceduralRoad road = new ProceduralRoad(w, h, 120, seed);
        FeatureConfig c = FeatureConfig.defaults();
        OnlineNormalizer norm = new OnlineNormalizer(c.featureCount(), road.frames.size());
        double[][] z = SteeringProbe.onlineZ(c, road.frames, norm);
        double r2 = SteeringProbe.heldOutR2(z, z, road.curvature);
        System.out.printf("procedural road %dx%d seed %d: held-out curvature R^2 %.4f%n", w, h, seed, r2);
        assertTrue(r2 >= 0.8, "R^2 " + r2);
    }
}
