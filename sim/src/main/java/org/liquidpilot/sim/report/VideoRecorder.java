package org.liquidpilot.sim.report;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.liquidpilot.perception.RgbFrame;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Camera frames to an H.264 MP4 through FFmpeg (JavaCV). Odd sizes are padded: H.264 needs even dimensions. */
public final class VideoRecorder implements AutoCloseable {
    private final FFmpegFrameRecorder recorder;
    private final Frame frame;
    private final int width, height;

    public VideoRecorder(Path file, int width, int height, double fps) throws Exception {
        this.width = width;
        this.height = height;
        int w = width + (width & 1), h = height + (height & 1);
        recorder = new FFmpegFrameRecorder(file.toString(), w, h, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setVideoQuality(20);
        recorder.start();
        frame = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
    }

    public void add(RgbFrame f) throws Exception {
        if (f.width() != width || f.height() != height) throw new IllegalArgumentException("frame size changed");
        ByteBuffer buf = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        byte[] src = f.rgb();
        for (int y = 0; y < height; y++) {
            buf.position(y * stride);
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                // FFmpeg's default for 3-channel frames is BGR24.
                buf.put(src[i + 2]).put(src[i + 1]).put(src[i]);
            }
        }
        buf.rewind();
        recorder.record(frame, org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24);
    }

    @Override
    public void close() throws Exception {
        recorder.stop();
        recorder.release();
        frame.close();
    }
}
