package org.liquidpilot.perception;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearProjectionTest {

    @Test
    void pcaFindsTheDirectionOfLargestVariance() {
        // Points spread along (1, 2, 0)/sqrt5 with small noise elsewhere.
        Random r = new Random(1);
        List<float[]> s = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double t = 5 * r.nextGaussian();
            s.add(new float[] {(float) (t + 0.1 * r.nextGaussian() + 7), (float) (2 * t + 0.1 * r.nextGaussian()), (float) (0.3 * r.nextGaussian())});
        }
        LinearProjection p = LinearProjection.fitPca(s, 2);
        float[] w = p.weights()[0];
        assertEquals(1 / Math.sqrt(5), Math.abs(w[0]), 0.01);
        assertEquals(2 / Math.sqrt(5), w[1], 0.01);       // sign fixed: largest weight positive
        assertEquals(0, w[2], 0.02);
        float[] second = p.weights()[1];
        assertEquals(1, Math.abs(second[2]), 0.05);       // the next is the 0.3-sigma axis, not the 0.1 noise
        float[] out = new float[2];
        p.project(new float[] {7, 0, 0}, out);
        assertEquals(0, out[0], 0.3);
    }

    @Test
    void eigenDecompositionReconstructsTheMatrix() {
        Random r = new Random(5);
        int d = 12;
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) for (int j = i; j < d; j++) a[i][j] = a[j][i] = r.nextGaussian();
        double[][] v = new double[d][d];
        double[] l = SymmetricEigen.decompose(a, v);
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < d; i++) {
                double av = 0;
                for (int j = 0; j < d; j++) av += a[i][j] * v[j][k];
                assertEquals(l[k] * v[i][k], av, 1e-9);
            }
        }
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LinearProjection(new float[2], new float[][] {{1}}));
        assertThrows(IllegalArgumentException.class, () -> new LinearProjection(new float[1], new float[][] {{1}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> new LinearProjection(new float[] {Float.NaN}, new float[][] {{1}}));
        assertThrows(IllegalArgumentException.class, () -> LinearProjection.fitPca(List.of(new float[2]), 1));
        assertThrows(IllegalArgumentException.class, () -> LinearProjection.fitPca(List.of(new float[2], new float[3]), 1));
        assertThrows(IllegalArgumentException.class, () -> LinearProjection.fitPca(List.of(new float[2], new float[2]), 3));
        assertTrue(new LinearProjection(new float[] {1}, new float[][] {{2}}).equals(new LinearProjection(new float[] {1}, new float[][] {{2}})));
    }
}
