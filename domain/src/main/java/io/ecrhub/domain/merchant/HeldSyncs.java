package io.ecrhub.domain.merchant;

import java.util.List;
import java.util.Optional;

/** Port: storage of syncs held for review (new POS keys inside must be sealed at rest). */
public interface HeldSyncs {
  void save(HeldSync sync);

  Optional<HeldSync> find(String id);

  /** Pending syncs, oldest first. */
  List<HeldSync> pending();
}
