package org.liquidpilot.liquid;

import org.junit.jupiter.api.Test;
import org.liquidpilot.liquid.wiring.AutoNCP;
import org.liquidpilot.liquid.wiring.Wirings;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.*;

class StreamTest {

    private static long allocatedBytes(Runnable r) {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        r.run();
        return bean.getThreadAllocatedBytes(id) - before;
    }

    @Test
    void stepAllocatesNothing() {
        ModelConfig[] configs = {
                new LtcConfig(32, Wirings.byName("autoncp19")),
                CfcConfig.wired(32, new AutoNCP(19, 1), CfcMode.DEFAULT),
                new CfcConfig(8, null, 24, 2, true, true, CfcMode.PURE, Activation.LECUN_TANH, 32, 2, 0.0),
        };
        for (ModelConfig cfg : configs) {
            LiquidStream s = LiquidModel.random(cfg, 3).newStream();
            float[] in = new float[cfg.inputSize()];
            float[] state = new float[s.stateSize()];
            Runnable loop = () -> {
                for (int i = 0; i < 20_000; i++) {
                    in[i % in.length] = (float) Math.sin(i);
                    s.step(in, 0.05f);
                    s.state(state);
                }
            };
            loop.run(); // warm up so the JIT has compiled the loop
            long bytes = allocatedBytes(loop);
            assertTrue(bytes < 1024, cfg.cellType() + " allocated " + bytes + " bytes in 20000 steps");
        }
    }

    @Test
    void resetRestartsTheSequenceAndOutputsAreReused() {
        LiquidModel m = LiquidModel.random(new LtcConfig(4, new AutoNCP(8, 2)), 5);
        LiquidStream s = m.newStream();
        float[] in = {0.1f, -0.3f, 0.7f, 1.0f};
        float[] first = s.step(in, 0.1f).clone();
        float[] second = s.step(in, 0.1f);
        assertSame(second, s.step(in, 0.1f), "the output buffer is reused");
        s.reset();
        assertArrayEquals(first, s.step(in, 0.1f));
        assertEquals(8, s.state().length);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6, 7}, s.stateNeuronIds());
    }

    @Test
    void dtMatters() {
        LiquidModel m = LiquidModel.random(new LtcConfig(4, new AutoNCP(8, 2)), 5);
        float[] in = {0.1f, -0.3f, 0.7f, 1.0f};
        float a = m.newStream().step(in, 0.02f)[0], b = m.newStream().step(in, 1.0f)[0];
        assertNotEquals(a, b);
    }

    @Test
    void wiredCfcStateIsInLayerOrder() {
        LiquidStream s = LiquidModel.random(CfcConfig.wired(32, new AutoNCP(19, 1), CfcMode.DEFAULT), 1).newStream();
        int[] ids = s.stateNeuronIds();
        assertEquals(8, ids[0]);
        assertEquals(0, ids[18]);
    }

    @Test
    void badStepInputLeavesStateUnchanged() {
        LiquidStream s = LiquidModel.random(new LtcConfig(3, new AutoNCP(8, 1)), 2).newStream();
        s.step(new float[]{1, 2, 3}, 0.1f);
        float[] before = s.state();
        assertThrows(IllegalArgumentException.class, () -> s.step(new float[]{1, Float.NaN, 3}, 0.1f));
        assertThrows(IllegalArgumentException.class, () -> s.step(new float[]{1, 2}, 0.1f));
        assertThrows(IllegalArgumentException.class, () -> s.step(new float[]{1, 2, 3}, 0f));
        assertThrows(IllegalArgumentException.class, () -> s.step(new float[]{1, 2, 3}, Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> s.step(new double[]{1, 2, 3}, -1));
        assertArrayEquals(before, s.state());
    }
}
