package io.ecrhub.app.mms.api;

import io.ecrhub.domain.merchant.ChangeKind;
import io.ecrhub.domain.merchant.ConfigAuditEntry;
import io.ecrhub.domain.merchant.DeviceChange;
import io.ecrhub.domain.merchant.DeviceConfig;
import io.ecrhub.domain.merchant.HeldSync;
import io.ecrhub.domain.merchant.RowError;
import io.ecrhub.domain.merchant.SyncReport;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Transport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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

  @Schema(
      name = "MmsFieldChange",
      description =
          "One setting a held change would make: the registry's value now and the source's value."
              + " For posKey both are null (a key is never shown): only that it changes.")
  record FieldView(
      @Schema(enumeration = {"deviceId", "name", "ip", "https", "encryption", "posKey", "enabled"})
          String field,
      String before,
      String after) {}

  @Schema(name = "MmsChange")
  record ChangeView(
      String deviceId,
      String terminalId,
      List<String> changes,
      List<String> notes,
      List<FieldView> fields) {
    static ChangeView of(DeviceChange c, Terminal now) {
      return new ChangeView(
          c.deviceId(),
          c.terminalId() == null ? null : c.terminalId().value(),
          names(c.kinds()),
          c.notes(),
          MmsViews.fields(c, now));
    }
  }

  /** Before (the registry now; null for a new device) and after (the source) per setting. */
  static List<FieldView> fields(DeviceChange c, Terminal t) {
    List<FieldView> out = new ArrayList<>();
    DeviceConfig in = c.incoming();
    if (c.has(ChangeKind.NEW) && in != null) {
      if (in.name() != null && !in.name().isBlank()) {
        out.add(new FieldView("name", null, in.name().trim()));
      }
      if (in.ip() != null) {
        out.add(new FieldView("ip", null, in.ip()));
      }
      out.add(new FieldView("https", null, onOff(in.https())));
      out.add(new FieldView("encryption", null, onOff(in.encryption())));
      out.add(new FieldView("posKey", null, null));
      return out;
    }
    if (c.has(ChangeKind.LINKED)) {
      out.add(
          new FieldView("deviceId", t == null ? null : t.deviceId().orElse(null), c.deviceId()));
    }
    if (c.has(ChangeKind.NAME_CHANGED) && in != null) {
      out.add(new FieldView("name", t == null ? null : t.name(), in.name().trim()));
    }
    if (c.has(ChangeKind.IP_CHANGED) && in != null) {
      out.add(new FieldView("ip", t == null ? null : t.host(), in.ip()));
    }
    if (c.has(ChangeKind.HTTPS_TOGGLED) && in != null) {
      out.add(
          new FieldView(
              "https",
              t == null ? null : onOff(t.transport() == Transport.HTTPS),
              onOff(in.https())));
    }
    if (c.has(ChangeKind.ENCRYPTION_TOGGLED) && in != null) {
      out.add(
          new FieldView(
              "encryption", t == null ? null : onOff(t.encryption()), onOff(in.encryption())));
    }
    if (c.has(ChangeKind.KEY_CHANGED)) {
      out.add(new FieldView("posKey", null, null));
    }
    if (c.has(ChangeKind.REMOVED)) {
      out.add(new FieldView("enabled", t == null ? null : onOff(!t.isDisabled()), "off"));
    }
    return out;
  }

  private static String onOff(boolean on) {
    return on ? "on" : "off";
  }

  @Schema(name = "MmsHeldSync")
  record HeldView(
      String id,
      String source,
      Instant createdAt,
      String status,
      List<ChangeView> changes,
      List<RowErrorView> rowErrors) {
    static HeldView of(HeldSync h, Function<TerminalId, Terminal> registry) {
      return new HeldView(
          h.id(),
          h.source(),
          h.createdAt(),
          h.status().name(),
          h.changes().stream()
              .map(
                  c ->
                      ChangeView.of(
                          c, c.terminalId() == null ? null : registry.apply(c.terminalId())))
              .toList(),
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
