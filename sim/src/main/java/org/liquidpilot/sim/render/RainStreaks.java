package org.liquidpilot.sim.render;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Mesh;
import com.jme3.scene.Node;
import com.jme3.scene.VertexBuffer;
import com.jme3.util.BufferUtils;

import java.util.SplittableRandom;

/**
 * Falling rain as short translucent line streaks in a box around the camera. The streaks are one static mesh; the
 * fall is a translation of two stacked copies modulo the box height, so animating them costs nothing per frame.
 */
final class RainStreaks {
    static final float BOX = 14f, HEIGHT = 8f, FALL_MPS = 9f;
    private final Node node = new Node("rain");
    private final Geometry upper, lower;

    RainStreaks(AssetManager assets, double intensity, long seed) {
        int count = (int) Math.round(2200 * intensity);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] pos = new float[count * 6];
        float[] col = new float[count * 8];
        for (int i = 0; i < count; i++) {
            float x = (float) (rnd.nextDouble() - 0.5) * BOX, y = (float) rnd.nextDouble() * HEIGHT, z = (float) (rnd.nextDouble() - 0.5) * BOX;
            float len = 0.35f + 0.3f * (float) rnd.nextDouble();
            float slant = 0.06f;
            pos[6 * i] = x; pos[6 * i + 1] = y; pos[6 * i + 2] = z;
            pos[6 * i + 3] = x + slant; pos[6 * i + 4] = y - len; pos[6 * i + 5] = z;
            float a = 0.25f + 0.3f * (float) rnd.nextDouble();
            for (int k = 0; k < 2; k++) {
                col[8 * i + 4 * k] = 0.8f; col[8 * i + 4 * k + 1] = 0.82f; col[8 * i + 4 * k + 2] = 0.86f;
                col[8 * i + 4 * k + 3] = a * (k == 0 ? 0.4f : 1f);
            }
        }
        Mesh m = new Mesh();
        m.setMode(Mesh.Mode.Lines);
        m.setBuffer(VertexBuffer.Type.Position, 3, BufferUtils.createFloatBuffer(pos));
        m.setBuffer(VertexBuffer.Type.Color, 4, BufferUtils.createFloatBuffer(col));
        m.updateBound();
        m.setStatic();
        Material mat = new Material(assets, "Common/MatDefs/Misc/Unshaded.j3md");
        mat.setBoolean("VertexColor", true);
        mat.getAdditionalRenderState().setBlendMode(RenderState.BlendMode.Alpha);
        mat.getAdditionalRenderState().setDepthWrite(false);
        upper = new Geometry("rain-a", m);
        lower = new Geometry("rain-b", m);
        for (Geometry g : new Geometry[]{upper, lower}) {
            g.setMaterial(mat);
            g.setQueueBucket(RenderQueue.Bucket.Transparent);
            node.attachChild(g);
        }
    }

    Node node() {
        return node;
    }

    /** Centres the box on the camera and lets the rain fall for simulated time {@code t}. */
    void update(float camX, float camY, float camZ, double t) {
        float drop = (float) ((t * FALL_MPS) % HEIGHT);
        node.setLocalTranslation(camX, camY - HEIGHT / 2, camZ);
        upper.setLocalTranslation(0, -drop, 0);
        lower.setLocalTranslation(0, HEIGHT - drop, 0);
    }
}
