package org.liquidpilot.liquid.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes safetensors files: an 8-byte little-endian header length, a JSON header naming each tensor's
 * dtype, shape and byte range, then the raw little-endian data. Every length and offset is checked against the
 * file before anything is allocated, so a corrupt file gives a {@link SafeTensorsException}, never a huge allocation.
 */
public final class SafeTensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Real headers are kilobytes; this bounds what a corrupt length prefix can make us read. */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private SafeTensors() {}

    /** A file's tensors in header order, and its {@code __metadata__} string map. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Tensor require(String name) {
            Tensor t = tensors.get(name);
            if (t == null) throw new SafeTensorsException("missing tensor '" + name + "'");
            return t;
        }
    }

    public static Contents read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (OutOfMemoryError e) {
            throw new SafeTensorsException(file + ": too large to read");
        }
        try {
            return parse(bytes);
        } catch (SafeTensorsException e) {
            throw new SafeTensorsException(file + ": " + e.getMessage());
        }
    }

    public static Contents parse(byte[] bytes) {
        if (bytes.length < 8) throw new SafeTensorsException("not a safetensors file (shorter than 8 bytes)");
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = buf.getLong(0);
        if (headerLen < 2 || headerLen > MAX_HEADER_BYTES || headerLen > bytes.length - 8L) {
            throw new SafeTensorsException("not a safetensors file (header length " + Long.toUnsignedString(headerLen)
                    + " does not fit a " + bytes.length + "-byte file)");
        }
        int dataStart = 8 + (int) headerLen;
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLen, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new SafeTensorsException("corrupt safetensors header (not JSON: " + e.getOriginalMessage() + ")");
        }
        if (header == null || !header.isObject()) throw new SafeTensorsException("corrupt safetensors header (not a JSON object)");
        long dataLen = bytes.length - (long) dataStart;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (name.equals("__metadata__")) {
                if (!v.isObject()) throw new SafeTensorsException("__metadata__ is not an object");
                v.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().isTextual() ? m.getValue().asText() : m.getValue().toString()));
                continue;
            }
            tensors.put(name, tensor(name, v, buf, dataStart, dataLen));
        }
        return new Contents(tensors, metadata);
    }

    private static Tensor tensor(String name, JsonNode v, ByteBuffer buf, int dataStart, long dataLen) {
        if (!v.isObject()) throw new SafeTensorsException("tensor '" + name + "': entry is not an object");
        Tensor.DType dtype;
        try {
            dtype = Tensor.DType.valueOf(v.path("dtype").asText(""));
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException("tensor '" + name + "': unsupported dtype '" + v.path("dtype").asText("") + "'");
        }
        JsonNode shapeNode = v.path("shape");
        JsonNode offs = v.path("data_offsets");
        if (!shapeNode.isArray() || !offs.isArray() || offs.size() != 2) {
            throw new SafeTensorsException("tensor '" + name + "': missing shape or data_offsets");
        }
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToInt() || d.asInt() < 0) throw new SafeTensorsException("tensor '" + name + "': bad dimension " + d);
            shape[i] = d.asInt();
            count *= shape[i];
            if (count > Integer.MAX_VALUE) throw new SafeTensorsException("tensor '" + name + "': too many elements");
        }
        long begin = offs.get(0).asLong(-1), end = offs.get(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataLen) {
            throw new SafeTensorsException("tensor '" + name + "': data_offsets [" + begin + ", " + end
                    + "] outside the " + dataLen + "-byte data section (file truncated?)");
        }
        if (end - begin != count * dtype.bytes) {
            throw new SafeTensorsException("tensor '" + name + "': " + (end - begin) + " bytes for shape "
                    + java.util.Arrays.toString(shape) + " of " + dtype);
        }
        double[] data = new double[(int) count];
        int p = dataStart + (int) begin;
        for (int i = 0; i < data.length; i++, p += dtype.bytes) {
            data[i] = switch (dtype) {
                case F64 -> buf.getDouble(p);
                case F32 -> buf.getFloat(p);
                case F16 -> halfToFloat(buf.getShort(p));
                case BF16 -> Float.intBitsToFloat((buf.getShort(p) & 0xffff) << 16);
                case I64 -> buf.getLong(p);
                case I32 -> buf.getInt(p);
                case I16 -> buf.getShort(p);
                case I8 -> buf.get(p);
                case U8, BOOL -> buf.get(p) & 0xff;
            };
        }
        return new Tensor(dtype, shape, data);
    }

    /** IEEE 754 binary16 to float (Float.float16ToFloat arrived after Java 17). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Writes tensors in sorted-name order with no gaps, as the reference tools do. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, toBytes(tensors, metadata));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        TreeMap<String, Tensor> sorted = new TreeMap<>(tensors);
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        List<Tensor> order = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
            Tensor t = e.getValue();
            if (t.dtype() == Tensor.DType.F16 || t.dtype() == Tensor.DType.BF16) {
                throw new IllegalArgumentException("writing " + t.dtype() + " is not supported (tensor '" + e.getKey() + "')");
            }
            ObjectNode n = header.putObject(e.getKey());
            n.put("dtype", t.dtype().name());
            var shape = n.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            long len = (long) t.data().length * t.dtype().bytes;
            n.putArray("data_offsets").add(offset).add(offset + len);
            offset += len;
            order.add(t);
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) out.put((byte) ' ');
        for (Tensor t : order) {
            for (double d : t.data()) {
                switch (t.dtype()) {
                    case F64 -> out.putDouble(d);
                    case F32 -> out.putFloat((float) d);
                    case I64 -> out.putLong((long) d);
                    case I32 -> out.putInt((int) d);
                    case I16 -> out.putShort((short) d);
                    case I8, U8, BOOL -> out.put((byte) d);
                    default -> throw new IllegalStateException();
                }
            }
        }
        return out.array();
    }

    /**
     * The same file with its {@code __metadata__} replaced by {@code metadata} (none when empty): every tensor entry
     * of the header (dtype, shape, offsets) and the whole data section are kept byte for byte, so the tensors stay
     * bit-identical whatever their order or dtype. Throws {@link SafeTensorsException} when {@code file} is not a
     * well-formed safetensors file.
     */
    public static byte[] withMetadata(byte[] file, Map<String, String> metadata) {
        parse(file);
        long headerLen = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        JsonNode header;
        try {
            header = JSON.readTree(new String(file, 8, (int) headerLen, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new SafeTensorsException("corrupt safetensors header (not JSON: " + e.getOriginalMessage() + ")");
        }
        ObjectNode out = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = out.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        header.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("__metadata__")) out.set(e.getKey(), e.getValue());
        });
        byte[] json = out.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        int dataStart = 8 + (int) headerLen;
        ByteBuffer result = ByteBuffer.allocate(Math.toIntExact(8L + padded + (file.length - dataStart))).order(ByteOrder.LITTLE_ENDIAN);
        result.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) result.put((byte) ' ');
        result.put(file, dataStart, file.length - dataStart);
        return result.array();
    }

    /** A file that is not a well-formed safetensors file; the message is one line. */
    public static final class SafeTensorsException extends IllegalArgumentException {
        public SafeTensorsException(String message) {
            super(message);
        }
    }
}
