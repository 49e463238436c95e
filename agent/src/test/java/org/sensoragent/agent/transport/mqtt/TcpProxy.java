package org.sensoragent.agent.transport.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP relay between a client and a broker, so a test can cut the connection abruptly
 * (no DISCONNECT, as when a Pi loses power or Wi-Fi) or stall it. TLS passes through untouched.
 * Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private boolean stalled;
  private final CountDownLatch heldBack = new CountDownLatch(1);

  public TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Stops relaying bytes (both ways) without closing anything: acknowledgements stop arriving. */
  public void stall() {
    synchronized (gate) {
      stalled = true;
    }
  }

  /** Waits until some bytes arrived while stalled: the client has sent something that is held back. */
  public boolean awaitHeldBack(long timeout, TimeUnit unit) throws InterruptedException {
    return heldBack.await(timeout, unit);
  }

  /** Closes every relayed connection at once. */
  public void cut() {
    for (Socket socket : sockets) {
      try {
        socket.setSoLinger(true, 0); // RST, like a dead link, not a polite FIN
        socket.close();
      } catch (IOException e) {
        // already closed
      }
    }
    sockets.clear();
    synchronized (gate) {
      stalled = false;
      gate.notifyAll();
    }
  }

  @Override
  public void close() throws IOException {
    cut();
    server.close();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(broker);
        relay(client, broker);
        relay(broker, client);
      } catch (IOException e) {
        // server closed, or the broker is down: the client sees its connection close
      }
    }
  }

  private void relay(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          synchronized (gate) {
            while (stalled) {
              heldBack.countDown();
              gate.wait();
            }
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          to.close();
        } catch (IOException e) {
          // already closed
        }
      }
    }, "relay");
    thread.setDaemon(true);
    thread.start();
  }
}
