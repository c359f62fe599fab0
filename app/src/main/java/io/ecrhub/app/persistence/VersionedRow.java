package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * Id and optimistic version shared by aggregate rows. The version is maintained by {@link
 * VersionedSaves}, not by Hibernate, so a save always stores exactly {@code version + 1}.
 */
@MappedSuperclass
abstract class VersionedRow {
  @Id
  @Column(name = "id")
  String id;

  @Column(name = "version")
  long version;
}
