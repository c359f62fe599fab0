package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

/**
 * Id and optimistic version shared by aggregate rows. A new row is stored as version 1 by {@link
 * VersionedSaves}; after that Hibernate increments it by one in the same conditional {@code UPDATE
 * … WHERE id = ? AND version = ?} that stores the row (one statement per save), and a row changed
 * meanwhile makes that update fail instead of overwriting it.
 */
@MappedSuperclass
abstract class VersionedRow {
  @Id
  @Column(name = "id")
  String id;

  @Version
  @Column(name = "version")
  long version;
}
