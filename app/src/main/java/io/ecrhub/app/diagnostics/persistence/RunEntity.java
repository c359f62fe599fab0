package io.ecrhub.app.diagnostics.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code diagnostic_run}: one run, its checks as JSON (no secrets). */
@Entity
@Table(name = "diagnostic_run")
class RunEntity {
  @Id
  @Column(name = "id")
  String id;

  @Column(name = "terminal_id")
  String terminalId;

  @Column(name = "target")
  String target;

  @Column(name = "at")
  Instant at;

  @Column(name = "overall")
  String overall;

  @Column(name = "checks")
  String checks;
}
