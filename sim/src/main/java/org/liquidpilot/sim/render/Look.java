package org.liquidpilot.sim.render;

import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;
import org.liquidpilot.sim.scenario.Scenario;

/**
 * How a scenario's weather, light and season look: every colour and light level the scene uses, derived in one
 * place from the scenario's numbers so each perturbation has exactly one visible effect to test.
 * <p>
 * {@code lamps}: the vehicle's low beams are lit ({@link Scenario#lampsOn()}). {@code roadSpecular} and
 * {@code roadShininess}: the road's mirror-like share and sharpness, rising with rain so that the lamps glare on a wet
 * road; used only while the lamps are lit (by day the road stays matte: sun glints are not modelled, which keeps the
 * day scenes as they were).
 */
record Look(ColorRGBA sky, ColorRGBA fogColour, float fogDensity, ColorRGBA ambient, ColorRGBA sunColour,
            Vector3f sunDirection, boolean lamps, float roadSpecular, float roadShininess, ColorRGBA ground, ColorRGBA road, ColorRGBA verge,
            ColorRGBA trunk, ColorRGBA[] conifer, ColorRGBA[] broadleaf, boolean bareBroadleaf, float wetness,
            double rain, ColorRGBA birchLeaf) {

    /** Visibility (metres to 5 % contrast) in clear air, in fog 1.0, and in rain 1.0. */
    static final double CLEAR_VIS_M = 450, FOG_VIS_M = 18, RAIN_VIS_M = 70;

    static Look of(Scenario sc) {
        return of(sc.weather(), sc.lampsOn());
    }

    static Look of(Scenario.Weather w, boolean lamps) {
        double alt = w.night() ? -30 : w.sunAltitudeDeg();
        double sinAlt = Math.sin(Math.toRadians(Math.max(alt, 0)));
        // 0 at noon-ish, 1 with the sun on the horizon: how warm and dim the light is.
        double low = clamp01(1 - alt / 25.0);
        double overcast = clamp01(0.6 * w.rain() + 0.5 * w.fog());

        float daylight = (float) (w.night() ? 0 : clamp01(0.15 + sinAlt * 1.6) * (1 - 0.55 * overcast));
        ColorRGBA warm = new ColorRGBA(1.0f, 0.55f, 0.3f, 1);
        ColorRGBA sunColour = new ColorRGBA(1.0f, 0.97f, 0.9f, 1).interpolateLocal(warm, (float) low).multLocal(1.1f * daylight);
        float ambientLevel = w.night() ? 0.035f : (float) (0.18 + 0.27 * clamp01(sinAlt * 2) * (1 - 0.35 * overcast) + 0.15 * overcast);
        ColorRGBA ambient = new ColorRGBA(0.8f, 0.85f, 1.0f, 1).multLocal(ambientLevel);

        ColorRGBA blue = new ColorRGBA(0.45f, 0.65f, 0.92f, 1);
        ColorRGBA dusk = new ColorRGBA(0.95f, 0.55f, 0.35f, 1);
        ColorRGBA sky = blue.clone().interpolateLocal(dusk, (float) (low * 0.8)).multLocal((float) clamp01(0.5 + sinAlt * 2));
        // Fog and rain clouds are grey, lighter with more light around, darker the heavier the rain.
        float greyLevel = (float) Math.max(0.2, Math.min(0.9, 0.3 + 0.9 * ambientLevel) * (1 - 0.35 * w.rain()));
        ColorRGBA grey = new ColorRGBA(0.72f, 0.74f, 0.77f, 1).multLocal(greyLevel);
        if (w.night()) {
            sky = new ColorRGBA(0.01f, 0.012f, 0.03f, 1);
            grey = new ColorRGBA(0.02f, 0.02f, 0.03f, 1);
        }
        sky.interpolateLocal(grey, (float) clamp01(overcast * 1.3));

        double inverseVis = 1 / CLEAR_VIS_M + w.fog() * w.fog() / FOG_VIS_M + w.fog() * (1 - w.fog()) / (FOG_VIS_M * 4)
                + w.rain() / RAIN_VIS_M;
        float density = (float) (Math.sqrt(3.0) * inverseVis); // exp(-(d*density)^2) = 0.05 at the visibility
        ColorRGBA fogColour = w.fog() + w.rain() > 0 ? grey.clone() : sky.clone();

        double az = Math.toRadians(w.sunAzimuthDeg()), el = Math.toRadians(Math.max(alt, 2));
        // Direction the light travels, jME coordinates (world x east = jME x, world y north = jME -z).
        Vector3f sunDir = new Vector3f((float) (-Math.cos(el) * Math.cos(az)), (float) -Math.sin(el),
                (float) (Math.cos(el) * Math.sin(az))).normalizeLocal();

        float wet = (float) w.rain();
        ColorRGBA ground, road, verge, trunk = new ColorRGBA(0.33f, 0.24f, 0.16f, 1);
        ColorRGBA[] conifer, broadleaf;
        boolean bare = false;
        ColorRGBA birchLeaf = new ColorRGBA(0.45f, 0.62f, 0.20f, 1);
        switch (w.season()) {
            case "autumn" -> {
                ground = new ColorRGBA(0.46f, 0.34f, 0.17f, 1);
                verge = new ColorRGBA(0.52f, 0.40f, 0.22f, 1);
                road = new ColorRGBA(0.26f, 0.25f, 0.24f, 1);
                conifer = new ColorRGBA[]{new ColorRGBA(0.10f, 0.28f, 0.12f, 1), new ColorRGBA(0.14f, 0.33f, 0.14f, 1)};
                broadleaf = new ColorRGBA[]{new ColorRGBA(0.85f, 0.42f, 0.10f, 1), new ColorRGBA(0.72f, 0.18f, 0.08f, 1),
                        new ColorRGBA(0.88f, 0.70f, 0.18f, 1), new ColorRGBA(0.55f, 0.30f, 0.10f, 1)};
                birchLeaf = new ColorRGBA(0.92f, 0.76f, 0.16f, 1);
            }
            case "winter" -> {
                ground = new ColorRGBA(0.90f, 0.92f, 0.96f, 1);
                verge = new ColorRGBA(0.82f, 0.84f, 0.88f, 1);
                road = new ColorRGBA(0.60f, 0.60f, 0.63f, 1);
                conifer = new ColorRGBA[]{new ColorRGBA(0.78f, 0.82f, 0.84f, 1), new ColorRGBA(0.22f, 0.34f, 0.26f, 1)};
                broadleaf = new ColorRGBA[]{new ColorRGBA(0.36f, 0.30f, 0.25f, 1), new ColorRGBA(0.80f, 0.82f, 0.85f, 1)};
                bare = true;
            }
            default -> {
                ground = new ColorRGBA(0.26f, 0.42f, 0.14f, 1);
                verge = new ColorRGBA(0.42f, 0.45f, 0.22f, 1);
                road = new ColorRGBA(0.24f, 0.24f, 0.25f, 1);
                conifer = new ColorRGBA[]{new ColorRGBA(0.08f, 0.27f, 0.10f, 1), new ColorRGBA(0.12f, 0.34f, 0.12f, 1)};
                broadleaf = new ColorRGBA[]{new ColorRGBA(0.22f, 0.50f, 0.15f, 1), new ColorRGBA(0.30f, 0.55f, 0.18f, 1),
                        new ColorRGBA(0.18f, 0.42f, 0.12f, 1)};
            }
        }
        // Wet surfaces are darker.
        float dry = 1 - 0.45f * wet;
        ground = ground.mult(dry);
        road = road.mult(1 - 0.5f * wet);
        verge = verge.mult(dry);
        // Wet asphalt: a film of water makes a mirror, dull when damp, sharp and strong in heavy rain.
        float roadSpecular = (float) (0.04 + 0.8 * wet), roadShininess = (float) (4 + 12 * wet);
        return new Look(sky, fogColour, density, ambient, sunColour, sunDir, lamps, roadSpecular, roadShininess, ground, road, verge, trunk,
                conifer, broadleaf, bare, wet, w.rain(), birchLeaf);
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
