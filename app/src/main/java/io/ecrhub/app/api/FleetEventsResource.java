package io.ecrhub.app.api;

import io.ecrhub.app.events.EventStreams;
import io.ecrhub.app.security.CallerContext;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One event stream for everything a key covers: the console's overview stays live with it. */
@Path("/api/v1/events")
@Tag(name = "Payments")
@SecurityRequirement(name = "bearer")
@Authenticated
public class FleetEventsResource {
  private final EventStreams streams;
  private final CallerContext caller;

  @Inject
  public FleetEventsResource(EventStreams streams, CallerContext caller) {
    this.streams = streams;
    this.caller = caller;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      operationId = "streamFleetEvents",
      summary =
          "Server-Sent Events of every payment and refund state change on the terminals the key"
              + " covers",
      description =
          "The whole fleet for an unscoped key, the key's stores and terminals otherwise (a"
              + " terminal registered in one of its stores later is covered within"
              + " ecrhub.security.stream-recheck). Without Last-Event-ID the stream starts now;"
              + " with it, it resumes after it.")
  @APIResponse(
      responseCode = "200",
      description = TransactionEventView.STREAM,
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(implementation = TransactionEventView.class)))
  @APIResponse(responseCode = "429", description = TransactionEventView.TOO_MANY_STREAMS)
  public void events(
      @HeaderParam("Last-Event-ID") String lastEventId,
      @Context SseEventSink sink,
      @Context Sse sse) {
    streams.streamFleet(caller.caller(), Inputs.lastEventId(lastEventId), sink, sse);
  }
}
