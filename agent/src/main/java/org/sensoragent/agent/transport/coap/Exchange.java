package org.sensoragent.agent.transport.coap;

import java.util.concurrent.CompletableFuture;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

/**
 * Turns Californium's callbacks for one request into one awaitable outcome. Californium calls
 * exactly one of them when the exchange ends: a response, a reset, a timeout after the last
 * retransmission, a send error (which includes a failed DTLS handshake), or a cancel. With
 * {@code giveUpAfter > 0} the exchange ends early as {@link Outcome#unanswered()} when that many
 * transmissions went unanswered: the request is cancelled inside Californium's retransmission
 * callback, which Californium checks right after it, so the next retransmission is never sent.
 */
final class Exchange {

  /**
   * How a request ended; exactly one of the fields says so.
   *
   * @param response the response, or null
   * @param rejected the peer answered with a reset (the expected answer to a CoAP ping)
   * @param error why it could not be sent (DTLS handshake failure included), or null
   * @param unanswered given up early, after {@code giveUpAfter} unanswered transmissions
   */
  record Outcome(Response response, boolean rejected, Throwable error, boolean unanswered) {
    static Outcome timedOut() {
      return new Outcome(null, false, null, false);
    }

    static Outcome failed(Throwable error) {
      return new Outcome(null, false, error, false);
    }
  }

  private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

  /**
   * @param giveUpAfter transmissions left unanswered before the exchange ends early; 0: never
   */
  Exchange(Request request, int giveUpAfter) {
    request.addMessageObserver(
        new MessageObserverAdapter() {
          private int unanswered; // only Californium's exchange executor touches it

          @Override
          public void onRetransmission() {
            unanswered++; // called before retransmission number `unanswered`: that many went unanswered
            if (giveUpAfter > 0 && unanswered >= giveUpAfter) {
              outcome.complete(new Outcome(null, false, null, true));
              request.cancel();
            }
          }

          @Override
          public void onResponse(Response response) {
            outcome.complete(new Outcome(response, false, null, false));
          }

          @Override
          public void onReject() {
            outcome.complete(new Outcome(null, true, null, false));
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
