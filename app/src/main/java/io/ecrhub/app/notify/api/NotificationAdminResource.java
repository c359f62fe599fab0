package io.ecrhub.app.notify.api;

import io.ecrhub.app.security.ApiRoles;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.app.web.PageView;
import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.notify.intake.InboxProcessor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The notification inbox for admins: list and search, view one with its raw body, re-apply. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
@SecurityRequirement(name = "bearer")
@RolesAllowed(ApiRoles.UNSCOPED_ADMIN)
public class NotificationAdminResource {
  private final NotificationInbox inbox;
  private final InboxProcessor processor;
  private final CallerContext caller;

  @Inject
  public NotificationAdminResource(
      NotificationInbox inbox, InboxProcessor processor, CallerContext caller) {
    this.inbox = inbox;
    this.processor = processor;
    this.caller = caller;
  }

  @GET
  @Operation(
      operationId = "listNotifications",
      summary = "List or search received notifications, newest first (admin)",
      description =
          "status: verified, applied, parked, review, rejected, ignored; syssn matches the"
              + " notification's own or original syssn; outTradeNo the trade it refers to")
  public PageView<NotificationViews.Summary> list(
      @QueryParam("status") String status,
      @QueryParam("syssn") String syssn,
      @QueryParam("outTradeNo") String outTradeNo,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    NotificationInbox.Filter f =
        new NotificationInbox.Filter(
            NotifyPaging.enumOf(InboxStatus.class, status, "status"),
            NotifyPaging.blankToNull(syssn),
            NotifyPaging.blankToNull(outTradeNo),
            NotifyPaging.instant(from, "from"),
            NotifyPaging.instant(to, "to"));
    Page<InboxEntry> page =
        inbox.search(f, NotifyPaging.blankToNull(cursor), NotifyPaging.limit(limit));
    return new PageView<>(
        page.items().stream().map(NotificationViews.Summary::of).toList(), page.nextCursor());
  }

  @GET
  @Path("/summary")
  @Operation(
      operationId = "getNotificationSummary",
      summary = "How many notifications are in each state (admin)")
  public Map<String, Long> summary() {
    Map<String, Long> byName = new TreeMap<>();
    inbox.countByStatus().forEach((status, n) -> byName.put(status.name(), n));
    return byName;
  }

  @GET
  @Path("/{id}")
  @Operation(
      operationId = "getNotification",
      summary = "One notification with its raw body and headers (admin)")
  public NotificationViews.Detail get(@PathParam("id") String id) {
    return inbox
        .findById(id)
        .map(NotificationViews.Detail::of)
        .orElseThrow(
            () -> new NotFoundException("NOTIFICATION_NOT_FOUND", "no notification " + id));
  }

  @POST
  @Path("/{id}/reapply")
  @Operation(
      operationId = "reapplyNotification",
      summary = "Apply a stored notification again (idempotent; admin)")
  public NotificationViews.Applied reapply(@PathParam("id") String id) {
    return NotificationViews.Applied.of(processor.reapply(id));
  }
}
