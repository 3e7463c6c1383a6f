package org.liquidpilot.sim.render;

import com.jme3.app.SimpleApplication;
import com.jme3.app.state.AppState;
import com.jme3.material.TechniqueDef;
import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.texture.FrameBuffer;
import com.jme3.util.BufferUtils;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The jME application behind {@link JmeRenderer}. Its loop thread waits for one request at a time: the request's
 * action changes the scene or the camera, the frame is rendered, and the frame buffer is read back after every
 * other processor has drawn. The caller waits for that, so the loop runs in lock-step with the simulation and
 * idles (instead of spinning) between requests.
 */
final class SimApp extends SimpleApplication implements SceneProcessor {
    private final Semaphore requested = new Semaphore(0), finished = new Semaphore(0);
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Runnable action;
    private volatile boolean capture;
    private volatile Throwable failure;
    private boolean active;
    private boolean initialized;
    private final ByteBuffer pixels;

    SimApp(int width, int height) {
        super(new AppState[0]);
        this.pixels = BufferUtils.createByteBuffer(width * height * 4);
    }

    @Override
    public void simpleInitApp() {
        setPauseOnLostFocus(false);
        // Multi-pass lighting: jME 3.8's single-pass shader declares the fog uniforms twice and fails to compile.
        // Day scenes keep to one light besides the ambient (one pass per geometry); the car's lamps add two at night.
        renderManager.setPreferredLightMode(TechniqueDef.LightMode.MultiPass);
        viewPort.addProcessor(this);
        started.countDown();
    }

    /** Waits for the context; throws if it could not be created. */
    void awaitStart(long timeoutMs) throws InterruptedException {
        if (!started.await(timeoutMs, TimeUnit.MILLISECONDS)) throw new IllegalStateException("the GL context did not start within " + timeoutMs + " ms");
        if (failure != null) throw new IllegalStateException("cannot start the GL context: " + failure.getMessage(), failure);
    }

    /**
     * Runs {@code action} on the render thread before the next frame, renders it, and when {@code capture} copies
     * the RGBA frame (rows bottom-up) into the buffer {@link #pixels()} returns. Blocks until done.
     */
    void request(Runnable action, boolean capture, long timeoutMs) {
        if (failure != null) throw new IllegalStateException("the renderer failed: " + failure.getMessage(), failure);
        this.action = action;
        this.capture = capture;
        requested.release();
        try {
            if (!finished.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the renderer did not answer within " + timeoutMs + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering", e);
        }
        Throwable f = failure;
        if (f != null) throw new IllegalStateException("the renderer failed: " + f.getMessage(), f);
    }

    ByteBuffer pixels() {
        return pixels;
    }

    @Override
    public void simpleUpdate(float tpf) {
        try {
            active = requested.tryAcquire(20, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            active = false;
        }
        if (active) {
            try {
                Runnable a = action;
                if (a != null) a.run();
            } catch (RuntimeException e) {
                failure = e;
                active = false;
                finished.release();
            }
        }
    }

    @Override
    public void handleError(String message, Throwable t) {
        failure = t != null ? t : new IllegalStateException(message);
        started.countDown();
        if (active) {
            active = false;
            finished.release();
        }
        stop();
    }

    @Override
    public void initialize(RenderManager rm, ViewPort vp) {
        initialized = true;
    }

    @Override
    public void reshape(ViewPort vp, int w, int h) {}

    @Override
    public boolean isInitialized() {
        return initialized;
    }

    @Override
    public void preFrame(float tpf) {}

    @Override
    public void postQueue(RenderQueue rq) {}

    @Override
    public void postFrame(FrameBuffer out) {
        if (!active) return;
        active = false;
        try {
            if (capture) {
                pixels.clear();
                // The viewport's own target: the window's buffer, or whatever a filter chain finally drew into.
                renderer.readFrameBuffer(viewPort.getOutputFrameBuffer(), pixels);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        finished.release();
    }

    @Override
    public void cleanup() {}

    @Override
    public void setProfiler(AppProfiler profiler) {}
}
