package io.ecrhub.app.metrics;

import io.ecrhub.domain.terminal.TerminalChannel;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Decorator of the {@link TerminalChannel}: each exchange with a terminal is an OpenTelemetry span
 * {@code ecr <command>} (kind CLIENT, child of the request that caused it) with the attributes
 * {@code ecrhub.func_type} (QFPay's code), {@code ecrhub.command}, {@code ecrhub.transport} and
 * {@code ecrhub.outcome} ({@code approved}, {@code declined}, ..., or {@code error}). Never the POS
 * key, amounts, card data or payloads: only the names above and, on an error, the exception's class
 * name. With the SDK disabled (the default, ADR 0027) the tracer is a no-op.
 */
public final class TracedTerminalChannel implements TerminalChannel {
  static final AttributeKey<Long> FUNC_TYPE = AttributeKey.longKey("ecrhub.func_type");
  static final AttributeKey<String> COMMAND = AttributeKey.stringKey("ecrhub.command");
  static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("ecrhub.transport");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("ecrhub.outcome");

  private final TerminalChannel delegate;
  private final Tracer tracer;

  public TracedTerminalChannel(TerminalChannel delegate, Tracer tracer) {
    this.delegate = Objects.requireNonNull(delegate);
    this.tracer = Objects.requireNonNull(tracer);
  }

  @Override
  public CompletionStage<TerminalOutcome> send(TerminalEndpoint endpoint, TerminalCommand command) {
    return send(endpoint, command, UNOBSERVED);
  }

  /** One span per request; {@code written} goes on to the delegate. */
  @Override
  public CompletionStage<TerminalOutcome> send(
      TerminalEndpoint endpoint, TerminalCommand command, Runnable written) {
    String name = name(command);
    Span span =
        tracer
            .spanBuilder("ecr " + name)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(FUNC_TYPE, (long) command.funcType())
            .setAttribute(COMMAND, name)
            .setAttribute(TRANSPORT, endpoint.transport().name().toLowerCase(Locale.ROOT))
            .startSpan();
    CompletionStage<TerminalOutcome> sent;
    try {
      sent = delegate.send(endpoint, command, written);
    } catch (RuntimeException e) {
      end(span, null, e);
      throw e;
    }
    return sent.whenComplete((outcome, error) -> end(span, outcome, error));
  }

  private static void end(Span span, TerminalOutcome outcome, Throwable error) {
    if (outcome != null) {
      span.setAttribute(OUTCOME, name(outcome));
    } else {
      span.setAttribute(OUTCOME, "error");
      span.setStatus(
          StatusCode.ERROR, error == null ? "no outcome" : error.getClass().getSimpleName());
    }
    span.end();
  }

  private static String name(Object o) {
    return o.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
