package org.liquidpilot.liquid.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayList;
import java.util.List;

/**
 * An ONNX graph being built from ONNX's own protobuf classes: float constants become initializers, each operator a
 * node with a fresh output name. Only standard ai.onnx operators are used.
 */
final class OnnxGraph {
    private final GraphProto.Builder g = GraphProto.newBuilder();
    private int names;
    private long constants;

    OnnxGraph(String name) {
        g.setName(name);
    }

    /** A float initializer of this shape (row-major values). */
    String constant(String hint, double[] values, long... shape) {
        String name = hint + "_" + names++;
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : shape) t.addDims(d);
        for (double v : values) {
            float f = (float) v;
            if (!Float.isFinite(f)) throw new IllegalArgumentException("value " + v + " does not fit a float");
            t.addFloatData(f);
        }
        g.addInitializer(t);
        constants += values.length;
        return name;
    }

    String scalar(String hint, double v) {
        return constant(hint, new double[]{v}, 1, 1);
    }

    /** A node of {@code type} on {@code inputs}; returns its output's name. */
    String op(String type, String... inputs) {
        return op(type, List.of(), inputs);
    }

    String op(String type, List<AttributeProto> attributes, String... inputs) {
        String out = type.toLowerCase() + "_" + names++;
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(type).setName("n" + names++).addOutput(out);
        for (String in : inputs) n.addInput(in);
        n.addAllAttribute(attributes);
        g.addNode(n);
        return out;
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto intsAttribute(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) a.addInts(v);
        return a.build();
    }

    String add(String a, String b) {
        return op("Add", a, b);
    }

    String mul(String a, String b) {
        return op("Mul", a, b);
    }

    String matMul(String a, String b) {
        return op("MatMul", a, b);
    }

    String concat(List<String> parts) {
        return op("Concat", List.of(intAttribute("axis", 1)), parts.toArray(String[]::new));
    }

    void input(String name, long... shape) {
        g.addInput(valueInfo(name, shape));
    }

    /** Names {@code value} as the graph output {@code name}. */
    void output(String name, String value, long... shape) {
        g.addNode(NodeProto.newBuilder().setOpType("Identity").setName("n" + names++).addInput(value).addOutput(name));
        g.addOutput(valueInfo(name, shape));
    }

    private static ValueInfoProto valueInfo(String name, long... shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    int nodeCount() {
        return g.getNodeCount();
    }

    long constantCount() {
        return constants;
    }

    GraphProto build() {
        return g.build();
    }

    /** Row-major (rows, cols) → its transpose (cols, rows), for torch's (out, in) weights under MatMul. */
    static double[] transpose(double[] m, int rows, int cols) {
        double[] t = new double[m.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
        return t;
    }

    static List<String> list(String... s) {
        return new ArrayList<>(List.of(s));
    }
}
