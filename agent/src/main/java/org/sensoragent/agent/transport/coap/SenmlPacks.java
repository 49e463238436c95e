package org.sensoragent.agent.transport.coap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.transport.Senml;

/**
 * Splits a batch into SenML packs that each fit one CoAP message, in order, so that every request
 * is one datagram and a lost datagram costs one retransmission, not a block-wise transfer.
 * A single reading too large for the limit still gets a pack of its own.
 */
final class SenmlPacks {

  /** One pack: the readings it carries and their encoding. */
  record Pack(List<Reading> readings, byte[] payload) {}

  private SenmlPacks() {}

  static List<Pack> split(String deviceId, List<Reading> batch, int maxPayloadBytes) {
    List<Pack> packs = new ArrayList<>();
    int start = 0;
    while (start < batch.size()) {
      int end = start + 1;
      byte[] payload = encode(deviceId, batch.subList(start, end));
      while (end < batch.size()) {
        byte[] larger = encode(deviceId, batch.subList(start, end + 1));
        if (larger.length > maxPayloadBytes) {
          break;
        }
        payload = larger;
        end++;
      }
      packs.add(new Pack(List.copyOf(batch.subList(start, end)), payload));
      start = end;
    }
    return packs;
  }

  private static byte[] encode(String deviceId, List<Reading> readings) {
    return Senml.encode(deviceId, readings).getBytes(StandardCharsets.UTF_8);
  }
}
