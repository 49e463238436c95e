package org.sensoragent.agent.transport.coap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP relay on loopback between one client and one server that drops a share of the datagrams
 * in each direction, each direction with its own seeded {@link Random}, so the drop pattern of
 * every direction is the same on every run.
 */
final class LossyRelay implements AutoCloseable {

  private final DatagramSocket front; // the client talks to this one
  private volatile DatagramSocket back; // this one talks to the server; replaced by rebind()
  private final InetSocketAddress server;
  private final double dropShare;
  private final AtomicInteger dropped = new AtomicInteger();
  private final AtomicInteger forwarded = new AtomicInteger();
  private volatile SocketAddress client;
  private final Thread upstream;
  private final Thread downstream;

  LossyRelay(InetSocketAddress server, double dropShare, long seed) throws SocketException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    this.front = new DatagramSocket(new InetSocketAddress(loopback, 0));
    this.back = new DatagramSocket(new InetSocketAddress(loopback, 0));
    this.server = server;
    this.dropShare = dropShare;
    this.upstream = new Thread(() -> pump(front, true, new Random(seed)), "lossy-relay-up");
    this.downstream = new Thread(() -> pumpDown(new Random(seed + 1)), "lossy-relay-down");
    upstream.start();
    downstream.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) front.getLocalSocketAddress();
  }

  int dropped() {
    return dropped.get();
  }

  int forwarded() {
    return forwarded.get();
  }

  /**
   * What a NAT does when its mapping expires: the client's datagrams reach the server from a new
   * source port from now on.
   */
  void rebind() throws SocketException {
    DatagramSocket old = back;
    back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    old.close();
  }

  private void pumpDown(Random random) {
    while (!front.isClosed()) {
      pump(back, false, random);
    }
  }

  private void pump(DatagramSocket from, boolean towardsServer, Random random) {
    byte[] buffer = new byte[2048];
    try {
      while (!from.isClosed()) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        from.receive(packet);
        if (towardsServer) {
          client = packet.getSocketAddress();
        }
        if (random.nextDouble() < dropShare) {
          dropped.incrementAndGet();
          continue;
        }
        SocketAddress to = towardsServer ? server : client;
        DatagramSocket via = towardsServer ? back : front;
        via.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength(), to));
        forwarded.incrementAndGet();
      }
    } catch (IOException e) {
      if (!from.isClosed() && !front.isClosed()) {
        throw new IllegalStateException("lossy relay failed", e);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    front.close();
    back.close();
    upstream.join();
    downstream.join();
  }
}
