package io.ecrhub.ecr.cli;

import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.PosKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a POS key from a file or the {@code ECRHUB_POS_KEY} environment variable: never from the
 * command line, where other users could read it in the process list. Never prints it.
 */
final class KeyFiles {
  static final String ENV = "ECRHUB_POS_KEY";

  private KeyFiles() {}

  /** The key, or null when neither a file nor the variable gives one. */
  static PosKey read(Path file, String env) {
    String text;
    if (file != null) {
      try {
        if (Files.size(file) > 1024) {
          throw new EcrHubCli.UsageException("the POS key file is too large to hold a key");
        }
        text = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new EcrHubCli.UsageException("cannot read the POS key file " + file);
      }
    } else if (env != null && !env.isBlank()) {
      text = env.strip();
    } else {
      return null;
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try {
      return PosKey.of(text, true);
    } catch (ValidationException e) {
      throw new EcrHubCli.UsageException(
          "the POS key must be 16, 24 or 32 characters without spaces, as MMS shows it");
    }
  }

  static PosKey require(Path file, String env) {
    PosKey k = read(file, env);
    if (k == null) {
      throw new EcrHubCli.UsageException(
          "give the POS key with --pos-key-file FILE or the " + ENV + " environment variable");
    }
    return k;
  }
}
