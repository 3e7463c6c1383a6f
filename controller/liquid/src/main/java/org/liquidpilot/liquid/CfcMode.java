package org.liquidpilot.liquid;

/** CfC solution forms, by ncps name. */
public enum CfcMode {
    DEFAULT("default"), PURE("pure"), NO_GATE("no_gate");

    public final String ncpsName;

    CfcMode(String ncpsName) {
        this.ncpsName = ncpsName;
    }

    public static CfcMode byName(String name) {
        for (CfcMode m : values()) if (m.ncpsName.equals(name)) return m;
        throw new IllegalArgumentException("unknown CfC mode '" + name + "' (known: default, pure, no_gate)");
    }
}
