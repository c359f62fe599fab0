package io.ecrhub.domain.merchant;

/** Port: a source of MMS device configuration (file export, upload, partner HTTP API). */
public interface MerchantConfigSource {
  /** A short name for audit, e.g. {@code csv:/etc/ecrhub/poskeys.csv}. */
  String name();

  ConfigSnapshot fetch();
}
