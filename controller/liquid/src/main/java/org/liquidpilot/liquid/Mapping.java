package org.liquidpilot.liquid;

/** LTC input/output maps: {@code affine} (x·w + b), {@code linear} (x·w) or none, by ncps name. */
public enum Mapping {
    AFFINE("affine"), LINEAR("linear"), NONE("none");

    public final String ncpsName;

    Mapping(String ncpsName) {
        this.ncpsName = ncpsName;
    }

    /** As ncps: "affine" and "linear" are maps; any other string means none. */
    public static Mapping byName(String name) {
        return switch (name) {
            case "affine" -> AFFINE;
            case "linear" -> LINEAR;
            default -> NONE;
        };
    }

    boolean hasWeight() {
        return this != NONE;
    }

    boolean hasBias() {
        return this == AFFINE;
    }
}
