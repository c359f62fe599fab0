package io.ecrhub.domain.terminal;

/** Use case: an admin removes a terminal, refused while a payment on it is not final. */
public interface RemoveTerminal {
  /**
   * Removes the terminal and its certificate pin.
   *
   * @throws io.ecrhub.domain.shared.NotFoundException {@code TERMINAL_NOT_FOUND}
   * @throws io.ecrhub.domain.shared.DomainException {@code TERMINAL_IN_USE} while a payment on it
   *     is not final
   */
  void remove(TerminalId id);
}
