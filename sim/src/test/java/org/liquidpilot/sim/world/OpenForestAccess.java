package org.liquidpilot.sim.world;

/** Test access to the legs polyline of hand-made target worlds. */
public final class OpenForestAccess {
    private OpenForestAccess() {}

    public static Centreline legs(Tree... targets) {
        double[] x = new double[targets.length + 1], y = new double[targets.length + 1];
        for (int k = 0; k < targets.length; k++) {
            x[k + 1] = targets[k].x();
            y[k + 1] = targets[k].y();
        }
        return OpenForest.legs(x, y);
    }
}
