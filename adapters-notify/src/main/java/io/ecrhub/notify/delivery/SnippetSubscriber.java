package io.ecrhub.notify.delivery;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first {@code max} bytes of a response body and then stops reading, so a consumer that
 * answers with megabytes (or never ends its body) costs the worker nothing.
 */
final class SnippetSubscriber implements HttpResponse.BodySubscriber<byte[]> {
  private final int max;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  SnippetSubscriber(int max) {
    this.max = max;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    for (ByteBuffer b : items) {
      int take = Math.min(b.remaining(), max - buffer.size());
      if (take > 0) {
        byte[] chunk = new byte[take];
        b.get(chunk);
        buffer.write(chunk, 0, take);
      }
    }
    if (buffer.size() >= max) {
      subscription.cancel();
      result.complete(buffer.toByteArray());
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable error) {
    if (buffer.size() > 0) {
      result.complete(buffer.toByteArray());
    } else {
      result.completeExceptionally(error);
    }
  }

  @Override
  public void onComplete() {
    result.complete(buffer.toByteArray());
  }
}
