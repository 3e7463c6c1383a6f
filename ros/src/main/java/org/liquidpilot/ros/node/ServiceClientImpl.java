package org.liquidpilot.ros.node;

import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.tcpros.ConnectionHeader;
import org.liquidpilot.ros.tcpros.FrameReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Calls a service: lookupService with the master, then one non-persistent TCPROS exchange per call. */
final class ServiceClientImpl<Q, R> implements ServiceClient<Q, R> {
    private static final int CALL_TIMEOUT_MS = 60_000;

    private final DefaultNode node;
    private final String name;
    private final ServiceType<Q, R> type;

    ServiceClientImpl(DefaultNode node, String name, ServiceType<Q, R> type) {
        this.node = node;
        this.name = name;
        this.type = type;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public R call(Q request) throws ServiceException {
        URI uri;
        try {
            Object v = node.masterValue("lookupService", name);
            uri = URI.create(String.valueOf(v));
        } catch (Exception e) {
            throw new ServiceException("service [" + name + "] is not available: " + e.getMessage(), e);
        }
        if (!"rosrpc".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0) {
            throw new ServiceException("service [" + name + "] has a bad address: " + uri);
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 3_000);
            s.setTcpNoDelay(true);
            s.setSoTimeout(CALL_TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write(ConnectionHeader.of("callerid", node.getName(), "md5sum", type.md5sum(), "service", name).encode());
            int size = type.request().encodedSize(request);
            ByteBuffer frame = ByteBuffer.allocate(4 + size).order(ByteOrder.LITTLE_ENDIAN);
            frame.putInt(size);
            type.request().encode(request, frame);
            BufferedInputStream in = new BufferedInputStream(s.getInputStream());
            ConnectionHeader reply = ConnectionHeader.read(in);
            if (reply.error() != null) throw new ServiceException("service [" + name + "] refused the call: " + reply.error());
            out.write(frame.array());
            out.flush();
            FrameReader frames = new FrameReader(in);
            int ok = frames.readByte();
            ByteBuffer payload = frames.next();
            if (ok != 1) {
                byte[] msg = new byte[payload.remaining()];
                payload.get(msg);
                throw new ServiceException("service [" + name + "] failed: " + new String(msg, StandardCharsets.UTF_8));
            }
            return type.response().decode(payload);
        } catch (IOException | IllegalArgumentException | org.liquidpilot.ros.msg.MessageFormatException e) {
            throw new ServiceException("service [" + name + "] call failed: " + e.getMessage(), e);
        }
    }
}
