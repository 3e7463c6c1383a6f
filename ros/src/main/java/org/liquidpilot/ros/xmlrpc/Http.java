package org.liquidpilot.ros.xmlrpc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The bounded bits of HTTP/1.1 that XML-RPC needs: heads, Content-Length or chunked bodies, gzip. */
final class Http {
    private Http() {}

    static final int MAX_LINE = 8192;
    static final int MAX_HEADERS = 100;

    /** A request or status line with its headers (names lower-cased). */
    record Head(String startLine, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name);
        }

        boolean headerContains(String name, String token) {
            String v = headers.get(name);
            return v != null && v.toLowerCase(Locale.ROOT).contains(token);
        }
    }

    /** Reads a head, or returns null on a clean end of stream before its first byte (a closed keep-alive). */
    static Head readHead(InputStream in) throws IOException {
        String start = readLine(in, true);
        if (start == null) return null;
        while (start.isEmpty()) { // tolerate a stray CRLF between keep-alive requests
            start = readLine(in, true);
            if (start == null) return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int n = 0; ; n++) {
            String line = readLine(in, false);
            if (line.isEmpty()) break;
            if (n >= MAX_HEADERS) throw new XmlRpcFormatException("more than " + MAX_HEADERS + " HTTP headers");
            int colon = line.indexOf(':');
            if (colon <= 0) throw new XmlRpcFormatException("malformed HTTP header line");
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new Head(start, headers);
    }

    private static String readLine(InputStream in, boolean eofOk) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofOk && sb.length() == 0) return null;
                throw new EOFException("connection closed inside an HTTP head");
            }
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') sb.setLength(len - 1);
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) throw new XmlRpcFormatException("HTTP line longer than " + MAX_LINE);
            sb.append((char) b);
        }
    }

    /**
     * Reads a body as its head describes it. {@code untilEof} allows a response without a length that ends when
     * the peer closes. The result is never larger than {@code max} bytes, gzip included.
     */
    static byte[] readBody(InputStream in, Head head, int max, boolean untilEof) throws IOException {
        return readBody(in, head, max, untilEof, null);
    }

    /**
     * As above, charging every byte to {@code share} (when not null) before it is read or inflated: a body the
     * budget cannot hold fails with {@link OverBudgetException} without being read.
     */
    static byte[] readBody(InputStream in, Head head, int max, boolean untilEof, ByteBudget.Share share) throws IOException {
        byte[] raw;
        String te = head.header("transfer-encoding");
        String cl = head.header("content-length");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            raw = readChunked(in, max, share);
        } else if (cl != null) {
            long len;
            try {
                len = Long.parseLong(cl.trim());
            } catch (NumberFormatException e) {
                throw new XmlRpcFormatException("bad Content-Length");
            }
            if (len < 0 || len > max) throw new XmlRpcFormatException("HTTP body of " + len + " bytes is over the " + max + " limit");
            if (share != null) share.take(len);
            raw = in.readNBytes((int) len);
            if (raw.length != len) throw new EOFException("connection closed inside an HTTP body");
        } else if (untilEof) {
            raw = readAtMost(in, max);
        } else {
            raw = new byte[0];
        }
        if (head.headerContains("content-encoding", "gzip")) {
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return share == null ? readAtMost(gz, max) : inflateCharged(gz, max, share);
            } catch (java.util.zip.ZipException e) {
                throw new XmlRpcFormatException("bad gzip body");
            }
        }
        return raw;
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] data = in.readNBytes(max + 1);
        if (data.length > max) throw new XmlRpcFormatException("HTTP body over the " + max + " byte limit");
        return data;
    }

    private static byte[] inflateCharged(InputStream gz, int max, ByteBudget.Share share) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] block = new byte[64 << 10];
        for (int n; (n = gz.read(block)) > 0; ) {
            if (out.size() + (long) n > max) throw new XmlRpcFormatException("HTTP body over the " + max + " byte limit");
            share.take(2L * n); // the stream's buffer and the copy it returns
            out.write(block, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] readChunked(InputStream in, int max, ByteBudget.Share share) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String line = readLine(in, false);
            int semi = line.indexOf(';');
            String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new XmlRpcFormatException("bad chunk size");
            }
            if (size < 0 || out.size() + size > max) throw new XmlRpcFormatException("chunked body over the " + max + " byte limit");
            if (size == 0) {
                while (!readLine(in, false).isEmpty()) { /* trailers */ }
                return out.toByteArray();
            }
            if (share != null) share.take(2 * size); // the chunk and its copy in the growing body
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length != size) throw new EOFException("connection closed inside a chunk");
            out.write(chunk);
            readLine(in, false);
        }
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
