package org.liquidpilot.sim.report;

import org.liquidpilot.perception.RgbFrame;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Camera frames as images and PNG files. */
public final class FrameImages {
    private FrameImages() {}

    public static BufferedImage toImage(RgbFrame f) {
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] src = f.rgb();
        for (int i = 0; i < src.length; i += 3) {
            dst[i] = src[i + 2];
            dst[i + 1] = src[i + 1];
            dst[i + 2] = src[i];
        }
        return img;
    }

    public static void writePng(RgbFrame f, Path file) throws IOException {
        ImageIO.write(toImage(f), "png", file.toFile());
    }

    /** A copy that no later render can overwrite. */
    public static RgbFrame copy(RgbFrame f) {
        return new RgbFrame(f.width(), f.height(), f.rgb().clone(), f.stampSeconds());
    }
}
