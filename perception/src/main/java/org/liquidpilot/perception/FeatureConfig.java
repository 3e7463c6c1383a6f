package org.liquidpilot.perception;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Set;

/**
 * How {@link FeatureExtractor} turns a frame into features. Stored as an opaque JSON object in the model file, so a
 * trained controller always sees features made the way it was trained on.
 *
 * @param workWidth        width of the grey working image every frame is resized to (even, 16..512)
 * @param workHeight       its height (even, 8..512)
 * @param groundFraction   bottom fraction of the image searched for road/trail cues (0.2..1)
 * @param rowBands         horizontal bands of the ground region; each gives an edge centroid and an orientation
 * @param columnBins       vertical strips of the ground region; each gives a signed edge orientation
 * @param dctCoefficients  low-frequency 2-D DCT coefficients of the normalised image, in zig-zag order, DC skipped
 * @param flow             whether to add the four motion features (image shifts and motion energy)
 * @param deRain         whether to erase thin bright streaks (rain) with a morphological opening before resizing
 * @param medianKernel     median filter aperture against rain streaks and speckle (1 = off, else 3 or 5)
 * @param claheClipLimit   CLAHE clip limit for illumination normalisation (0 = off: plain min-max stretch)
 * @param targetBins       colour-target block (0 = off): red mass, red centroid x and y, and the share of red mass in
 *                         each of this many vertical strips, from the colour frame (see {@link FeatureExtractor});
 *                         0..workWidth/2. Off in {@link #defaults()}, on in {@link #droneDefaults()}
 * @param lampMap          lamp-map normalisation (null = off, the default): the working image (grey, de-rained,
 *                         resized: the stages before the median) of a flat, empty, uniform ground lit only
 *                         by the vehicle's lamps, {@code workWidth * workHeight} grey levels row by row. The lamps are
 *                         fixed to the camera, so their light falls on every frame in this same pattern: a dark frame
 *                         (mean below {@link #LAMP_DARK_MEAN}) whose lamps' pool outshines what lies above their
 *                         cut-off ({@link #LAMP_CONTRAST}; not so at dusk before the lamps come on) is divided by it, {@code I' = 128 I / (M + }{@link
 *                         #LAMP_FLOOR}{@code )}, which leaves the ground's own contrast (road against verge) and
 *                         keeps what the lamps do not reach dark. Frames in daylight are left alone
 * @param projection       optional learned linear compression applied last (null = none)
 */
public record FeatureConfig(int workWidth, int workHeight, double groundFraction, int rowBands, int columnBins,
                            int dctCoefficients, boolean flow, boolean deRain, int medianKernel, double claheClipLimit,
                            int targetBins, float[] lampMap, LinearProjection projection) {

    public static final int FLOW_FEATURES = 4;
    /** Features of the colour-target block besides its strips: red mass, centroid x, centroid y. */
    public static final int TARGET_SCALARS = 3;
    /** The lamp map's noise floor, grey levels: where the lamps give less light than this, a frame stays dark. */
    public static final double LAMP_FLOOR = 8.0;
    /** A frame whose working image is darker than this on average counts as dark: the lamp map applies to it. */
    public static final double LAMP_DARK_MEAN = 40.0;
    /** Lamp-map levels that mark the lamps' pool (at or above) and what lies above their cut-off (at or below). */
    public static final float LAMP_LIT_MAP = 64, LAMP_UNLIT_MAP = 8;
    /** A dark frame is lamp-lit when its pool is brighter than this many times its unlit part (plus the floor). */
    public static final double LAMP_CONTRAST = 3.0;
    /** Largest raw descriptor; keeps a bad config from asking for absurd arrays. */
    public static final int MAX_DESCRIPTORS = 4096;

    public FeatureConfig {
        check(workWidth >= 16 && workWidth <= 512 && workWidth % 2 == 0, "workWidth must be even and in 16..512, got " + workWidth);
        check(workHeight >= 8 && workHeight <= 512 && workHeight % 2 == 0, "workHeight must be even and in 8..512, got " + workHeight);
        check(groundFraction >= 0.2 && groundFraction <= 1.0, "groundFraction must be in 0.2..1, got " + groundFraction);
        int groundRows = (int) Math.round(workHeight * groundFraction);
        check(rowBands >= 0 && rowBands <= groundRows, "rowBands must be in 0.." + groundRows + ", got " + rowBands);
        check(columnBins >= 0 && columnBins <= workWidth / 2, "columnBins must be in 0.." + workWidth / 2 + ", got " + columnBins);
        check(dctCoefficients >= 0 && dctCoefficients < workWidth * workHeight,
                "dctCoefficients must be in 0.." + (workWidth * workHeight - 1) + ", got " + dctCoefficients);
        check(medianKernel == 1 || medianKernel == 3 || medianKernel == 5, "medianKernel must be 1, 3 or 5, got " + medianKernel);
        check(claheClipLimit >= 0 && claheClipLimit <= 40, "claheClipLimit must be in 0..40, got " + claheClipLimit);
        if (lampMap != null) {
            check(lampMap.length == workWidth * workHeight, "lampMap must hold workWidth x workHeight = " + workWidth * workHeight + " values, got " + lampMap.length);
            for (float v : lampMap) check(v >= 0 && v <= 255, "lampMap values must be grey levels in 0..255, got " + v);
            lampMap = lampMap.clone();
        }
        check(targetBins >= 0 && targetBins <= workWidth / 2, "targetBins must be in 0.." + workWidth / 2 + ", got " + targetBins);
        int raw = 2 * rowBands + columnBins + dctCoefficients + (flow ? FLOW_FEATURES : 0)
                + (targetBins > 0 ? TARGET_SCALARS + targetBins : 0);
        check(raw >= 1 && raw <= MAX_DESCRIPTORS, "the config yields " + raw + " descriptors; need 1.." + MAX_DESCRIPTORS);
        check(projection == null || projection.inputs() == raw,
                "projection expects " + (projection == null ? 0 : projection.inputs()) + " inputs but the descriptors are " + raw);
    }

    /** A config without the colour-target block ({@code targetBins} 0): the grey pipeline as it always was. */
    public FeatureConfig(int workWidth, int workHeight, double groundFraction, int rowBands, int columnBins,
                         int dctCoefficients, boolean flow, boolean deRain, int medianKernel, double claheClipLimit,
                         LinearProjection projection) {
        this(workWidth, workHeight, groundFraction, rowBands, columnBins, dctCoefficients, flow, deRain, medianKernel,
                claheClipLimit, 0, null, projection);
    }

    /** A config without a lamp map: the pipeline as it was before the option. */
    public FeatureConfig(int workWidth, int workHeight, double groundFraction, int rowBands, int columnBins,
                         int dctCoefficients, boolean flow, boolean deRain, int medianKernel, double claheClipLimit,
                         int targetBins, LinearProjection projection) {
        this(workWidth, workHeight, groundFraction, rowBands, columnBins, dctCoefficients, flow, deRain, medianKernel,
                claheClipLimit, targetBins, null, projection);
    }

    /** 32 features: 4 bands x (edge centroid, orientation), 8 column orientations, 12 DCT, 4 motion. */
    public static FeatureConfig defaults() {
        return new FeatureConfig(64, 32, 0.5, 4, 8, 12, true, true, 3, 2.0, null);
    }

    /**
     * The drone's front end: {@link #defaults()} plus the colour-target block with 8 strips, 43 features (the 32 grey
     * ones, then red mass, red centroid x and y, and 8 strip shares). For flying to the red target of the simulator's
     * {@code drone-target} and {@code drone-hike} tasks, whose bearing and size the grey features cannot show.
     */
    public static FeatureConfig droneDefaults() {
        return defaults().withTargetBins(8);
    }

    /**
     * The night-robust front end for the car: {@link #defaults()}' 32 features with a lamp map (see the record's
     * {@code lampMap}) of the simulator's car lamps at 160x80 (70 degrees wide), and a plain min-max stretch in place of
     * CLAHE (which stretches the noise of the unlit dark tiles). Daylight frames go through the same stages but the lamp
     * map. Trained on day frames only, its steering read-out carries over to lamp-lit night frames where the default's
     * fails (perception/README.md, "Night"). The map is the resource {@code night-robust.json}, written by
     * {@code liquidpilot sim lamp-map --scenario night --features night-robust}.
     */
    public static FeatureConfig nightRobust() {
        try (var in = FeatureConfig.class.getResourceAsStream("night-robust.json")) {
            if (in == null) throw new IllegalStateException("night-robust.json is missing from the perception jar");
            return fromJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The configurations {@code train --features} and {@code perception night-r2} name: default, drone, night-robust. */
    public static FeatureConfig named(String name) {
        return switch (name) {
            case "default" -> defaults();
            case "drone" -> droneDefaults();
            case "night-robust" -> nightRobust();
            default -> throw new IllegalArgumentException("a feature configuration is default, drone or night-robust, not '" + name + "'");
        };
    }

    /** This config with {@code map} as its lamp map (null = none); see the record's {@code lampMap}. */
    public FeatureConfig withLampMap(float[] map) {
        return new FeatureConfig(workWidth, workHeight, groundFraction, rowBands, columnBins, dctCoefficients, flow,
                deRain, medianKernel, claheClipLimit, targetBins, map, projection);
    }

    /** The lamp map (a copy), or null. */
    @Override
    public float[] lampMap() {
        return lampMap == null ? null : lampMap.clone();
    }

    /** Whether this config has a lamp map, without copying it. */
    public boolean hasLampMap() {
        return lampMap != null;
    }

    float lampMapAt(int i) {
        return lampMap[i];
    }


    /**
     * The default pipeline resized to {@code count} features by changing the number of DCT coefficients; fewer than
     * the 20 non-DCT features need a {@link LinearProjection} (see {@link #withProjection}).
     */
    public static FeatureConfig withFeatureCount(int count) {
        FeatureConfig d = defaults();
        int fixed = d.descriptorCount() - d.dctCoefficients();
        if (count < fixed) {
            throw new IllegalArgumentException("the default pipeline needs at least " + fixed
                    + " features; fit a LinearProjection for " + count);
        }
        return new FeatureConfig(d.workWidth, d.workHeight, d.groundFraction, d.rowBands, d.columnBins, count - fixed,
                d.flow, d.deRain, d.medianKernel, d.claheClipLimit, d.targetBins, d.lampMap, null);
    }

    public FeatureConfig withProjection(LinearProjection p) {
        return new FeatureConfig(workWidth, workHeight, groundFraction, rowBands, columnBins, dctCoefficients, flow,
                deRain, medianKernel, claheClipLimit, targetBins, lampMap, p);
    }

    /**
     * This config with the colour-target block set to {@code bins} strips (0 = off). Any projection is dropped: it was
     * fitted to the old descriptors.
     */
    public FeatureConfig withTargetBins(int bins) {
        return new FeatureConfig(workWidth, workHeight, groundFraction, rowBands, columnBins, dctCoefficients, flow,
                deRain, medianKernel, claheClipLimit, bins, lampMap, null);
    }

    /** Length of the colour-target block: 0 when off, else {@link #TARGET_SCALARS} + {@code targetBins}. */
    public int targetFeatures() {
        return targetBins > 0 ? TARGET_SCALARS + targetBins : 0;
    }

    /** Length of the raw descriptor vector before any projection. */
    public int descriptorCount() {
        return 2 * rowBands + columnBins + dctCoefficients + (flow ? FLOW_FEATURES : 0) + targetFeatures();
    }

    /** Length of the vector {@link FeatureExtractor#extract} fills. */
    public int featureCount() {
        return projection == null ? descriptorCount() : projection.outputs();
    }

    /** Column names of the raw descriptors, in order. */
    public String[] descriptorNames() {
        String[] n = new String[descriptorCount()];
        int i = 0;
        for (int b = 0; b < rowBands; b++) n[i++] = "edge_centroid_band" + b;
        for (int b = 0; b < rowBands; b++) n[i++] = "orientation_band" + b;
        for (int c = 0; c < columnBins; c++) n[i++] = "orientation_col" + c;
        for (int k = 0; k < dctCoefficients; k++) n[i++] = "dct" + (k + 1);
        if (flow) {
            n[i++] = "flow_dx_upper";
            n[i++] = "flow_dx_ground";
            n[i++] = "flow_dy_ground";
            n[i++] = "motion_energy";
        }
        if (targetBins > 0) {
            n[i++] = "target_mass";
            n[i++] = "target_x";
            n[i++] = "target_y";
            for (int c = 0; c < targetBins; c++) n[i++] = "target_col" + c;
        }
        return n;
    }

    /** Column names of the features {@link FeatureExtractor#extract} fills. */
    public String[] featureNames() {
        if (projection == null) return descriptorNames();
        String[] n = new String[projection.outputs()];
        for (int i = 0; i < n.length; i++) n[i] = "pc" + i;
        return n;
    }

    // ---------------------------------------------------------------- JSON

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("workWidth", "workHeight", "groundFraction", "rowBands", "columnBins",
            "dctCoefficients", "flow", "deRain", "medianKernel", "claheClipLimit", "targetBins", "lampMap", "projection", "featureCount");
    /** JSON longer than this is refused before parsing; a 4096x4096 projection would be far smaller than this. */
    static final int MAX_JSON_CHARS = 64 << 20;

    public ObjectNode toJsonNode() {
        ObjectNode o = JSON.createObjectNode();
        o.put("workWidth", workWidth).put("workHeight", workHeight).put("groundFraction", groundFraction)
                .put("rowBands", rowBands).put("columnBins", columnBins).put("dctCoefficients", dctCoefficients)
                .put("flow", flow).put("deRain", deRain).put("medianKernel", medianKernel).put("claheClipLimit", claheClipLimit)
                .put("featureCount", featureCount());
        // Written only when on, so a config without the block serialises to the same bytes as before it existed
        // (and older readers, which refuse unknown keys, still load it).
        if (targetBins > 0) o.put("targetBins", targetBins);
        if (lampMap != null) {
            var a = o.putArray("lampMap");
            for (float v : lampMap) a.add(Math.round(v * 100) / 100.0);
        }
        if (projection != null) o.set("projection", projection.toJsonNode());
        return o;
    }

    public String toJson() {
        return toJsonNode().toString();
    }

    public static FeatureConfig fromJson(String json) {
        if (json == null) throw new IllegalArgumentException("feature config JSON is missing");
        if (json.length() > MAX_JSON_CHARS) throw new IllegalArgumentException("feature config JSON is too long: " + json.length() + " chars");
        try {
            return fromJsonNode(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("feature config is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static FeatureConfig fromJsonNode(JsonNode o) {
        if (o == null || !o.isObject()) throw new IllegalArgumentException("feature config must be a JSON object");
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) throw new IllegalArgumentException("feature config has an unknown key '" + k + "'");
        }
        FeatureConfig d = defaults();
        LinearProjection p = o.hasNonNull("projection") ? LinearProjection.fromJsonNode(o.get("projection")) : null;
        FeatureConfig c = new FeatureConfig(
                intField(o, "workWidth", d.workWidth), intField(o, "workHeight", d.workHeight),
                doubleField(o, "groundFraction", d.groundFraction), intField(o, "rowBands", d.rowBands),
                intField(o, "columnBins", d.columnBins), intField(o, "dctCoefficients", d.dctCoefficients),
                boolField(o, "flow", d.flow), boolField(o, "deRain", d.deRain), intField(o, "medianKernel", d.medianKernel),
                doubleField(o, "claheClipLimit", d.claheClipLimit), intField(o, "targetBins", 0),
                lampMapField(o), p);
        if (o.has("featureCount") && intField(o, "featureCount", -1) != c.featureCount()) {
            throw new IllegalArgumentException("feature config says featureCount " + o.get("featureCount")
                    + " but its settings give " + c.featureCount());
        }
        return c;
    }

    private static float[] lampMapField(JsonNode o) {
        JsonNode v = o.get("lampMap");
        if (v == null || v.isNull()) return null;
        if (!v.isArray() || v.size() > MAX_DESCRIPTORS * 64) throw new IllegalArgumentException("feature config 'lampMap' must be an array of grey levels");
        float[] m = new float[v.size()];
        for (int i = 0; i < m.length; i++) {
            if (!v.get(i).isNumber()) throw new IllegalArgumentException("feature config 'lampMap' must hold numbers, got " + v.get(i));
            m[i] = (float) v.get(i).doubleValue();
        }
        return m;
    }

    private static int intField(JsonNode o, String k, int dflt) {
        JsonNode v = o.get(k);
        if (v == null) return dflt;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw new IllegalArgumentException("feature config '" + k + "' must be an integer, got " + v);
        return v.intValue();
    }

    private static double doubleField(JsonNode o, String k, double dflt) {
        JsonNode v = o.get(k);
        if (v == null) return dflt;
        if (!v.isNumber()) throw new IllegalArgumentException("feature config '" + k + "' must be a number, got " + v);
        return v.doubleValue();
    }

    private static boolean boolField(JsonNode o, String k, boolean dflt) {
        JsonNode v = o.get(k);
        if (v == null) return dflt;
        if (!v.isBoolean()) throw new IllegalArgumentException("feature config '" + k + "' must be true or false, got " + v);
        return v.booleanValue();
    }

    private static void check(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
