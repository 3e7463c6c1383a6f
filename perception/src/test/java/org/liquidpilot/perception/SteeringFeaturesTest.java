package org.liquidpilot.perception;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The features carry steering: on the flight_small.bag frames, and under bad weather once normalisation settles. */
class SteeringFeaturesTest {
    static FlightFixture flight;
    static OnlineNormalizer cleanStats;
    static double[][] cleanZ;
    static double cleanR2;

    @BeforeAll
    static void cleanBaseline() {
        flight = FlightFixture.load();
        FeatureConfig c = FeatureConfig.defaults();
        cleanStats = new OnlineNormalizer(c.featureCount(), flight.frames().size());
        cleanZ = SteeringProbe.onlineZ(c, flight.frames(), cleanStats);
        cleanR2 = SteeringProbe.heldOutR2(cleanZ, cleanZ, flight.steering());
        System.out.printf("flight_small: held-out steering R^2 %.4f%n", cleanR2);
    }

    @Test
    void featuresPredictRecordedSteeringOnHeldOutFrames() {
        assertTrue(cleanR2 >= 0.8, "held-out R^2 " + cleanR2);
    }

    @Test
    void darkFramesKeepTheSteeringSignal() {
        assertRobust("brightness x0.3", Weather.brightness(flight.frames(), 0.3));
    }

    @Test
    void overexposedFramesKeepTheSteeringSignal() {
        assertRobust("brightness x2", Weather.brightness(flight.frames(), 2.0));
    }

    @Test
    void noisyFramesKeepTheSteeringSignal() {
        assertRobust("gaussian noise sigma 12", Weather.gaussianNoise(flight.frames(), 12, 41));
    }

    @Test
    void rainyFramesKeepTheSteeringSignal() {
        assertRobust("rain 40 streaks", Weather.rain(flight.frames(), 40, 42));
    }

    /** The ridge is fitted on clean frames; the perturbed clip runs through a normaliser that starts from clean statistics. */
    private static void assertRobust(String what, List<RgbFrame> perturbed) {
        OnlineNormalizer adapting = cleanStats.copy();
        double[][] z = SteeringProbe.onlineZ(FeatureConfig.defaults(), perturbed, adapting);
        double r2 = SteeringProbe.heldOutR2(cleanZ, z, flight.steering());
        System.out.printf("flight_small %-24s held-out R^2 %.4f (drop %.4f)%n", what, r2, cleanR2 - r2);
        assertTrue(cleanR2 - r2 < 0.15, what + ": R^2 " + r2 + " vs clean " + cleanR2);
    }
}
