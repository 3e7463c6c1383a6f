package org.liquidpilot.perception;

/**
 * What a JPEG or PNG says about itself before it is decoded: codec, size, and whether it ends properly. Reading
 * this first lets the decoder refuse truncated files (which codecs would silently pad with grey) and absurd sizes.
 */
record CompressedHeader(Codec codec, int width, int height) {
    enum Codec { JPEG, PNG }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    private static final byte[] PNG_IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};
    /** Encoders may leave a few bytes after the end marker; more than this and the data is not one image. */
    private static final int TRAILING_SLACK = 64;

    static CompressedHeader read(byte[] d) {
        if (d.length >= 3 && (d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xd8 && (d[2] & 0xff) == 0xff) return jpeg(d);
        if (startsWith(d, PNG_SIGNATURE)) return png(d);
        throw new ImageFormatException("compressed image is neither JPEG nor PNG (starts " + hex(d, 4) + ")");
    }

    private static CompressedHeader png(byte[] d) {
        if (d.length < 33 + PNG_IEND.length || d[12] != 'I' || d[13] != 'H' || d[14] != 'D' || d[15] != 'R') {
            throw new ImageFormatException("PNG has no IHDR chunk");
        }
        long w = u32(d, 16), h = u32(d, 20);
        if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) throw new ImageFormatException("PNG size " + w + "x" + h + " is too large");
        if (!endsWithin(d, PNG_IEND)) throw new ImageFormatException("PNG is truncated (no IEND chunk at the end)");
        return new CompressedHeader(Codec.PNG, (int) w, (int) h);
    }

    private static CompressedHeader jpeg(byte[] d) {
        int p = 2;
        int w = -1, h = -1;
        while (p + 4 <= d.length) {
            if ((d[p] & 0xff) != 0xff) throw new ImageFormatException("JPEG marker expected at byte " + p);
            int marker = d[p + 1] & 0xff;
            if (marker == 0xff) { p++; continue; }               // fill bytes
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { p += 2; continue; }
            if (marker == 0xd9) throw new ImageFormatException("JPEG ends before any image data");
            int len = ((d[p + 2] & 0xff) << 8) | (d[p + 3] & 0xff);
            if (len < 2 || p + 2 + len > d.length) throw new ImageFormatException("JPEG segment at byte " + p + " runs past the end");
            boolean sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (sof) {
                if (len < 8) throw new ImageFormatException("JPEG frame header is too short");
                h = ((d[p + 5] & 0xff) << 8) | (d[p + 6] & 0xff);
                w = ((d[p + 7] & 0xff) << 8) | (d[p + 8] & 0xff);
            }
            if (marker == 0xda) break;                          // start of scan: entropy-coded data follows
            p += 2 + len;
        }
        if (w < 0) throw new ImageFormatException("JPEG has no frame header before its image data");
        if (!endsWithin(d, new byte[] {(byte) 0xff, (byte) 0xd9})) throw new ImageFormatException("JPEG is truncated (no end-of-image marker)");
        return new CompressedHeader(Codec.JPEG, w, h);
    }

    private static boolean endsWithin(byte[] d, byte[] tail) {
        int lo = Math.max(0, d.length - TRAILING_SLACK - tail.length);
        for (int s = d.length - tail.length; s >= lo; s--) {
            boolean match = true;
            for (int k = 0; k < tail.length && match; k++) match = d[s + k] == tail[k];
            if (match) return true;
        }
        return false;
    }

    private static boolean startsWith(byte[] d, byte[] prefix) {
        if (d.length < prefix.length) return false;
        for (int k = 0; k < prefix.length; k++) if (d[k] != prefix[k]) return false;
        return true;
    }

    private static long u32(byte[] d, int p) {
        return ((long) (d[p] & 0xff) << 24) | ((d[p + 1] & 0xff) << 16) | ((d[p + 2] & 0xff) << 8) | (d[p + 3] & 0xff);
    }

    private static String hex(byte[] d, int n) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < Math.min(n, d.length); k++) b.append(String.format("%02x", d[k] & 0xff));
        return b.length() == 0 ? "empty" : b.toString();
    }
}
