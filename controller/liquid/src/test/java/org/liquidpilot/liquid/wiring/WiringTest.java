package org.liquidpilot.liquid.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liquidpilot.liquid.Goldens;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;

import static org.junit.jupiter.api.Assertions.*;

class WiringTest {

    static int[][] matrix(Tensor t) {
        int[][] m = new int[t.dim(0)][t.dim(1)];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m[i].length; j++) m[i][j] = (int) t.data()[i * t.dim(1) + j];
        return m;
    }

    static int[][] matrix(JsonNode rows) {
        int[][] m = new int[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new int[rows.get(i).size()];
            for (int j = 0; j < m[i].length; j++) m[i][j] = rows.get(i).get(j).asInt();
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ltc_ncp19", "cfc_ncp19", "ltc_fc12o2"})
    void seededWiringEqualsGoldenAdjacency(String model) {
        SafeTensors.Contents c = Goldens.f32(model);
        JsonNode ctor = Goldens.meta(model).path("constructor");
        Wiring w = Wirings.fromJson(ctor.path("units")).build(ctor.path("input_size").asInt());
        assertArrayEquals(matrix(c.require("wiring.adjacency_matrix")), w.adjacency());
        assertArrayEquals(matrix(c.require("wiring.sensory_adjacency_matrix")), w.sensoryAdjacency());
        JsonNode wj = Goldens.meta(model).path("wiring");
        assertEquals(wj.path("synapse_count").asInt(), w.synapseCount());
        assertEquals(wj.path("sensory_synapse_count").asInt(), w.sensorySynapseCount());
        assertEquals(wj.path("num_layers").asInt(), w.layerCount());
        for (int l = 0; l < w.layerCount(); l++) assertArrayEquals(matrix(wj.path("layers")).clone()[l], w.layer(l));
    }

    @Test
    void autoNcp19HasThePaperLayout() {
        Wiring w = Wirings.byName("autoncp19").build(32);
        assertArrayEquals(new int[]{0}, w.neurons(NeuronRole.MOTOR));
        assertArrayEquals(new int[]{1, 2, 3, 4, 5, 6, 7}, w.neurons(NeuronRole.COMMAND));
        assertEquals(11, w.neurons(NeuronRole.INTER).length);
        assertEquals(160, w.sensorySynapseCount());
        assertEquals(46, w.synapseCount());
        assertEquals(w.synapseCount(), w.excitatorySynapseCount() + w.inhibitorySynapseCount());
        assertEquals(NeuronRole.COMMAND, w.role(3));
        assertEquals(NeuronRole.INTER, w.role(18));
    }

    @Test
    void paperNcp19ByName() {
        WiringSpec s = Wirings.byName("NCP19");
        assertEquals(new NCP(12, 6, 1, 6, 4, 6, 6, 22222), s);
        Wiring w = s.build(32);
        assertEquals(19, w.units());
        assertEquals(12, w.neurons(NeuronRole.INTER).length);
        assertEquals(6, w.neurons(NeuronRole.COMMAND).length);
        // every sensory input reaches sensory_fanout inter neurons, and every inter neuron is reached
        for (int s2 = 0; s2 < 32; s2++) {
            int c = 0;
            for (int j = 0; j < 19; j++) if (w.sensorySynapse(s2, j) != 0) c++;
            assertEquals(6, c);
        }
        // no synapse skips a layer or runs backwards
        for (int i : w.neurons(NeuronRole.MOTOR)) for (int j = 0; j < 19; j++) assertEquals(0, w.synapse(i, j));
        assertThrows(IllegalArgumentException.class, () -> Wirings.byName("ncp20"));
    }

    @Test
    void referenceWiringsForOtherSeedsAndSizes() {
        JsonNode cases = Goldens.json("wiring_refs.json");
        assertTrue(cases.size() >= 30);
        int random = 0;
        for (JsonNode c : cases) {
            WiringSpec spec = Wirings.fromJson(c.path("spec"));
            Wiring w = spec.build(c.path("input_dim").asInt());
            String what = spec + " inputs " + c.path("input_dim");
            assertArrayEquals(matrix(c.path("adjacency")), w.adjacency(), what);
            assertArrayEquals(matrix(c.path("sensory_adjacency")), w.sensoryAdjacency(), what);
            if (spec instanceof Random) random++;
        }
        assertTrue(random >= 6);
    }

    @Test
    void buildTwiceGivesTheSameFreshWiring() {
        WiringSpec s = new AutoNCP(19, 1);
        assertEquals(s.build(32), s.build(32));
        assertNotEquals(s.build(32), new AutoNCP(19, 1, 0.5, 1).build(32));
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AutoNCP(19, 17));
        assertThrows(IllegalArgumentException.class, () -> new AutoNCP(19, 1, 0.05, 1));
        assertThrows(IllegalArgumentException.class, () -> new NCP(12, 6, 1, 13, 4, 6, 6, 1));
        assertThrows(IllegalArgumentException.class, () -> new NCP(12, 6, 1, 6, 4, 6, 7, 1));
        assertThrows(IllegalArgumentException.class, () -> new FullyConnected(0));
        assertThrows(IllegalArgumentException.class, () -> new Random(5, 2, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> NCP.paper19().build(0));
        assertThrows(IllegalArgumentException.class, () -> new AutoNCP(90_000, 1).build(32));
        assertThrows(IllegalArgumentException.class, () -> new FullyConnected(10).build(10_000_000));
        assertThrows(IllegalArgumentException.class, () -> Wirings.fromJson(Goldens.json("dev/index.json")));
    }
}
