package org.liquidpilot.train;

import org.liquidpilot.liquid.CfcMath;

/**
 * What a CfC training kernel keeps per layer: its equations and their adjoint, and, by step, the layer's input
 * {@code [x, h]}, the forward's cache and the states (step 0 the initial one), plus the elapsed time by step and the
 * backward scratch dL/d(new state) and dL/dz. Every value is {@code width} wide: 1 for {@link CfcKernel}, the
 * padded lane count for {@link CfcLaneKernel}, whose layouts differ only in that.
 */
final class CfcLayerCaches {
    final CfcMath[] math;
    final CfcMath.Adjoint[] adjoint;
    final double[][] z, cache, hs, gh, gz;
    final double[] dts;

    CfcLayerCaches(CfcModel md, int maxSteps, int width) {
        int nl = md.layers.size();
        math = new CfcMath[nl];
        adjoint = new CfcMath.Adjoint[nl];
        z = new double[nl][];
        cache = new double[nl][];
        hs = new double[nl][];
        gh = new double[nl][];
        gz = new double[nl][];
        for (int li = 0; li < nl; li++) {
            CfcModel.Layer l = md.layers.get(li);
            math[li] = md.newMath(li);
            adjoint[li] = math[li].newAdjoint();
            int h = l.hidden(), zin = l.in() + h;
            z[li] = new double[maxSteps * zin * width];
            cache[li] = new double[maxSteps * math[li].cacheSize() * width];
            hs[li] = new double[(maxSteps + 1) * h * width];
            gh[li] = new double[h * width];
            gz[li] = new double[zin * width];
        }
        dts = new double[maxSteps * width];
    }
}
