package org.liquidpilot.sim.render;

import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.light.SpotLight;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import com.jme3.scene.Node;
import com.jme3.system.AppSettings;
import com.jme3.system.JmeContext;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.run.FrameSource;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.world.World;

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders the vehicle camera with jMonkeyEngine: windowless through OSMesa by default, or in a real window. One
 * instance owns one GL context and one image size; {@link #load} swaps the world and weather between episodes.
 * Frames share one buffer, overwritten by the next {@link #render}.
 */
public final class JmeRenderer implements FrameSource {
    /**
     * jME warns on every start that it has no OGG audio loader; the simulator plays no sound, so that line is noise.
     * The logger is held here because java.util.logging keeps only weak references to configured loggers.
     */
    private static final java.util.logging.Logger JME_ASSETS = java.util.logging.Logger.getLogger("com.jme3.asset.AssetConfig");

    static {
        JME_ASSETS.setLevel(java.util.logging.Level.SEVERE);
    }

    /** Camera pitch below the horizon: the car looks down at the road a little; the quad flies level. */
    static final float CAR_PITCH_DEG = -6f, QUAD_PITCH_DEG = -4f;
    static final long TIMEOUT_MS = 20_000;

    /**
     * The low beams (see {@code LiquidPilot/MatDefs/Lamps.frag} for the beam: a sharp cut-off 0.6 degrees below the
     * horizontal, +-35 degrees wide, a hot spot just under the cut-off, inverse-square fall-off). On the car: 0.6 m
     * above the road, 0.7 m either side of the centre, 0.5 m ahead of the camera. A quadrotor with {@code vehicle_lights:
     * on} carries two small ones 0.1 m under the camera, 0.15 m either side.
     */
    static final float CAR_LAMP_HEIGHT_M = 0.6f, CAR_LAMP_LATERAL_M = 0.7f, CAR_LAMP_AHEAD_M = 0.5f;
    static final float QUAD_LAMP_BELOW_CAMERA_M = 0.1f, QUAD_LAMP_LATERAL_M = 0.15f;
    /**
     * Luminous intensity of one lamp in the renderer's light units at 1 m (a surface facing it at 1 m would get this
     * times the beam's pattern); warm white, as halogen.
     */
    static final float LAMP_INTENSITY = 60f;
    static final ColorRGBA LAMP_COLOUR = new ColorRGBA(1.0f, 0.93f, 0.8f, 1);
    /** Beyond this jME does not light geometry with a lamp: at 1/d^2 it would add under a thousandth of a grey level. */
    static final float LAMP_CULL_RANGE_M = 250f;

    private final int width, height;
    private final SimApp app;
    private final byte[] rgb;
    private FramePost post;
    /** The scenario's camera.pitch_deg: the camera tilted up (positive) from its mount. */
    private float mountPitchDeg;
    private RainStreaks rain;
    /** The vehicle's low beams, left and right; null while they are off. */
    private SpotLight[] lamps;
    private boolean quad;
    private volatile boolean closed;

    // The pose the next frame shows; written by the caller, read on the render thread inside request().
    private float px, py, pz, yaw, pitch, roll;
    private double time;
    private final Vector3f dir = new Vector3f(), tmp = new Vector3f();
    private final Quaternion rollQ = new Quaternion();
    private final Runnable applyPose = this::applyPose;

    private JmeRenderer(int width, int height, boolean window) throws InterruptedException {
        this.width = width;
        this.height = height;
        this.rgb = new byte[width * height * 3];
        Logger.getLogger("com.jme3").setLevel(Level.WARNING);
        if (!window) HeadlessGl.configure();
        AppSettings s = new AppSettings(true);
        s.setRenderer(AppSettings.LWJGL_OPENGL2);
        s.setResolution(width, height);
        s.setFrameRate(-1);
        s.setVSync(false);
        s.setAudioRenderer(null);
        s.setSamples(0);
        s.setGammaCorrection(false);
        s.setResizable(false);
        s.setTitle("liquidpilot sim");
        s.setUseInput(window);
        app = new SimApp(width, height);
        app.setShowSettings(false);
        app.setSettings(s);
        app.start(JmeContext.Type.Display);
        try {
            app.awaitStart(TIMEOUT_MS);
        } catch (RuntimeException | InterruptedException e) {
            app.stop();
            throw e;
        }
    }

    /**
     * Starts a renderer of {@code width} x {@code height}. With {@code window} it opens a real window (needs a
     * display); otherwise it renders off-screen through OSMesa.
     */
    public static JmeRenderer open(int width, int height, boolean window) {
        if (window && !HeadlessGl.displayAvailable()) throw new IllegalArgumentException("--window needs a display (DISPLAY is not set)");
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return new JmeRenderer(width, height, window);
                } catch (IllegalStateException e) {
                    // GLFW/OSMesa context creation now and then fails on a heavily loaded machine and works a moment
                    // later; a real absence of GL fails every time and still surfaces after the last attempt.
                    if (attempt >= START_ATTEMPTS || !String.valueOf(e.getMessage()).startsWith("cannot start the GL context")) throw e;
                    Thread.sleep(500L * attempt);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the renderer", e);
        }
    }

    private static final int START_ATTEMPTS = 3;

    /** How many lamps light the scene now loaded (0 or 2). */
    synchronized int lampCount() {
        return lamps == null ? 0 : lamps.length;
    }

    public int width() { return width; }
    public int height() { return height; }

    @Override
    public synchronized void load(World world, Scenario sc, long seed) {
        if (sc.camera().width() != width || sc.camera().height() != height) {
            throw new IllegalArgumentException("this renderer draws " + width + "x" + height + ", the scenario asks for "
                    + sc.camera().width() + "x" + sc.camera().height());
        }
        Look look = Look.of(sc);
        boolean sun = !sc.weather().night();
        quad = sc.isQuad();
        // Geometry is built on the caller's thread; only attaching it touches the render thread.
        SceneFactory factory = new SceneFactory(app.getAssetManager());
        Node scene = factory.build(world, look, seed);
        RainStreaks streaks = look.rain() > 0 ? new RainStreaks(app.getAssetManager(), look.rain(), seed ^ 0x2545F491L) : null;
        this.post = new FramePost(width, height, look.rain(), sc.camera().noiseStd(), sc.camera().rotationDeg(),
                sc.camera().occlusion(), sc.camera().gain(), sc.camera().contrast(), seed ^ 0x9E3779B9L);
        mountPitchDeg = (float) sc.camera().pitchDeg();
        float fovX = (float) Math.toRadians(sc.camera().fovDeg());
        float fovY = 2 * FastMath.atan(FastMath.tan(fovX / 2) * height / width);
        app.request(() -> {
            Node root = app.getRootNode();
            root.detachAllChildren();
            root.getLocalLightList().clear();
            root.attachChild(scene);
            AmbientLight amb = new AmbientLight(look.ambient());
            root.addLight(amb);
            if (sun) root.addLight(new DirectionalLight(look.sunDirection(), look.sunColour()));
            lamps = null;
            if (look.lamps()) {
                lamps = new SpotLight[2];
                for (int k = 0; k < 2; k++) {
                    // The cone and range only bound which geometry jME lights; the beam itself is Lamps.frag's.
                    lamps[k] = new SpotLight(new Vector3f(), new Vector3f(1, 0, 0), LAMP_CULL_RANGE_M, LAMP_COLOUR.mult(LAMP_INTENSITY),
                            FastMath.DEG_TO_RAD * 75, FastMath.DEG_TO_RAD * 80);
                    root.addLight(lamps[k]);
                }
            }
            rain = streaks;
            if (streaks != null) root.attachChild(streaks.node());
            app.getViewPort().setBackgroundColor(look.fogDensity() > 0.02f ? look.fogColour() : look.sky());
            Camera cam = app.getCamera();
            cam.setFrustumPerspective(fovY * FastMath.RAD_TO_DEG, (float) width / height, 0.1f, 300f);
        }, false, TIMEOUT_MS);
    }

    @Override
    public synchronized RgbFrame render(VehicleState s, double cameraHeight, double t) {
        if (closed) throw new IllegalStateException("the renderer is closed");
        if (post == null) throw new IllegalStateException("load a world before rendering");
        px = (float) s.x();
        py = (float) cameraHeight;
        pz = (float) -s.y();
        yaw = (float) s.yaw();
        float base = (quad ? QUAD_PITCH_DEG : CAR_PITCH_DEG) + mountPitchDeg;
        pitch = base * FastMath.DEG_TO_RAD - (float) s.pitch();
        roll = (float) s.roll();
        time = t;
        app.request(applyPose, true, TIMEOUT_MS);
        ByteBuffer px = app.pixels();
        // GL rows come bottom-up as RGBA; frames are top-down RGB.
        for (int y = 0; y < height; y++) {
            int src = (height - 1 - y) * width * 4, dst = y * width * 3;
            for (int x = 0; x < width; x++, src += 4, dst += 3) {
                rgb[dst] = px.get(src);
                rgb[dst + 1] = px.get(src + 1);
                rgb[dst + 2] = px.get(src + 2);
            }
        }
        post.apply(rgb, t);
        return new RgbFrame(width, height, rgb, t);
    }

    private void applyPose() {
        Camera cam = app.getCamera();
        float cp = FastMath.cos(pitch);
        dir.set(cp * FastMath.cos(yaw), FastMath.sin(pitch), -cp * FastMath.sin(yaw));
        tmp.set(px, py, pz);
        cam.setLocation(tmp);
        cam.lookAtDirection(dir, Vector3f.UNIT_Y);
        if (roll != 0) {
            rollQ.fromAngleNormalAxis(-roll, dir);
            cam.setRotation(rollQ.mult(cam.getRotation()));
        }
        if (lamps != null) {
            // Fixed to the body: level along the heading (the car does not pitch), at bumper height ahead of the camera.
            float cy = FastMath.cos(yaw), sy = FastMath.sin(yaw);
            float height = quad ? py - QUAD_LAMP_BELOW_CAMERA_M : CAR_LAMP_HEIGHT_M;
            float lateral = quad ? QUAD_LAMP_LATERAL_M : CAR_LAMP_LATERAL_M, ahead = quad ? 0.1f : CAR_LAMP_AHEAD_M;
            for (int k = 0; k < 2; k++) {
                float side = k == 0 ? lateral : -lateral;   // left, right; left is world +y, jME -z
                lamps[k].setPosition(tmp.set(px + ahead * cy - side * sy, height, pz - ahead * sy - side * cy));
                lamps[k].setDirection(tmp.set(cy, 0, -sy));
            }
        }
        if (rain != null) rain.update(px, py, pz, time);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        app.stop(true);
    }
}
