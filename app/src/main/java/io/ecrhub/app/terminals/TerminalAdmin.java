package io.ecrhub.app.terminals;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.ChangeTerminal;
import io.ecrhub.domain.terminal.Currencies;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.RegisterTerminal;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalModel;
import io.ecrhub.domain.terminal.TerminalRegistry;
import io.ecrhub.domain.terminal.Transport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The terminal registry's admin operations as the REST API (and the demo) call them: request text
 * parsed into the domain's typed commands ({@link RegisterTerminal.Command}, {@link
 * ChangeTerminal.Command}), the POS key checked against the configured key policy, then the use
 * case ({@link TerminalRegistry}) does the work.
 */
@ApplicationScoped
public class TerminalAdmin {
  private final TerminalRegistry registry;
  private final HubConfig config;

  @Inject
  public TerminalAdmin(TerminalRegistry registry, HubConfig config) {
    this.registry = registry;
    this.config = config;
  }

  /** What an admin gives to register a terminal; null means the default. */
  public record Registration(
      String name,
      String host,
      Integer port,
      String transport,
      String posKey,
      Boolean encryption,
      String model,
      String storeId,
      String appVersion,
      String deviceId,
      Boolean cloudFallback) {
    @Override
    public String toString() {
      return "Registration[" + name + " " + transport + " " + host + ":" + port + "]";
    }
  }

  /** Changes to a terminal; null fields stay as they are (blank app version or device id: none). */
  public record Change(
      String name,
      String host,
      Integer port,
      String transport,
      String posKey,
      Boolean encryption,
      String model,
      String storeId,
      String appVersion,
      String deviceId,
      Boolean enabled,
      List<String> currencies,
      Boolean cloudFallback) {
    @Override
    public String toString() {
      return "Change[" + name + " " + transport + " " + host + ":" + port + "]";
    }
  }

  public Terminal register(Registration r) {
    Transport transport = r.transport() == null ? null : Transport.parse(r.transport());
    PosKey key = posKey(r.posKey());
    TerminalModel model = TerminalModel.parse(r.model());
    AppVersion version = r.appVersion() == null ? null : AppVersion.parse(r.appVersion());
    return registry.register(
        new RegisterTerminal.Command(
            r.name(),
            r.host(),
            r.port(),
            transport,
            key,
            r.encryption(),
            model,
            r.storeId(),
            version,
            r.deviceId(),
            r.cloudFallback()));
  }

  public Terminal get(TerminalId id) {
    return registry.get(id);
  }

  public Terminal change(TerminalId id, Change c) {
    Transport transport = c.transport() == null ? null : Transport.parse(c.transport());
    PosKey key = c.posKey() == null ? null : posKey(c.posKey());
    TerminalModel model = c.model() == null ? null : TerminalModel.parse(c.model());
    Optional<AppVersion> version =
        c.appVersion() == null
            ? null
            : Optional.ofNullable(
                c.appVersion().isBlank() ? null : AppVersion.parse(c.appVersion()));
    Optional<Currencies> currencies =
        c.currencies() == null
            ? null
            : Optional.ofNullable(c.currencies().isEmpty() ? null : Currencies.of(c.currencies()));
    return registry.change(
        id,
        new ChangeTerminal.Command(
            c.name(),
            c.host(),
            c.port(),
            transport,
            key,
            c.encryption(),
            model,
            c.storeId(),
            version,
            c.deviceId() == null ? null : Optional.of(c.deviceId()),
            c.enabled(),
            currencies,
            c.cloudFallback()));
  }

  public void remove(TerminalId id) {
    registry.remove(id);
  }

  private PosKey posKey(String value) {
    return PosKey.of(value, config.terminal().allowPublishedDefaultKey());
  }
}
