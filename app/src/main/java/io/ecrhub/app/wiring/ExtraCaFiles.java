package io.ecrhub.app.wiring;

import java.nio.file.Path;
import java.util.List;

/**
 * CA files the terminal channel trusts besides QFPay's CA and the configured ones: a bean of this
 * type is picked up by {@link ChannelProducers}. The production build has none; the demo build
 * ({@code demo/}, ADR 0016) contributes its simulator's CA.
 */
public interface ExtraCaFiles {
  /** PEM files, read once at start-up. */
  List<Path> caFiles();
}
