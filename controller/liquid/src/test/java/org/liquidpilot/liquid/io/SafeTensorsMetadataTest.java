package org.liquidpilot.liquid.io;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@link SafeTensors#withMetadata}: new metadata, the same tensor bytes. */
class SafeTensorsMetadataTest {

    private static byte[] data(byte[] file) {
        long header = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return Arrays.copyOfRange(file, 8 + (int) header, file.length);
    }

    @Test
    void replacesTheMetadataAndKeepsEveryTensorByte() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b.weight", Tensor.f32(new int[] {2, 3}, new float[] {1.5f, -0f, Float.MIN_VALUE, 3e38f, -7, 0.1f}));
        tensors.put("a.bias", Tensor.f64(new int[] {3}, new double[] {Math.PI, -1e-300, 42}));
        byte[] file = SafeTensors.toBytes(tensors, Map.of("liquidpilot", "{\"x\":1}", "other", "kept?"));
        byte[] renamed = SafeTensors.withMetadata(file, Map.of("liquidpilot", "{\"x\":2,\"ood\":{\"frames\":60}}"));
        SafeTensors.Contents c = SafeTensors.parse(renamed);
        assertEquals(Map.of("liquidpilot", "{\"x\":2,\"ood\":{\"frames\":60}}"), c.metadata());
        assertArrayEquals(data(file), data(renamed));
        assertEquals(SafeTensors.parse(file).tensors().keySet(), c.tensors().keySet());
        for (String k : tensors.keySet()) assertArrayEquals(tensors.get(k).data(), c.tensors().get(k).data(), k);
        assertEquals(0, ByteBuffer.wrap(renamed).order(ByteOrder.LITTLE_ENDIAN).getLong(0) % 8, "header padded to 8 bytes");
        // No metadata at all.
        assertTrue(SafeTensors.parse(SafeTensors.withMetadata(file, Map.of())).metadata().isEmpty());
        assertArrayEquals(data(file), data(SafeTensors.withMetadata(file, Map.of())));
    }

    @Test
    void garbageIsRefused() {
        assertThrows(SafeTensors.SafeTensorsException.class, () -> SafeTensors.withMetadata(new byte[] {1, 2, 3}, Map.of()));
        byte[] cut = Arrays.copyOf(SafeTensors.toBytes(Map.of("t", Tensor.f64(new int[] {4}, new double[4])), Map.of()), 20);
        assertThrows(SafeTensors.SafeTensorsException.class, () -> SafeTensors.withMetadata(cut, Map.of()));
    }
}
