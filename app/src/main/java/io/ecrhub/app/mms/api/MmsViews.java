package io.ecrhub.app.mms.api;

import io.ecrhub.domain.merchant.ChangeKind;
import io.ecrhub.domain.merchant.ConfigAuditEntry;
import io.ecrhub.domain.merchant.DeviceChange;
import io.ecrhub.domain.merchant.HeldSync;
import io.ecrhub.domain.merchant.RowError;
import io.ecrhub.domain.merchant.SyncReport;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON views of MMS syncs; never a POS key. */
final class MmsViews {
  private MmsViews() {}

  @Schema(name = "MmsRowError")
  record RowErrorView(int row, String field, String reason, String deviceId) {
    static RowErrorView of(RowError e) {
      return new RowErrorView(e.row(), e.field(), e.reason(), e.deviceId());
    }
  }

  @Schema(name = "MmsDevice")
  record DeviceView(
      String deviceId,
      String terminalId,
      List<String> changes,
      List<String> notes,
      String result,
      String reason) {}

  @Schema(name = "MmsImportReport")
  record ReportView(
      String syncId,
      String source,
      Instant at,
      long applied,
      long held,
      long failed,
      long skipped,
      long rejected,
      int unchanged,
      List<DeviceView> devices,
      List<RowErrorView> rowErrors) {
    static ReportView of(SyncReport r) {
      return new ReportView(
          r.syncId(),
          r.source(),
          r.at(),
          r.count(SyncReport.Result.APPLIED),
          r.count(SyncReport.Result.HELD),
          r.count(SyncReport.Result.FAILED),
          r.count(SyncReport.Result.SKIPPED),
          r.count(SyncReport.Result.REJECTED),
          r.unchanged(),
          r.devices().stream()
              .map(
                  d ->
                      new DeviceView(
                          d.deviceId(),
                          d.terminalId() == null ? null : d.terminalId().value(),
                          names(d.changes()),
                          d.notes(),
                          d.result().name(),
                          d.reason()))
              .toList(),
          r.rowErrors().stream().map(RowErrorView::of).toList());
    }
  }

  @Schema(name = "MmsChange")
  record ChangeView(String deviceId, String terminalId, List<String> changes, List<String> notes) {
    static ChangeView of(DeviceChange c) {
      return new ChangeView(
          c.deviceId(),
          c.terminalId() == null ? null : c.terminalId().value(),
          names(c.kinds()),
          c.notes());
    }
  }

  @Schema(name = "MmsHeldSync")
  record HeldView(
      String id,
      String source,
      Instant createdAt,
      String status,
      List<ChangeView> changes,
      List<RowErrorView> rowErrors) {
    static HeldView of(HeldSync h) {
      return new HeldView(
          h.id(),
          h.source(),
          h.createdAt(),
          h.status().name(),
          h.changes().stream().map(ChangeView::of).toList(),
          h.rowErrors().stream().map(RowErrorView::of).toList());
    }
  }

  @Schema(name = "MmsAuditEntry")
  record AuditView(
      String id,
      Instant at,
      String action,
      String syncId,
      String source,
      String actor,
      String deviceId,
      String terminalId,
      List<String> changes,
      String detail) {
    static AuditView of(ConfigAuditEntry e) {
      return new AuditView(
          e.id(),
          e.at(),
          e.action().name(),
          e.syncId(),
          e.source(),
          e.actor(),
          e.deviceId(),
          e.terminalId() == null ? null : e.terminalId().value(),
          names(e.changes()),
          e.detail());
    }
  }

  @Schema(name = "MmsPullState")
  record PullView(
      boolean configured,
      String state,
      int consecutiveFailures,
      Instant openUntil,
      String lastError) {}

  private static List<String> names(java.util.Set<ChangeKind> kinds) {
    return kinds.stream().map(Enum::name).sorted().toList();
  }
}
