package org.liquidpilot.ros.node;

import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.net.ConnectionGuard;
import org.liquidpilot.ros.tcpros.ConnectionHeader;
import org.liquidpilot.ros.tcpros.FrameReader;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A service provided over TCPROS: a probe gets the header only; calls loop until the client closes. */
final class ServiceServerImpl<Q, R> implements ServiceServer {
    private final DefaultNode node;
    private final String name;
    private final ServiceType<Q, R> type;
    private final ServiceHandler<Q, R> handler;
    private volatile boolean closed;

    ServiceServerImpl(DefaultNode node, String name, ServiceType<Q, R> type, ServiceHandler<Q, R> handler) {
        this.node = node;
        this.name = name;
        this.type = type;
        this.handler = handler;
    }

    ServiceType<Q, R> type() {
        return type;
    }

    /**
     * Serves one accepted connection whose header named this service. Between calls the session is idle (kept
     * until the client closes, or dropped for a newcomer when the port is full); a request frame must arrive
     * within {@link TcpRosServer#SERVICE_FRAME_MS} of its first byte and the answer be taken within it.
     */
    void serve(Socket socket, ConnectionHeader h, BufferedInputStream in, ConnectionGuard.Slot slot) throws IOException {
        OutputStream out = socket.getOutputStream();
        String md5 = h.get("md5sum");
        if (md5 == null) {
            out.write(ConnectionHeader.error("Missing required 'md5sum' field").encode());
            return;
        }
        if (!md5.equals("*") && !md5.equals(type.md5sum())) {
            out.write(ConnectionHeader.error("request from [" + h.get("callerid") + "]: md5sums do not match: ["
                    + md5 + "] vs. [" + type.md5sum() + "]").encode());
            return;
        }
        out.write(ConnectionHeader.of("callerid", node.getName(), "md5sum", type.md5sum(),
                "request_type", type.request().type(), "response_type", type.response().type(),
                "service", name, "type", type.type()).encode());
        out.flush();
        if ("1".equals(h.get("probe"))) return;
        socket.setTcpNoDelay(true);
        FrameReader frames = new FrameReader(in);
        while (!closed) {
            ByteBuffer request;
            try {
                slot.idle(ConnectionGuard.NEVER);
                in.mark(1);
                if (in.read() < 0) return;
                in.reset();
                slot.reading(TcpRosServer.SERVICE_FRAME_MS);
                request = frames.next();
                slot.busy(ConnectionGuard.NEVER);
            } catch (EOFException done) {
                return;
            }
            byte ok;
            byte[] payload;
            try {
                Q q = type.request().decode(request);
                R r = handler.handle(q);
                if (r == null) throw new ServiceException("service handler returned no response");
                payload = new byte[type.response().encodedSize(r)];
                type.response().encode(r, ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN));
                ok = 1;
            } catch (ServiceException | RuntimeException e) {
                payload = ("service [" + name + "] failed: " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
                ok = 0;
            }
            ByteBuffer frame = ByteBuffer.allocate(5 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
            frame.put(ok).putInt(payload.length).put(payload);
            slot.busy(TcpRosServer.SERVICE_FRAME_MS);
            out.write(frame.array());
            out.flush();
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void shutdown() {
        if (closed) return;
        closed = true;
        node.removeService(this);
    }
}
