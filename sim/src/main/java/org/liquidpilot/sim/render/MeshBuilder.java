package org.liquidpilot.sim.render;

import com.jme3.math.ColorRGBA;
import com.jme3.scene.Mesh;
import com.jme3.scene.VertexBuffer;
import com.jme3.util.BufferUtils;

import java.util.Arrays;

/**
 * Accumulates coloured, lit triangles (positions, normals, vertex colours, texture coordinates) into one mesh, so a
 * whole forest is a single draw call. Coordinates are jME's: y up.
 */
final class MeshBuilder {
    private float[] pos = new float[3 * 1024], nrm = new float[3 * 1024], col = new float[4 * 1024], uv = new float[2 * 1024];
    private int[] idx = new int[3 * 1024];
    private int vertices, indices;

    int vertex(float x, float y, float z, float nx, float ny, float nz, ColorRGBA c, float u, float v) {
        if (vertices * 3 + 3 > pos.length) {
            int n = pos.length * 2;
            pos = Arrays.copyOf(pos, n);
            nrm = Arrays.copyOf(nrm, n);
            col = Arrays.copyOf(col, n / 3 * 4);
            uv = Arrays.copyOf(uv, n / 3 * 2);
        }
        int i = vertices;
        pos[3 * i] = x; pos[3 * i + 1] = y; pos[3 * i + 2] = z;
        float len = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len == 0) len = 1;
        nrm[3 * i] = nx / len; nrm[3 * i + 1] = ny / len; nrm[3 * i + 2] = nz / len;
        col[4 * i] = c.r; col[4 * i + 1] = c.g; col[4 * i + 2] = c.b; col[4 * i + 3] = c.a;
        uv[2 * i] = u; uv[2 * i + 1] = v;
        return vertices++;
    }

    void triangle(int a, int b, int c) {
        if (indices + 3 > idx.length) idx = Arrays.copyOf(idx, idx.length * 2);
        idx[indices++] = a;
        idx[indices++] = b;
        idx[indices++] = c;
    }

    /** A vertical cylinder (a trunk), open at both ends, base centre at (x, y, z). */
    void cylinder(float x, float y, float z, float radius, float height, int sides, ColorRGBA c) {
        int base = vertices;
        for (int i = 0; i <= sides; i++) {
            double a = 2 * Math.PI * i / sides;
            float cx = (float) Math.cos(a), cz = (float) Math.sin(a);
            vertex(x + radius * cx, y, z + radius * cz, cx, 0, cz, c, i / (float) sides, 0);
            vertex(x + radius * 0.8f * cx, y + height, z + radius * 0.8f * cz, cx, 0, cz, c, i / (float) sides, 1);
        }
        for (int i = 0; i < sides; i++) {
            int a = base + 2 * i;
            triangle(a, a + 1, a + 2);
            triangle(a + 1, a + 3, a + 2);
        }
    }

    /** A cone (a conifer's tier, a rock) with its base centre at (x, y, z); {@code tip} colours the apex. */
    void cone(float x, float y, float z, float radius, float height, int sides, ColorRGBA c, ColorRGBA tip) {
        int apex = -1;
        int base = vertices;
        float slope = radius / height;
        for (int i = 0; i <= sides; i++) {
            double a = 2 * Math.PI * i / sides;
            float cx = (float) Math.cos(a), cz = (float) Math.sin(a);
            vertex(x + radius * cx, y, z + radius * cz, cx, slope, cz, c, 0, 0);
        }
        // One apex per side keeps the normals of each face sensible under vertex colours.
        for (int i = 0; i < sides; i++) {
            double a = 2 * Math.PI * (i + 0.5) / sides;
            apex = vertex(x, y + height, z, (float) Math.cos(a), slope, (float) Math.sin(a), tip, 0, 1);
            triangle(base + i, apex, base + i + 1);
        }
        // Underside, so a cone seen from below (by a low-flying camera) is not hollow.
        int centre = vertex(x, y, z, 0, -1, 0, c.mult(0.6f), 0, 0);
        for (int i = 0; i < sides; i++) triangle(base + i + 1, centre, base + i);
    }

    /** A low-poly ellipsoid (a broadleaf crown, a snow heap): a sphere of {@code rings} x {@code sides}, squashed. */
    void blob(float x, float y, float z, float rx, float ry, int sides, int rings, ColorRGBA c, ColorRGBA top) {
        int base = vertices;
        for (int r = 0; r <= rings; r++) {
            double phi = Math.PI * r / rings;
            float sy = (float) Math.cos(phi), sr = (float) Math.sin(phi);
            ColorRGBA cc = new ColorRGBA().interpolateLocal(c, top, (sy + 1) / 2);
            for (int i = 0; i <= sides; i++) {
                double a = 2 * Math.PI * i / sides;
                float cx = (float) Math.cos(a) * sr, cz = (float) Math.sin(a) * sr;
                vertex(x + rx * cx, y + ry * sy, z + rx * cz, cx, sy, cz, cc, 0, 0);
            }
        }
        for (int r = 0; r < rings; r++) {
            for (int i = 0; i < sides; i++) {
                int a = base + r * (sides + 1) + i, b = a + sides + 1;
                triangle(a, a + 1, b);
                triangle(a + 1, b + 1, b);
            }
        }
    }

    boolean isEmpty() {
        return indices == 0;
    }

    Mesh build() {
        Mesh m = new Mesh();
        m.setBuffer(VertexBuffer.Type.Position, 3, BufferUtils.createFloatBuffer(Arrays.copyOf(pos, vertices * 3)));
        m.setBuffer(VertexBuffer.Type.Normal, 3, BufferUtils.createFloatBuffer(Arrays.copyOf(nrm, vertices * 3)));
        m.setBuffer(VertexBuffer.Type.Color, 4, BufferUtils.createFloatBuffer(Arrays.copyOf(col, vertices * 4)));
        m.setBuffer(VertexBuffer.Type.TexCoord, 2, BufferUtils.createFloatBuffer(Arrays.copyOf(uv, vertices * 2)));
        m.setBuffer(VertexBuffer.Type.Index, 3, BufferUtils.createIntBuffer(Arrays.copyOf(idx, indices)));
        m.updateBound();
        m.setStatic();
        return m;
    }
}
