package org.liquidpilot.perception;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_imgproc.CLAHE;

import java.nio.FloatBuffer;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.NORM_MINMAX;
import static org.bytedeco.opencv.global.opencv_core.dct;
import static org.bytedeco.opencv.global.opencv_core.normalize;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.Sobel;
import static org.bytedeco.opencv.global.opencv_imgproc.createCLAHE;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.medianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;

/**
 * Compresses a camera frame into a small steering-relevant feature vector without a CNN.
 * <p>
 * Pipeline (OpenCV does the pixel work, plain Java the small reductions):
 * <ol>
 *   <li>grey conversion; a morphological opening with a short horizontal line (3 pixels at 160 wide) erases
 *       bright near-vertical rain streaks (without it, rain cut the held-out steering R^2 from 0.997 to 0.76 on
 *       the flight fixture; with it 0.993);</li>
 *   <li>area resize to the working size (64x32 by default): averaging over the
 *       source pixels already halves sensor noise and thins rain streaks;</li>
 *   <li>a 3x3 median removes what is left of one-pixel streaks and speckle;</li>
 *   <li>CLAHE equalises contrast locally, so a frame at 0.3x or 2x exposure gives nearly the same image;</li>
 *   <li>Sobel gradients of that image give the road/trail cues, all ratios of gradient energies and therefore
 *       invariant to remaining contrast changes: per horizontal band of the ground region, the centroid of
 *       horizontal-gradient energy above the band's mean (where the road edges are: it moves sideways with
 *       curvature, most at the far end) and the signed orientation {@code sum(gx gy) / sum(gx^2 + gy^2)}
 *       (which way the edges lean, i.e. where they converge: a vanishing-point cue); the same orientation per
 *       vertical strip gives a column profile;</li>
 *   <li>low-frequency 2-D DCT coefficients of the normalised image (the JPEG-style compressed picture),
 *       divided by their own norm so that only the layout, not the contrast, counts;</li>
 *   <li>motion between consecutive frames: horizontal shift of the upper image (yaw), horizontal and vertical
 *       shift of the ground, and mean absolute change, each by a 1-D profile search with sub-pixel refinement;</li>
 *   <li>optionally ({@link FeatureConfig#targetBins()} &gt; 0, off by default) the colour-target block, computed on
 *       the colour frame itself, see below.</li>
 * </ol>
 * <p>
 * <b>Colour target.</b> For flying to a red target, which grey features cannot single out. Per pixel, with
 * {@code R, G, B} in 0..255 and {@code d = R - max(G, B)}:
 * <pre>
 *   q = max(0, d) / (R + 8)                       redness as a share of the red channel: 0.9 for the saturated target,
 *                                                 unchanged by exposure except in near-black pixels (the +8)
 *   m = clamp((q - 0.6) / (0.85 - 0.6), 0, 1)     soft threshold: orange, brown, skin, dusk-tinted grey give 0
 * </pre>
 * over the pixels sampled on a grid with step {@code s = max(1, min(W / 2w, H / 2h))} (every pixel up to twice the
 * working size, so a distant target a few pixels wide is not averaged away; bounded cost for big frames). With
 * {@code x' = (2x + 1) / W - 1} and {@code y' = (2y + 1) / H - 1} in (-1, 1) (right and down positive), {@code N}
 * samples, {@code M = sum m} and {@code M0 = N / (4 w h)} (one pixel of an image twice the working size):
 * <pre>
 *   target_mass = sqrt(M / N)                     in [0, 1]; proportional to the target's apparent diameter
 *   target_x    = sum(m x') / (M + M0)            red centroid, shrunk towards 0 while there is little red
 *   target_y    = sum(m y') / (M + M0)
 *   target_colC = sum over strip C of m / (M + M0)   share of red in each of targetBins vertical strips (bearing
 *                                                 even with two red things in view)
 * </pre>
 * All are 0 when nothing is red. The {@code M0} makes them grow continuously as a target comes into view instead of
 * jumping, and keeps a few noisy reddish pixels (dark brown under sensor noise) from throwing the centroid about; a
 * target covering {@code k} such pixels is shrunk by {@code k / (k + 1)}: 0.9 at 20 m in the simulator.
 * The block comes last, after the motion features: the features before it are exactly those of the same config
 * without it. It costs one pass over the sampled RGB bytes: about 20 microseconds of CPU time at 160x80 and at
 * 320x160.
 * <p>
 * An optional {@link LinearProjection} compresses the result further.
 * <p>
 * An extractor owns native buffers: use it from one thread at a time and {@link #close()} it. After the first
 * frame of a given size {@link #extract(RgbFrame, float[])} allocates nothing on the Java heap.
 */
public final class FeatureExtractor implements AutoCloseable {
    private final FeatureConfig config;
    private final int w, h, groundTop;
    private final int descriptors;

    // Native images, reused frame after frame.
    private Mat rgb;               // input size, CV_8UC3
    private BytePointer rgbData;
    private Mat grey;              // input size, CV_8UC1
    private int inWidth = -1, inHeight = -1;
    private final Mat small = new Mat();   // work size, 8U
    private final Mat filtered = new Mat();
    private final Mat normalised = new Mat();
    private final Mat normF;
    private final Mat gx, gy, dctOut;
    private final CLAHE clahe;
    private final Size workSize;
    private final Mat noMask = new Mat();
    private final Mat opened = new Mat();
    private Mat rainKernel;
    private final FloatBuffer normBuf, gxBuf, gyBuf, dctBuf;

    // Java-side scratch, sized once.
    private final float[] img, dx, dy, coeffs;
    private final float[] bandEnergy;
    private final float[] raw;
    private final int[] zigzag;
    private final float[] upperProfile, groundProfile, groundRows;
    private final float[] prevUpper, prevGround, prevRows, prevImg;
    private boolean havePrevious;
    private boolean closed;

    // Colour-target block: strip sums, and per input column/row its strip and normalised position.
    private final double[] targetMass;
    private int[] targetCol = new int[0];
    private float[] targetX = new float[0], targetY = new float[0];
    private int targetStride = 1, targetSamples;
    private double targetPrior;

    public FeatureExtractor(FeatureConfig config) {
        this.config = config;
        this.w = config.workWidth();
        this.h = config.workHeight();
        this.groundTop = h - (int) Math.round(h * config.groundFraction());
        this.descriptors = config.descriptorCount();
        normF = new Mat(h, w, CV_32F);
        gx = new Mat(h, w, CV_32F);
        gy = new Mat(h, w, CV_32F);
        dctOut = new Mat(h, w, CV_32F);
        workSize = new Size(w, h);
        normBuf = normF.createBuffer();
        gxBuf = gx.createBuffer();
        gyBuf = gy.createBuffer();
        dctBuf = dctOut.createBuffer();
        // 16x16-pixel tiles at the default size: local enough to undo vignetting and glare, big enough not to
        // amplify noise in flat sky.
        clahe = config.claheClipLimit() > 0
                ? createCLAHE(config.claheClipLimit(), new Size(Math.max(1, w / 16), Math.max(1, h / 16))) : null;
        img = new float[w * h];
        dx = new float[w * h];
        dy = new float[w * h];
        coeffs = new float[w * h];
        bandEnergy = new float[w];
        raw = new float[descriptors];
        zigzag = zigzag(w, h, config.dctCoefficients());
        upperProfile = new float[w];
        groundProfile = new float[w];
        groundRows = new float[h - groundTop];
        prevUpper = new float[w];
        prevGround = new float[w];
        prevRows = new float[h - groundTop];
        prevImg = new float[w * h];
        targetMass = new double[config.targetBins()];
    }

    public FeatureConfig config() {
        return config;
    }

    public int featureCount() {
        return config.featureCount();
    }

    /** Forgets the previous frame, so the next one reports no motion (e.g. after a jump in the video). */
    public void reset() {
        havePrevious = false;
    }

    /** Convenience form that allocates the result. */
    public float[] extract(RgbFrame frame) {
        float[] out = new float[featureCount()];
        extract(frame, out);
        return out;
    }

    /** Fills {@code out[0..featureCount())} with the features of {@code frame}; motion is relative to the previous call. */
    public void extract(RgbFrame frame, float[] out) {
        if (closed) throw new IllegalStateException("feature extractor is closed");
        if (out.length < featureCount()) {
            throw new IllegalArgumentException("output has " + out.length + " slots, need " + featureCount());
        }
        preprocess(frame);
        int i = 0;
        i = roadCues(raw, i);
        i = dctCues(raw, i);
        if (config.flow()) i = motionCues(raw, i);
        if (config.targetBins() > 0) i = targetCues(frame, raw, i);
        if (config.projection() == null) System.arraycopy(raw, 0, out, 0, descriptors);
        else config.projection().project(raw, out);
    }

    /**
     * Copies the illumination-normalised working image of the last frame (work width x height, one byte a pixel) into
     * {@code out}; for displays of what the controller sees.
     */
    public void normalisedImage(byte[] out) {
        if (out.length < w * h) throw new IllegalArgumentException("need " + w * h + " bytes");
        for (int k = 0; k < w * h; k++) out[k] = (byte) Math.max(0, Math.min(255, Math.round(img[k])));
    }

    private void preprocess(RgbFrame frame) {
        if (frame.width() != inWidth || frame.height() != inHeight) {
            if (rgb != null) {
                rgb.close();
                grey.close();
            }
            inWidth = frame.width();
            inHeight = frame.height();
            rgb = new Mat(inHeight, inWidth, CV_8UC3);
            grey = new Mat(inHeight, inWidth, CV_8UC1);
            rgbData = rgb.data();
            if (rainKernel != null) rainKernel.close();
            // Rain streaks are bright and thin (one or two pixels at 160 wide); an opening with a horizontal
            // line removes bright structures narrower than it while keeping road edges, which are steps.
            int k = Math.max(3, (int) Math.round(inWidth / 53.0)) | 1;
            try (Size line = new Size(k, 1)) {
                rainKernel = getStructuringElement(MORPH_RECT, line);
            }
            if (config.targetBins() > 0) sizeTargetGrid();
        }
        rgbData.put(frame.rgb(), 0, frame.rgb().length);
        cvtColor(rgb, grey, COLOR_RGB2GRAY);
        if (config.deRain()) {
            morphologyEx(grey, opened, MORPH_OPEN, rainKernel);
            resize(opened, small, workSize, 0, 0, INTER_AREA);
        } else resize(grey, small, workSize, 0, 0, INTER_AREA);
        // A dark frame under a lamp map is divided by it and skips the median: at night the thin bright things are the
        // road's reflectors, one or two working pixels wide, which the median would erase (perception/README.md, Night).
        lastWork = small;
        Mat src = config.hasLampMap() ? underLamps(small) : small;
        if (config.medianKernel() > 1 && src != lampOut) {
            medianBlur(src, filtered, config.medianKernel());
            src = filtered;
        }
        if (clahe != null) clahe.apply(src, normalised);
        else normalize(src, normalised, 0, 255, NORM_MINMAX, -1, noMask);
        normalised.convertTo(normF, CV_32F);
        Sobel(normF, gx, CV_32F, 1, 0);
        Sobel(normF, gy, CV_32F, 0, 1);
        normBuf.get(0, img);
        gxBuf.get(0, dx);
        gyBuf.get(0, dy);
    }

    /**
     * The working image of {@code frame} before the median and contrast stages (grey, de-rained, resized), row by row:
     * what a lamp map is made of (see {@link FeatureConfig#lampMap()}).
     */
    public float[] workImage(RgbFrame frame) {
        FeatureConfig plain = config.withLampMap(null);
        try (FeatureExtractor fx = new FeatureExtractor(plain)) {
            fx.preprocessUntilContrast(frame);
            float[] out = new float[w * h];
            try (Mat f = new Mat()) {
                fx.lastWork.convertTo(f, CV_32F);
                ((FloatBuffer) f.createBuffer()).get(0, out);
            }
            return out;
        }
    }

    private Mat lastWork;

    private void preprocessUntilContrast(RgbFrame frame) {
        preprocess(frame);
    }

    /** Divides a dark working image by the lamp map (in place of {@code src}'s bytes: a new 8-bit image). */
    private Mat underLamps(Mat src) {
        if (lampBytes == null) lampBytes = new byte[w * h];
        src.data().get(lampBytes, 0, w * h);
        double sum = 0, lit = 0, unlit = 0;
        int litN = 0, unlitN = 0;
        for (int k = 0; k < w * h; k++) {
            int v = lampBytes[k] & 0xff;
            sum += v;
            float m = config.lampMapAt(k);
            if (m >= FeatureConfig.LAMP_LIT_MAP) { lit += v; litN++; }
            else if (m <= FeatureConfig.LAMP_UNLIT_MAP) { unlit += v; unlitN++; }
        }
        if (sum / (w * h) >= FeatureConfig.LAMP_DARK_MEAN) return src;
        // Dark is not enough: at dusk, before the lamps come on, or with an underexposed camera by day, the frame is dark
        // but the sky and trees above the lamps' cut-off are no darker than the ground, and dividing by the map would
        // invent a lit road. Only a frame whose lamp-lit part outshines its unlit part by LAMP_CONTRAST is divided.
        if (litN == 0 || unlitN == 0 || lit / litN < FeatureConfig.LAMP_CONTRAST * (unlit / unlitN) + FeatureConfig.LAMP_FLOOR) return src;
        for (int k = 0; k < w * h; k++) {
            double v = 128.0 * (lampBytes[k] & 0xff) / (config.lampMapAt(k) + FeatureConfig.LAMP_FLOOR);
            lampBytes[k] = (byte) Math.min(255, (int) Math.round(v));
        }
        if (lampOut.empty()) lampOut.create(h, w, CV_8UC1);
        lampOut.data().put(lampBytes, 0, w * h);
        return lampOut;
    }

    private byte[] lampBytes;
    private final Mat lampOut = new Mat();

    /** Edge centroid and orientation per ground band, then orientation per column strip. */
    private int roadCues(float[] o, int i) {
        int bands = config.rowBands();
        int groundRows = h - groundTop;
        float half = (w - 1) / 2f;
        for (int b = 0; b < bands; b++) {
            int y0 = groundTop + b * groundRows / bands, y1 = groundTop + (b + 1) * groundRows / bands;
            java.util.Arrays.fill(bandEnergy, 0);
            double sxy = 0, sEnergy = 0;
            for (int y = y0; y < y1; y++) {
                int row = y * w;
                for (int x = 1; x < w - 1; x++) {      // the Sobel border columns only echo the border rule
                    float a = dx[row + x], c = dy[row + x];
                    bandEnergy[x] += a * a;
                    sxy += a * c;
                    sEnergy += a * a + c * c;
                }
            }
            // Subtracting the band mean keeps only columns with real edges, so uniform noise or texture does not
            // drag the centroid to the middle.
            double mean = 0;
            for (int x = 1; x < w - 1; x++) mean += bandEnergy[x];
            mean /= (w - 2);
            double m0 = 0, m1 = 0;
            for (int x = 1; x < w - 1; x++) {
                double e = bandEnergy[x] - mean;
                if (e > 0) {
                    m0 += e;
                    m1 += e * (x - half) / half;
                }
            }
            o[i + b] = m0 > 1e-6 ? (float) (m1 / m0) : 0f;
            o[i + bands + b] = sEnergy > 1e-6 ? (float) (sxy / sEnergy) : 0f;
        }
        i += 2 * bands;
        int bins = config.columnBins();
        for (int c = 0; c < bins; c++) {
            int x0 = Math.max(1, c * w / bins), x1 = Math.min(w - 1, (c + 1) * w / bins);
            double sxy = 0, sEnergy = 0;
            for (int y = groundTop; y < h; y++) {
                int row = y * w;
                for (int x = x0; x < x1; x++) {
                    float a = dx[row + x], b = dy[row + x];
                    sxy += a * b;
                    sEnergy += a * a + b * b;
                }
            }
            o[i + c] = sEnergy > 1e-6 ? (float) (sxy / sEnergy) : 0f;
        }
        return i + bins;
    }

    private int dctCues(float[] o, int i) {
        int n = config.dctCoefficients();
        if (n == 0) return i;
        dct(normF, dctOut);
        dctBuf.get(0, coeffs);
        double norm = 0;
        for (int k = 0; k < n; k++) {
            float v = coeffs[zigzag[k]];
            norm += v * v;
        }
        float inv = norm > 1e-9 ? (float) (1 / Math.sqrt(norm)) : 0f;
        for (int k = 0; k < n; k++) o[i + k] = coeffs[zigzag[k]] * inv;
        return i + n;
    }

    private int motionCues(float[] o, int i) {
        // Profiles of the normalised intensity: the sky/tree line scrolls sideways with yaw, the ground both
        // sideways and towards the camera.
        java.util.Arrays.fill(upperProfile, 0);
        java.util.Arrays.fill(groundProfile, 0);
        for (int y = 0; y < h; y++) {
            int row = y * w;
            float[] profile = y < groundTop ? upperProfile : groundProfile;
            float rowSum = 0;
            for (int x = 0; x < w; x++) {
                profile[x] += img[row + x];
                rowSum += img[row + x];
            }
            if (y >= groundTop) groundRows[y - groundTop] = rowSum / w;
        }
        float motion = 0;
        if (havePrevious) {
            int maxShift = Math.max(2, w / 8);
            o[i] = ProfileShift.estimate(prevUpper, upperProfile, maxShift) / w;
            o[i + 1] = ProfileShift.estimate(prevGround, groundProfile, maxShift) / w;
            o[i + 2] = ProfileShift.estimate(prevRows, groundRows, Math.max(2, groundRows.length / 4)) / h;
            for (int k = 0; k < img.length; k++) motion += Math.abs(img[k] - prevImg[k]);
            o[i + 3] = motion / (img.length * 255f);
        } else {
            o[i] = o[i + 1] = o[i + 2] = o[i + 3] = 0f;
        }
        System.arraycopy(upperProfile, 0, prevUpper, 0, w);
        System.arraycopy(groundProfile, 0, prevGround, 0, w);
        System.arraycopy(groundRows, 0, prevRows, 0, groundRows.length);
        System.arraycopy(img, 0, prevImg, 0, img.length);
        havePrevious = true;
        return i + FeatureConfig.FLOW_FEATURES;
    }

    // Redness soft threshold (see the class comment): q = d / (R + TARGET_DARK), ramp from TARGET_Q0 to TARGET_Q1.
    private static final int TARGET_DARK = 8;
    private static final float TARGET_Q0 = 0.6f, TARGET_Q1 = 0.85f;   // TARGET_Q0 = 3/5 is also in the early exit

    /** The sampling grid of the colour-target block for the current input size. */
    private void sizeTargetGrid() {
        int bins = config.targetBins();
        targetStride = Math.max(1, Math.min(inWidth / (2 * w), inHeight / (2 * h)));
        int s = targetStride;
        targetCol = new int[inWidth];
        targetX = new float[inWidth];
        targetY = new float[inHeight];
        for (int x = 0; x < inWidth; x++) {
            targetX[x] = (2f * x + 1) / inWidth - 1;
            targetCol[x] = (int) Math.min(bins - 1, ((2L * x + 1) * bins) / (2L * inWidth));
        }
        for (int y = 0; y < inHeight; y++) targetY[y] = (2f * y + 1) / inHeight - 1;
        int cols = (inWidth - s / 2 + s - 1) / s, rows = (inHeight - s / 2 + s - 1) / s;
        targetSamples = cols * rows;
        targetPrior = targetSamples / (4.0 * w * h);
    }

    /** Red mass, red centroid and the share of red per strip, straight from the RGB bytes. */
    private int targetCues(RgbFrame frame, float[] o, int i) {
        int bins = config.targetBins();
        byte[] px = frame.rgb();
        int s = targetStride, width = inWidth;
        java.util.Arrays.fill(targetMass, 0);
        double mass = 0, mx = 0, my = 0;
        float ramp = 1f / (TARGET_Q1 - TARGET_Q0);
        for (int y = s / 2; y < inHeight; y += s) {
            float rowMass = 0, rowX = 0;
            int row = y * width * 3;
            for (int x = s / 2; x < width; x += s) {
                int k = row + 3 * x;
                int r = px[k] & 0xff, d = r - Math.max(px[k + 1] & 0xff, px[k + 2] & 0xff);
                // q <= 0.6 exactly when 5 d <= 3 (r + dark): most pixels (green, blue, grey, brown) stop here.
                if (5 * d <= 3 * (r + TARGET_DARK)) continue;
                float q = (float) d / (r + TARGET_DARK);
                float m = Math.max(0f, Math.min(1f, (q - TARGET_Q0) * ramp));
                rowMass += m;
                rowX += m * targetX[x];
                targetMass[targetCol[x]] += m;
            }
            mass += rowMass;
            mx += rowX;
            my += (double) rowMass * targetY[y];
        }
        o[i] = (float) Math.sqrt(Math.min(1.0, mass / targetSamples));
        double norm = mass + targetPrior;
        o[i + 1] = (float) (mx / norm);
        o[i + 2] = (float) (my / norm);
        for (int c = 0; c < bins; c++) o[i + 3 + c] = (float) (targetMass[c] / norm);
        return i + FeatureConfig.TARGET_SCALARS + bins;
    }

    /** Indices (row-major in a h x w DCT) of the first {@code n} coefficients in JPEG zig-zag order, DC skipped. */
    static int[] zigzag(int w, int h, int n) {
        int[] out = new int[n];
        int k = 0;
        for (int s = 1; k < n && s <= (w - 1) + (h - 1); s++) {
            // Along each anti-diagonal alternate direction, as JPEG does.
            for (int t = 0; t <= s && k < n; t++) {
                int u = (s % 2 == 0) ? s - t : t;      // horizontal frequency
                int v = s - u;                          // vertical frequency
                if (u < w && v < h) out[k++] = v * w + u;
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (rgb != null) {
            rgb.close();
            grey.close();
        }
        small.close();
        filtered.close();
        normalised.close();
        normF.close();
        gx.close();
        gy.close();
        dctOut.close();
        if (clahe != null) clahe.close();
        workSize.close();
        noMask.close();
        opened.close();
        lampOut.close();
        if (rainKernel != null) rainKernel.close();
    }
}
