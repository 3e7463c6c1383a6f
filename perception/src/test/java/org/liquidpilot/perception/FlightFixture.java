package org.liquidpilot.perception;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The 60 frames and steering labels of flight_small.bag (see resources/.../flight_small/README.md). */
record FlightFixture(List<RgbFrame> frames, double[] steering) {
    static final int W = 160, H = 80, N = 60;

    static FlightFixture load() {
        byte[] all;
        try (InputStream in = new GZIPInputStream(resource("frames_160x80_rgb8.delta.gz"))) {
            all = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int size = W * H * 3;
        if (all.length != size * N) throw new IllegalStateException("fixture has " + all.length + " bytes");
        List<RgbFrame> frames = new ArrayList<>();
        byte[] prev = null;
        double[] stamps = new double[N];
        double[] steer = new double[N];
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource("labels.csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            for (int i = 0; i < N; i++) {
                String[] f = r.readLine().split(",");
                stamps[i] = Double.parseDouble(f[0]);
                steer[i] = Double.parseDouble(f[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < N; i++) {
            byte[] f = new byte[size];
            for (int k = 0; k < size; k++) f[k] = (byte) (all[i * size + k] + (prev == null ? 0 : prev[k]));
            frames.add(new RgbFrame(W, H, f, stamps[i]));
            prev = f;
        }
        return new FlightFixture(frames, steer);
    }

    static byte[] jpeg(int index) {
        try (InputStream in = resource(String.format("frame%02d.jpg", index))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = FlightFixture.class.getResourceAsStream("flight_small/" + name);
        if (in == null) throw new IllegalStateException("missing test resource flight_small/" + name);
        return in;
    }
}
