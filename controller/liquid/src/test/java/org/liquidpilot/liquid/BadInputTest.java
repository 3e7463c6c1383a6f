package org.liquidpilot.liquid;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.liquid.wiring.AutoNCP;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Garbage in: a one-line IllegalArgumentException, never another exception, a hang or a huge allocation. */
class BadInputTest {
    private static final byte[] MODEL = ModelFile.toBytes(LiquidModel.random(new org.liquidpilot.liquid.LtcConfig(4, new AutoNCP(8, 1)), 1));

    private static void rejectsCleanly(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Property(tries = 300)
    void randomBytesAreRejectedCleanly(@ForAll @Size(max = 300) byte[] bytes) {
        rejectsCleanly(() -> ModelFile.parse(bytes));
    }

    @Property(tries = 300)
    void truncatedModelFilesAreRejected(@ForAll @IntRange(min = 0, max = 100_000) int cut) {
        int n = cut % MODEL.length;
        assertThrows(IllegalArgumentException.class, () -> ModelFile.parse(Arrays.copyOf(MODEL, n)));
    }

    @Property(tries = 300)
    void flippedBytesNeverEscapeAsOtherExceptions(@ForAll @IntRange(min = 0, max = 1_000_000) int where, @ForAll byte value) {
        byte[] b = MODEL.clone();
        b[where % b.length] = value;
        rejectsCleanly(() -> ModelFile.parse(b));
    }

    private static final String[] VALUES = {"null", "-1", "0", "1", "2", "19", "1e9", "3000000000", "0.5", "-0.5", "true",
            "\"affine\"", "\"pure\"", "\"AutoNCP\"", "[]", "{}", "{\"cls\":\"NCP\"}", "{\"cls\":\"AutoNCP\",\"units\":5,\"output_size\":1}"};

    /** Golden constructors with random fields replaced by random values: accepted, or one IllegalArgumentException. */
    @Property(tries = 500)
    void mutatedConstructorsAreAcceptedOrRejectedCleanly(@ForAll @IntRange(min = 0, max = 5) int model,
                                                         @ForAll @IntRange(min = 0, max = 1000) int field,
                                                         @ForAll @IntRange(min = 0, max = 1000) int value,
                                                         @ForAll @IntRange(min = 0, max = 1000) int field2) throws Exception {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) Goldens.meta(Goldens.MODELS.get(model)).path("constructor").deepCopy();
        var names = new java.util.ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        ObjectMapper j = new ObjectMapper();
        node.set(names.get(field % names.size()), j.readTree(VALUES[value % VALUES.length]));
        if (node.get("units").isObject()) {
            var units = (com.fasterxml.jackson.databind.node.ObjectNode) node.get("units");
            var unitNames = new java.util.ArrayList<String>();
            units.fieldNames().forEachRemaining(unitNames::add);
            if (!unitNames.isEmpty()) units.set(unitNames.get(field2 % unitNames.size()), j.readTree(VALUES[(value + field2) % VALUES.length]));
        }
        rejectsCleanly(() -> {
            ModelConfig cfg = ModelConfig.fromNcps(node);
            if (cfg.stateSize() <= 64 && cfg.inputSize() <= 64) LiquidModel.random(cfg, 1).newStream().step(new float[cfg.inputSize()], 0.1f);
        });
    }

    @Test
    void hugeHeaderLengthDoesNotAllocate() {
        byte[] b = new byte[16];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.parse(b));
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[100000,100000],\"data_offsets\":[0,40000000000]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer f = ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.parse(f.array()));
    }

    @Test
    void bareStateDictNeedsItsConstructor() {
        var e = assertThrows(IllegalArgumentException.class, () -> ModelFile.fromContents(Goldens.f32("ltc_ncp19")));
        assertTrue(e.getMessage().contains("import-ncps"), e.getMessage());
    }

    @Test
    void badConstructorsAreRejected() throws Exception {
        ObjectMapper j = new ObjectMapper();
        for (String s : new String[]{"{}", "[]", "{\"cls\":\"GRU\"}", "{\"cls\":\"LTC\",\"input_size\":4}",
                "{\"cls\":\"LTC\",\"input_size\":-4,\"units\":5}", "{\"cls\":\"LTC\",\"input_size\":4,\"units\":{\"cls\":\"Foo\"}}",
                "{\"cls\":\"CfC\",\"input_size\":4,\"units\":5,\"mode\":\"fast\"}",
                "{\"cls\":\"CfC\",\"input_size\":4,\"units\":5,\"activation\":\"swish\"}",
                "{\"cls\":\"CfC\",\"input_size\":4,\"units\":{\"cls\":\"AutoNCP\",\"units\":8,\"output_size\":1},\"backbone_units\":4}",
                "{\"cls\":\"LTC\",\"input_size\":4,\"units\":\"x\"}", "{\"cls\":\"LTC\",\"input_size\":4,\"units\":1e12}",
                "{\"cls\":\"LTC\",\"input_size\":4,\"units\":{\"cls\":\"AutoNCP\",\"units\":19,\"output_size\":1,\"seed\":-1}}"}) {
            var node = j.readTree(s);
            assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromNcps(node), s);
        }
    }

    @Test
    void missingKeysWrongShapesAndNaNsAreRejected() {
        SafeTensors.Contents c = Goldens.f32("cfc_fc24_pure");
        ModelConfig cfg = ModelConfig.fromNcps(Goldens.meta("cfc_fc24_pure").path("constructor"));
        Map<String, Tensor> missing = new LinkedHashMap<>(c.tensors());
        missing.remove("rnn_cell.A");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LiquidModel.fromNcps(cfg, missing)).getMessage().contains("rnn_cell.A"));
        Map<String, Tensor> shape = new LinkedHashMap<>(c.tensors());
        shape.put("rnn_cell.A", Tensor.f32(new int[]{24}, new double[24]));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LiquidModel.fromNcps(cfg, shape)).getMessage().contains("shape"));
        Map<String, Tensor> nan = new LinkedHashMap<>(c.tensors());
        double[] a = nan.get("rnn_cell.A").data().clone();
        a[3] = Double.NaN;
        nan.put("rnn_cell.A", Tensor.f32(new int[]{1, 24}, a));
        assertThrows(IllegalArgumentException.class, () -> LiquidModel.fromNcps(cfg, nan));

        LiquidModel m = LiquidModel.fromNcps(cfg, c.tensors());
        double[] x = c.require("io.x").data().clone();
        x[17] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> m.run(Tensor.f32(new int[]{3, 20, 8}, x), null, null));
        assertThrows(IllegalArgumentException.class, () -> m.run(Tensor.f32(new int[]{3, 20, 7}, new double[420]), null, null));
        assertThrows(IllegalArgumentException.class, () -> m.run(c.require("io.x"), Tensor.f32(new int[]{3, 19}, new double[57]), null));
        double[] ts = c.require("io.timespans").data().clone();
        ts[0] = -1;
        assertThrows(IllegalArgumentException.class, () -> m.run(c.require("io.x"), Tensor.f32(new int[]{3, 20}, ts), null));
    }
}
