package org.liquidpilot.sim.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The ladders' cells: every level a valid scenario for the car and the drone, names unique, level 0 the base. */
class LaddersTest {

    @Test
    void everyLevelOfEveryLadderValidatesForTheCarAndTheDrone() {
        for (String ladder : Ladders.NAMES) {
            for (String base : List.of("nominal", "drone-target", "trail-nominal")) {
                ObjectNode tree = Scenarios.resolveTree(base);
                List<Ladders.Axis> axes = Ladders.select(Ladders.of(ladder), List.of(), tree.path("vehicle").asText());
                List<SweepCondition> cs = Ladders.conditions(axes, tree);
                assertEquals(1 + Ladders.LEVELS * axes.size(), cs.size());
                // ConditionSweep.cells applies and validates every override, refuses duplicate names and size changes
                List<ConditionSweep.Cell> cells = ConditionSweep.cells(tree, cs, 2, null, null);
                Set<String> names = new HashSet<>();
                for (ConditionSweep.Cell c : cells) assertTrue(names.add(c.condition().name()), c.condition().name());
                Scenario plain = Scenarios.toScenario(tree).withEpisodes(2);
                Scenario level0 = cells.get(0).scenario();
                assertEquals(Ladders.BASELINE, cells.get(0).condition().name());
                assertEquals(plain.withName("x"), level0.withName("x"), ladder + " on " + base + ": level 0 is the base scenario unchanged");
                for (ConditionSweep.Cell c : cells.subList(1, cells.size())) {
                    assertNotEquals(plain.withName("x"), c.scenario().withName("x"), c.condition().name() + " changes something");
                }
            }
        }
    }

    @Test
    void axesHaveFiveLevelsNamedAxisDashLevel() {
        Ladders.Ladder ext = Ladders.of("extended");
        Set<String> axes = new HashSet<>();
        for (Ladders.Axis a : ext.axes()) {
            assertTrue(axes.add(a.name()), a.name());
            assertEquals(Ladders.LEVELS, a.levels().size(), a.name());
            for (int l = 1; l <= Ladders.LEVELS; l++) {
                assertEquals(l, a.levels().get(l - 1).level());
                assertEquals(l, Ladders.levelOf(a, a.name() + "-" + l));
            }
            assertEquals(0, Ladders.levelOf(a, Ladders.BASELINE));
            assertEquals(-1, Ladders.levelOf(a, "nominal"));
        }
        assertEquals(List.of("rain", "fog", "darkness", "wind", "roll-occlusion", "storm"), Ladders.of("standard").axes().stream().map(Ladders.Axis::name).toList());
        assertTrue(axes.containsAll(List.of("noise", "dim", "glare", "contrast", "pitch", "fov", "speed", "season")));
    }

    @Test
    void darknessEndsAtNightAndSpeedScalesTheBase() {
        ObjectNode tree = Scenarios.resolveTree("nominal");
        List<ConditionSweep.Cell> cells = ConditionSweep.cells(tree, Ladders.conditions(List.of(Ladders.of("extended").axis("darkness"),
                Ladders.of("extended").axis("speed")), tree), 1, null, null);
        Scenario night = cells.get(5).scenario();
        assertEquals("darkness-5", cells.get(5).condition().name());
        assertTrue(night.weather().night());
        assertEquals(8, cells.get(1).scenario().weather().sunAltitudeDeg());
        assertEquals(6 * 1.5, cells.get(10).scenario().speedMps(), 1e-9);
        ObjectNode drone = Scenarios.resolveTree("drone-target");
        List<ConditionSweep.Cell> d = ConditionSweep.cells(drone, Ladders.conditions(List.of(Ladders.of("extended").axis("speed")), drone), 1, null, null);
        assertEquals(3 * 1.1, d.get(1).scenario().speedMps(), 1e-9, "the quadrotor's cruise speed");
    }

    @Test
    void unknownLaddersAndAxesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Ladders.of("nope"));
        assertThrows(IllegalArgumentException.class, () -> Ladders.of(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ladders.select(Ladders.of("standard"), List.of("speed"), "car"));
        assertTrue(e.getMessage().contains("not on the standard ladder"), e.getMessage());
        assertEquals(List.of("fog"), Ladders.select(Ladders.of("standard"), List.of("fog", "fog"), "car").stream().map(Ladders.Axis::name).toList());
    }
}
