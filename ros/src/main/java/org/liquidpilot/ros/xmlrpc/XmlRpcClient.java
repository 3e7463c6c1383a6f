package org.liquidpilot.ros.xmlrpc;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * An XML-RPC client over one keep-alive HTTP/1.1 connection (reopened when the server closed it). It advertises
 * gzip and decodes it, as rospy's master sends gzip answers. Responses are bounded; calls time out.
 * Thread-safe: calls on one client are serialised.
 */
public final class XmlRpcClient implements AutoCloseable {
    /** Largest response body accepted. */
    public static final int MAX_RESPONSE_BYTES = 32 << 20;

    private final URI uri;
    private final String host;
    private final int port;
    private final String path;
    private final int connectTimeoutMs;
    private final int readTimeoutMs;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public XmlRpcClient(URI uri) {
        this(uri, 3_000, 15_000);
    }

    public XmlRpcClient(URI uri, int connectTimeoutMs, int readTimeoutMs) {
        if (uri.getHost() == null || uri.getPort() <= 0 || !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not an http://host:port/ XML-RPC address: " + uri);
        }
        this.uri = uri;
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
    }

    public URI uri() {
        return uri;
    }

    public Object call(String method, Object... params) throws IOException, XmlRpcFault {
        return call(method, Arrays.asList(params));
    }

    /**
     * Calls {@code method} and returns the response's value.
     *
     * @throws IOException  when the server cannot be reached or does not answer (a node told to shut down may
     *                      close the connection without answering)
     * @throws XmlRpcFault  when the server answers with a fault
     */
    public synchronized Object call(String method, List<?> params) throws IOException, XmlRpcFault {
        byte[] body = XmlRpcWriter.call(method, params);
        boolean reused = socket != null;
        try {
            return exchange(body);
        } catch (SocketException | EOFException stale) {
            disconnect();
            if (!reused) throw stale;
            return exchange(body); // the server had closed our idle keep-alive connection
        } catch (IOException | RuntimeException e) {
            disconnect();
            throw e;
        }
    }

    private Object exchange(byte[] body) throws IOException, XmlRpcFault {
        if (socket == null) connect();
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nAccept-Encoding: gzip\r\nContent-Type: text/xml\r\nUser-Agent: liquidpilot-ros\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        byte[] h = Http.ascii(head);
        byte[] request = java.util.Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, request, h.length, body.length);
        out.write(request); // one write: with TCP_NODELAY a separate head would go out as a packet of its own
        out.flush();
        Http.Head response = Http.readHead(in);
        if (response == null) throw new EOFException("server closed the connection without answering");
        String[] status = response.startLine().split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) throw new XmlRpcFormatException("not an HTTP response");
        boolean close = response.headerContains("connection", "close") || status[0].equals("HTTP/1.0");
        byte[] payload = Http.readBody(in, response, MAX_RESPONSE_BYTES, true);
        if (close) disconnect();
        if (!status[1].equals("200")) {
            throw new IOException("HTTP " + status[1] + " from " + uri);
        }
        return XmlRpcParser.parseResponse(payload);
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            s.setTcpNoDelay(true);
            s.setSoTimeout(readTimeoutMs);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = s.getOutputStream();
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
