package org.liquidpilot.perception;

/**
 * Loads OpenCV's native libraries on a background thread, so a node that will need them can do its other start-up
 * work (registering with the master, reading its model) meanwhile. Loading them takes about a second; the first
 * feature extraction then finds them ready, or waits for the load already under way (class initialisation is
 * serialised by the JVM), never loading twice.
 */
public final class OpenCvWarmUp {
    private OpenCvWarmUp() {}

    /** Starts loading; returns at once. Failures are left for the real first use to report. */
    public static void start() {
        Thread t = new Thread(() -> {
            try {
                Class.forName("org.bytedeco.opencv.global.opencv_imgproc");
                Class.forName("org.bytedeco.opencv.global.opencv_imgcodecs");
            } catch (ClassNotFoundException | LinkageError ignored) {
                // the first real use reports it, with its context
            }
        }, "opencv-warm-up");
        t.setDaemon(true);
        t.start();
    }
}
