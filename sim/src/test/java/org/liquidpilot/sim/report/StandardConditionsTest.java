package org.liquidpilot.sim.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class StandardConditionsTest {
    static ObjectNode nominal() {
        return Scenarios.resolveTree("nominal");
    }

    @Test
    void everyStandardCellIsAValidScenarioThatChangesOnlyWhatItSays() {
        List<ConditionSweep.Cell> cells = ConditionSweep.cells(nominal(), StandardConditions.set("standard"), 20, 9001L, 30.0);
        assertEquals(StandardConditions.NAMES, cells.stream().map(c -> c.condition().name()).toList());
        Scenario base = Scenarios.resolve("nominal");
        for (ConditionSweep.Cell c : cells) {
            Scenario s = c.scenario();
            assertEquals(9001L, s.seed());
            assertEquals(30.0, s.durationS());
            assertEquals(20, s.episodes());
            assertEquals(base.speedMps(), s.speedMps(), "cells keep the base speed so they are comparable: " + c.condition().name());
            assertEquals(base.camera().width(), s.camera().width());
        }
        Map<String, Scenario> by = new java.util.HashMap<>();
        cells.forEach(c -> by.put(c.condition().name(), c.scenario()));
        assertEquals(base.weather(), by.get("nominal").weather());
        assertEquals(base.wind(), by.get("nominal").wind());
        assertEquals(0.5, by.get("rain").weather().rain());
        assertEquals(0.8, by.get("fog").weather().fog());
        assertEquals(4.0, by.get("dusk").weather().sunAltitudeDeg());
        assertTrue(by.get("night").weather().night());
        // Gusts scale with each cell's own wind (W20), not with the handbook's fixed 15/30/45 kt.
        assertEquals(new Scenario.Wind(2, 90, "dryden"), by.get("wind-light").wind());
        assertEquals(new Scenario.Wind(5, 90, "dryden"), by.get("wind-moderate").wind());
        assertEquals(new Scenario.Wind(8, 90, "dryden"), by.get("wind-severe").wind());
        assertEquals("autumn", by.get("autumn").weather().season());
        assertEquals("winter", by.get("winter").weather().season());
        assertEquals(8.0, by.get("noise").camera().noiseStd());
        assertTrue(StandardConditions.NAMES.containsAll(StandardConditions.MODERATE));
    }

    @Test
    void theDroneSetAppliesEachPerturbationToTheTargetTasks() {
        for (String task : List.of("drone-target", "drone-hike")) {
            List<ConditionSweep.Cell> cells = ConditionSweep.cells(Scenarios.resolveTree(task), StandardConditions.set("drone"), 20, 424242L, null);
            assertEquals(StandardConditions.DRONE, cells.stream().map(c -> c.condition().name()).toList());
            Scenario base = Scenarios.resolve(task);
            Map<String, Scenario> by = new java.util.HashMap<>();
            cells.forEach(c -> by.put(c.condition().name(), c.scenario()));
            for (Scenario s : by.values()) {
                assertEquals(base.task(), s.task(), "every cell flies the same task");
                assertEquals(base.speedMps(), s.speedMps());
                assertEquals(base.durationS(), s.durationS());
            }
            assertEquals(base.camera(), by.get("nominal").camera());
            assertEquals("mixed", by.get("nominal").biome());
            assertEquals("birch", by.get("birch").biome());
            assertEquals("pine", by.get("pine").biome());
            assertEquals(base.weather(), by.get("birch").weather(), "a biome cell changes the trees only");
            assertEquals("autumn", by.get("autumn").weather().season());
            assertEquals("winter", by.get("winter").weather().season());
            assertEquals(new Scenario.Wind(5, 90, "dryden"), by.get("wind-moderate").wind());
            assertEquals(20.0, by.get("rotation").camera().rotationDeg());
            assertEquals(new Scenario.Camera(160, 80, 70, 0, 20, 0), by.get("rotation").camera(), "rotation changes only the roll");
            assertEquals(new Scenario.Camera(160, 80, 70, 0, 0, 0.25), by.get("occlusion").camera(), "occlusion changes only the patch");
            assertTrue(by.get("rain").weather().rain() > 0 && by.get("fog").weather().fog() > 0 && by.get("dusk").weather().sunAltitudeDeg() < 10);
        }
        assertEquals(StandardConditions.NAMES, StandardConditions.set("standard").stream().map(SweepCondition::name).toList(),
                "the standard set, and so the trail tables, are unchanged");
        assertEquals("birch", SweepCondition.parse("birch").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StandardConditions.set("summer"));
        assertTrue(e.getMessage().contains("standard or drone"), e.getMessage());
    }

    @Test
    void customCellsAndStandardCellsWithExtraKeys() {
        SweepCondition gale = SweepCondition.parse("gale:mean_mps=12,turbulence=severe");
        assertEquals(Map.of("mean_mps", "12", "turbulence", "severe"), gale.overrides());
        SweepCondition thickFog = SweepCondition.parse("fog:fog=0.95");
        assertEquals("0.95", thickFog.overrides().get("fog"));
        assertEquals("1", thickFog.overrides().get("noise_std"), "a standard name with keys starts from the standard cell");
        Scenario s = ConditionSweep.cells(nominal(), List.of(gale), 1, null, null).get(0).scenario();
        assertEquals(12.0, s.wind().meanMps());
        assertEquals("nominal/gale", s.name());
    }

    @Test
    void badCellsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> ConditionSweep.cells(nominal(), List.of(), 1, null, null), "empty grid");
        assertThrows(IllegalArgumentException.class, () -> StandardConditions.set(""));
        assertThrows(IllegalArgumentException.class, () -> StandardConditions.set("extreme"));
        assertThrows(IllegalArgumentException.class, () -> SweepCondition.parse("hail"));
        assertThrows(IllegalArgumentException.class, () -> SweepCondition.parse("x:"));
        assertThrows(IllegalArgumentException.class, () -> SweepCondition.parse("x:rain"));
        assertThrows(IllegalArgumentException.class, () -> SweepCondition.parse("Bad Name:rain=1"));
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> ConditionSweep.cells(nominal(), List.of(SweepCondition.parse("x:colour=red")), 1, null, null));
        assertTrue(key.getMessage().startsWith("condition x:"), key.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConditionSweep.cells(nominal(), List.of(SweepCondition.parse("x:rain=7")), 1, null, null));
        assertThrows(IllegalArgumentException.class, () -> ConditionSweep.cells(nominal(),
                List.of(StandardConditions.find("fog"), StandardConditions.find("fog")), 1, null, null), "a name twice");
        IllegalArgumentException cam = assertThrows(IllegalArgumentException.class, () -> ConditionSweep.cells(nominal(),
                List.of(StandardConditions.find("nominal"), SweepCondition.parse("big:camera.width=320")), 1, null, null));
        assertTrue(cam.getMessage().contains("camera size"), cam.getMessage());
    }

    @Property(tries = 300)
    void garbageSpecsAreRejectedOrValid(@ForAll String spec) {
        try {
            SweepCondition c = SweepCondition.parse(spec);
            ConditionSweep.cells(nominal(), List.of(c), 1, null, null);
        } catch (IllegalArgumentException expected) {
            assertNotNull(expected.getMessage());
        }
    }
}
