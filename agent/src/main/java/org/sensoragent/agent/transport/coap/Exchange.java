package org.sensoragent.agent.transport.coap;

import java.util.concurrent.CompletableFuture;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

/**
 * Turns Californium's callbacks for one request into one awaitable outcome. Californium calls
 * exactly one of them when the exchange ends: a response, a reset, a timeout after the last
 * retransmission, a send error (which includes a failed DTLS handshake), or a cancel.
 */
final class Exchange {

  /**
   * How a request ended; exactly one of the fields says so.
   *
   * @param response the response, or null
   * @param rejected the peer answered with a reset (the expected answer to a CoAP ping)
   * @param error why it could not be sent (DTLS handshake failure included), or null
   */
  record Outcome(Response response, boolean rejected, Throwable error) {
    static Outcome timedOut() {
      return new Outcome(null, false, null);
    }

    static Outcome failed(Throwable error) {
      return new Outcome(null, false, error);
    }
  }

  private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

  Exchange(Request request) {
    request.addMessageObserver(
        new MessageObserverAdapter() {
          @Override
          public void onResponse(Response response) {
            outcome.complete(new Outcome(response, false, null));
          }

          @Override
          public void onReject() {
            outcome.complete(new Outcome(null, true, null));
          }

          @Override
          public void onTimeout() {
            outcome.complete(Outcome.timedOut());
          }

          @Override
          public void onCancel() {
            outcome.complete(Outcome.timedOut());
          }

          @Override
          public void onResponseHandlingError(Throwable error) {
            outcome.complete(Outcome.failed(error));
          }

          @Override
          public void onSendError(Throwable error) {
            outcome.complete(Outcome.failed(error));
          }
        });
  }

  CompletableFuture<Outcome> outcome() {
    return outcome;
  }
}
