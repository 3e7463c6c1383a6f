package org.liquidpilot.sim.render;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;
import com.jme3.scene.Geometry;
import com.jme3.scene.Mesh;
import com.jme3.scene.Node;
import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.util.BufferUtils;
import org.liquidpilot.sim.world.Centreline;
import org.liquidpilot.sim.world.Tree;
import org.liquidpilot.sim.world.World;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Builds a world's static scene from procedural geometry only: a textured ground plane, the road or trail surface
 * with its verges, and every tree and rock merged into one vertex-coloured mesh (one draw call, which is what costs
 * on a software rasteriser). World (x, y) maps to jME (x, 0, -y).
 */
final class SceneFactory {
    private final AssetManager assets;
    private final Texture2D noise;

    SceneFactory(AssetManager assets) {
        this.assets = assets;
        this.noise = noiseTexture(128, 11);
    }

    Node build(World world, Look look, long seed) {
        Node root = new Node("world");
        root.attachChild(ground(world, look));
        // forest-open has no trail: a drawn lane to the target would give it away.
        if (world.surfaceHalfWidth() > 0) root.attachChild(surface(world, look));
        if (world.kind().equals("forest-road")) root.attachChild(reflectorPosts(world, look));
        root.attachChild(forest(world, look, seed));
        return root;
    }

    /**
     * jME's Lighting.j3md with the vehicle's lamps as its spot lights (beam pattern, inverse-square fall-off, retro-
     * reflection); lit by the sun and the sky exactly as jME's own material.
     */
    static final String LIGHTING = "LiquidPilot/MatDefs/Lamps.j3md";

    Material lit(ColorRGBA colour, boolean texture, Look look) {
        Material m = new Material(assets, LIGHTING);
        m.setBoolean("UseMaterialColors", true);
        m.setColor("Diffuse", colour);
        m.setColor("Ambient", colour);
        m.setColor("Specular", ColorRGBA.Black);
        if (texture) m.setTexture("DiffuseMap", noise);
        fog(m, look);
        m.getAdditionalRenderState().setFaceCullMode(RenderState.FaceCullMode.Off);
        return m;
    }

    static void fog(Material m, Look look) {
        m.setBoolean("UseFog", true);
        m.setColor("FogColor", look.fogColour());
        m.setFloat("ExpSqFog", look.fogDensity());
    }

    /**
     * The forest floor: a wide band along the path, finely split across it, over a coarse grid for the far field.
     * Fog distance is interpolated between vertices, so a ground of a few huge triangles would fog the near
     * ground as if it were far away.
     */
    private Node ground(World world, Look look) {
        Node n = new Node("ground");
        Material mat = lit(look.ground(), true, look);
        float[] offsets = {-90, -60, -40, -28, -20, -14, -10, -7, -5, -3, 0, 3, 5, 7, 10, 14, 20, 28, 40, 60, 90};
        n.attachChild(chunkedBand("ground-band", world.centreline(), offsets, -0.005f, 2.0, mat));
        Centreline c = world.centreline();
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < c.size(); i++) {
            minX = Math.min(minX, c.x(i)); maxX = Math.max(maxX, c.x(i));
            minY = Math.min(minY, c.y(i)); maxY = Math.max(maxY, c.y(i));
        }
        float m = 250, cell = 25, tile = 6f;
        float x0 = (float) minX - m, z0 = (float) -maxY - m;
        int nx = (int) Math.ceil((maxX - minX + 2 * m) / cell), nz = (int) Math.ceil((maxY - minY + 2 * m) / cell);
        MeshBuilder b = new MeshBuilder();
        for (int j = 0; j <= nz; j++) {
            for (int i = 0; i <= nx; i++) {
                float x = x0 + i * cell, z = z0 + j * cell;
                b.vertex(x, -0.05f, z, 0, 1, 0, ColorRGBA.White, x / tile, z / tile);
            }
        }
        for (int j = 0; j < nz; j++) {
            for (int i = 0; i < nx; i++) {
                int a = j * (nx + 1) + i;
                b.triangle(a, a + nx + 1, a + 1);
                b.triangle(a + 1, a + nx + 1, a + nx + 2);
            }
        }
        Geometry far = new Geometry("ground-far", b.build());
        far.setMaterial(mat);
        n.attachChild(far);
        return n;
    }

    /** The road or trail surface, and a verge strip either side a little lighter than the forest floor. */
    private Node surface(World world, Look look) {
        Node n = new Node("surface");
        float half = (float) world.surfaceHalfWidth();
        float verge = world.kind().equals("forest-road") ? 1.4f : 0.6f;
        n.attachChild(strip("verge", world.centreline(), half + verge, 0.01f, lit(look.verge(), true, look)));
        ColorRGBA top = look.road();
        if (!world.kind().equals("forest-road")) {
            // A trail is packed earth (or snow), not asphalt.
            top = look.bareBroadleaf() ? new ColorRGBA(0.78f, 0.78f, 0.80f, 1)
                    : new ColorRGBA(0.42f, 0.32f, 0.20f, 1).multLocal(1 - 0.4f * look.wetness());
        }
        Material road = lit(top, true, look);
        if (look.lamps() && world.kind().equals("forest-road")) {
            // Asphalt mirrors the lamps, the more the wetter (see Look); only lamp-lit scenes get the highlight.
            road.setColor("Specular", ColorRGBA.White.mult(look.roadSpecular()));
            road.setFloat("Shininess", look.roadShininess());
        }
        n.attachChild(strip("road", world.centreline(), half, 0.02f, road));
        return n;
    }

    /** Spacing of the road's reflector posts along it, metres, and their distance outside the road's edge. */
    static final double POST_SPACING_M = 25, POST_OUTSIDE_EDGE_M = 1.0;
    /** A post's height, the reflector's band on it (from, to, metres above the ground) and its retro-reflection gain. */
    static final float POST_HEIGHT_M = 1.0f, REFLECTOR_FROM_M = 0.72f, REFLECTOR_TO_M = 0.86f, RETRO_GAIN = 150f;
    /** By day a post is weathered grey and its reflector a dull grey disc: both blend into the verge. */
    static final ColorRGBA POST_GREY = new ColorRGBA(0.36f, 0.36f, 0.34f, 1), REFLECTOR_GREY = new ColorRGBA(0.40f, 0.40f, 0.40f, 1);

    /**
     * Reflector posts on both verges of the road, every {@link #POST_SPACING_M} m (the two sides staggered by half a
     * spacing), {@link #POST_OUTSIDE_EDGE_M} m outside the asphalt: a thin grey post with a retro-reflective band. A
     * retro-reflector sends light back towards its source, so under the lamps, seen from the camera just above them,
     * the band shines {@link #RETRO_GAIN} times brighter than white paint would; in sunlight (a source far from the
     * camera's line of sight) it is just a grey band.
     */
    private Node reflectorPosts(World world, Look look) {
        Centreline c = world.centreline();
        double edge = world.surfaceHalfWidth() + POST_OUTSIDE_EDGE_M;
        MeshBuilder posts = new MeshBuilder(), bands = new MeshBuilder();
        double[] p = new double[3];
        for (int side = -1; side <= 1; side += 2) {
            for (double s = side < 0 ? POST_SPACING_M / 2 : 0; s <= c.length(); s += POST_SPACING_M) {
                c.pointAt(s, p);
                float x = (float) (p[0] - Math.sin(p[2]) * side * edge), z = (float) -(p[1] + Math.cos(p[2]) * side * edge);
                posts.cylinder(x, 0, z, 0.06f, REFLECTOR_FROM_M, 5, POST_GREY);
                bands.cylinder(x, REFLECTOR_FROM_M, z, 0.062f, REFLECTOR_TO_M - REFLECTOR_FROM_M, 6, REFLECTOR_GREY);
                posts.cylinder(x, REFLECTOR_TO_M, z, 0.06f, POST_HEIGHT_M - REFLECTOR_TO_M, 5, POST_GREY);
            }
        }
        Node n = new Node("reflector-posts");
        Material plain = vertexColoured(look);
        Material retro = vertexColoured(look);
        retro.setBoolean("Retroreflective", true);
        retro.setFloat("RetroGain", RETRO_GAIN);
        Geometry pg = new Geometry("posts", posts.build()), bg = new Geometry("reflectors", bands.build());
        pg.setMaterial(plain);
        bg.setMaterial(retro);
        n.attachChild(pg);
        n.attachChild(bg);
        return n;
    }

    private Material vertexColoured(Look look) {
        Material m = new Material(assets, LIGHTING);
        m.setBoolean("UseVertexColor", true);
        m.setColor("Specular", ColorRGBA.Black);
        fog(m, look);
        m.getAdditionalRenderState().setFaceCullMode(RenderState.FaceCullMode.Off);
        return m;
    }

    private Node strip(String name, Centreline c, float half, float lift, Material mat) {
        return chunkedBand(name, c, new float[]{-half, 0, half}, lift, 1.0, mat);
    }

    /**
     * A band cut into pieces of {@link #CHUNK_M} along the path, so that frustum culling drops the pieces behind
     * and beside the camera: on a software rasteriser vertex work is a large part of a frame.
     */
    private static Node chunkedBand(String name, Centreline c, float[] offsets, float lift, double step, Material mat) {
        Node n = new Node(name);
        double extra = 12; // carry on past both ends so the camera never sees the surface stop
        int i = 0;
        for (double from = -extra; from < c.length() + extra; from += CHUNK_M, i++) {
            Geometry g = new Geometry(name + "-" + i, band(c, offsets, lift, step, from, Math.min(from + CHUNK_M, c.length() + extra)));
            g.setMaterial(mat);
            n.attachChild(g);
        }
        return n;
    }

    static final double CHUNK_M = 40;

    /** A ribbon along the path through the given lateral offsets (left positive), a row every {@code step} m. */
    private static Mesh band(Centreline c, float[] offsets, float lift, double step, double from, double to) {
        MeshBuilder b = new MeshBuilder();
        int cols = offsets.length;
        int rows = 0;
        double[] p = new double[3];
        for (double s = from; s <= to + 1e-9; s += step, rows++) {
            c.pointAt(s, p);
            double beyond = s < 0 ? s : s > c.length() ? s - c.length() : 0;
            double x = p[0] + beyond * Math.cos(p[2]), y = p[1] + beyond * Math.sin(p[2]);
            float nx = (float) -Math.sin(p[2]), ny = (float) Math.cos(p[2]);
            float v = (float) (s / 4);
            for (float off : offsets) {
                b.vertex((float) x + nx * off, lift, -((float) y + ny * off), 0, 1, 0, ColorRGBA.White, off / 4, v);
            }
            if (rows > 0) {
                int r0 = (rows - 1) * cols, r1 = rows * cols;
                for (int k = 0; k < cols - 1; k++) {
                    b.triangle(r0 + k, r1 + k, r0 + k + 1);
                    b.triangle(r0 + k + 1, r1 + k, r1 + k + 1);
                }
            }
        }
        return b.build();
    }

    private Node forest(World world, Look look, long seed) {
        java.util.Map<Long, MeshBuilder> tiles = new java.util.LinkedHashMap<>();
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x7F4A7C15L);
        ColorRGBA rock = new ColorRGBA(0.42f, 0.41f, 0.40f, 1);
        ColorRGBA snow = new ColorRGBA(0.93f, 0.95f, 0.98f, 1);
        boolean winter = look.bareBroadleaf();
        for (Tree t : world.obstacles()) {
            // Trees are grouped in square tiles, one mesh each: few draw calls, and culling still works.
            long key = (long) Math.floor(t.x() / CHUNK_M) << 32 ^ ((long) Math.floor(t.y() / CHUNK_M) & 0xffffffffL);
            MeshBuilder b = tiles.computeIfAbsent(key, k -> new MeshBuilder());
            float x = (float) t.x(), z = (float) -t.y(), r = (float) t.radius(), h = (float) t.height();
            float vary = 0.85f + 0.3f * (float) rnd.nextDouble();
            switch (t.kind()) {
                case ROCK -> {
                    ColorRGBA c = (winter ? snow : rock).mult(vary);
                    b.cone(x, 0, z, r * 1.1f, h, 5, c, winter ? snow : c.mult(1.1f));
                }
                case CONIFER -> {
                    ColorRGBA foliage = pick(look.conifer(), t.shade()).mult(vary);
                    ColorRGBA tip = winter ? snow : foliage.mult(1.15f);
                    b.cylinder(x, 0, z, r, h * 0.35f, 6, look.trunk());
                    float base = h * 0.22f, w = Math.max(1.2f, h * 0.23f);
                    for (int tier = 0; tier < 3; tier++) {
                        float th = (h - base) * (0.55f - 0.1f * tier);
                        b.cone(x, base, z, w * (1 - 0.25f * tier), th, 7, foliage, tip);
                        base += (h - base) * 0.35f;
                    }
                }
                case BIRCH -> {
                    // White bark with one dark band, a small light crown high up (yellow in autumn, bare in winter).
                    float trunkTop = h * 0.8f;
                    b.cylinder(x, 0, z, r, trunkTop * 0.45f, 5, BIRCH_BARK.mult(vary));
                    b.cylinder(x, trunkTop * 0.45f, z, r * 0.95f, trunkTop * 0.06f, 5, BIRCH_MARK);
                    b.cylinder(x, trunkTop * 0.51f, z, r * 0.9f, trunkTop * 0.49f, 5, BIRCH_BARK.mult(vary));
                    if (!winter) {
                        ColorRGBA leaf = look.birchLeaf().mult(vary);
                        b.blob(x, h * 0.78f, z, Math.max(0.9f, h * 0.12f), h * 0.2f, 6, 3, leaf.mult(0.8f), leaf.mult(1.1f));
                    }
                }
                case PINE -> {
                    // A tall bare reddish trunk and one dark crown at the top: nothing at the camera's height.
                    b.cylinder(x, 0, z, r, h * 0.75f, 6, PINE_BARK.mult(vary));
                    ColorRGBA needles = pick(look.conifer(), t.shade()).mult(0.85f * vary);
                    b.cone(x, h * 0.58f, z, Math.max(1.0f, h * 0.13f), h * 0.42f, 7, needles, winter ? snow : needles.mult(1.1f));
                }
                case TARGET -> {
                    // The marker: a red ball on a thin grey post, the same in every season so only its surroundings change.
                    b.cylinder(x, 0, z, 0.04f, h - r, 5, POST);
                    b.blob(x, h, z, r, r, 10, 6, TARGET_RED.mult(0.8f), TARGET_RED);
                }
                case BROADLEAF -> {
                    b.cylinder(x, 0, z, r, h * 0.6f, 6, look.trunk());
                    ColorRGBA crown = pick(look.broadleaf(), t.shade()).mult(vary);
                    float cr = Math.max(1.3f, h * 0.3f);
                    if (winter) {
                        // Bare crowns: a thin, see-through-looking cage of branches is too costly; a small dark crown
                        // with snow on top reads as a leafless tree at this resolution.
                        b.blob(x, h * 0.7f, z, cr * 0.6f, cr * 0.55f, 6, 3, look.trunk().mult(vary), snow);
                    } else {
                        b.blob(x, h * 0.68f, z, cr, cr * 0.8f, 7, 4, crown.mult(0.8f), crown.mult(1.1f));
                    }
                }
            }
        }
        Material m = vertexColoured(look);
        Node n = new Node("forest");
        int i = 0;
        for (MeshBuilder b : tiles.values()) {
            Geometry g = new Geometry("forest-" + i++, b.build());
            g.setMaterial(m);
            n.attachChild(g);
        }
        return n;
    }

    static final ColorRGBA BIRCH_BARK = new ColorRGBA(0.86f, 0.85f, 0.80f, 1), BIRCH_MARK = new ColorRGBA(0.12f, 0.11f, 0.10f, 1);
    static final ColorRGBA PINE_BARK = new ColorRGBA(0.50f, 0.30f, 0.19f, 1);
    static final ColorRGBA POST = new ColorRGBA(0.45f, 0.45f, 0.45f, 1), TARGET_RED = new ColorRGBA(0.90f, 0.06f, 0.04f, 1);

    private static ColorRGBA pick(ColorRGBA[] palette, double shade) {
        return palette[Math.min(palette.length - 1, (int) (shade * palette.length))];
    }

    /** Grey value noise (0.7..1.0) that multiplies a surface's colour: grain for grass, gravel and asphalt. */
    static Texture2D noiseTexture(int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] coarse = new float[(size / 8) * (size / 8)];
        for (int i = 0; i < coarse.length; i++) coarse[i] = (float) rnd.nextDouble();
        ByteBuffer buf = BufferUtils.createByteBuffer(size * size * 3);
        int cs = size / 8;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float fx = x / 8f, fy = y / 8f;
                int x0 = (int) fx % cs, y0 = (int) fy % cs, x1 = (x0 + 1) % cs, y1 = (y0 + 1) % cs;
                float tx = fx - (int) fx, ty = fy - (int) fy;
                float v = lerp(lerp(coarse[y0 * cs + x0], coarse[y0 * cs + x1], tx), lerp(coarse[y1 * cs + x0], coarse[y1 * cs + x1], tx), ty);
                float g = 0.7f + 0.2f * v + 0.1f * (float) rnd.nextDouble();
                byte b = (byte) Math.round(Math.min(1, g) * 255);
                buf.put(b).put(b).put(b);
            }
        }
        buf.flip();
        Texture2D t = new Texture2D(new Image(Image.Format.RGB8, size, size, buf, com.jme3.texture.image.ColorSpace.Linear));
        t.setWrap(Texture.WrapMode.Repeat);
        t.setMinFilter(Texture.MinFilter.BilinearNearestMipMap);
        t.setMagFilter(Texture.MagFilter.Bilinear);
        return t;
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }

}
