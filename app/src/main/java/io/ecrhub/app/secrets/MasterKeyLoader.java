package io.ecrhub.app.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Finds the master key: the configured one, else (dev/demo only) a key file generated once with
 * owner-only permissions; otherwise refuses with a one-line explanation.
 */
public final class MasterKeyLoader {
  private static final Logger LOG = Logger.getLogger(MasterKeyLoader.class);

  /** The one line a production hub prints when it has no master key. */
  public static final String MISSING =
      "ECR Hub refuses to start: no master key. Set ECRHUB_SECRETS_MASTER_KEY to base64 of 32"
          + " random bytes (openssl rand -base64 32) and keep a copy: it encrypts every POS key.";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private MasterKeyLoader() {}

  /**
   * @param configured {@code ecrhub.secrets.master-key}
   * @param previous {@code ecrhub.secrets.previous-keys}
   * @param keyFile where a generated key lives
   * @param mayUseKeyFile dev profile or demo mode
   */
  public static MasterKeys load(
      Optional<String> configured, List<String> previous, Path keyFile, boolean mayUseKeyFile) {
    Optional<String> key = configured.filter(k -> !k.isBlank());
    if (key.isPresent()) {
      return MasterKeys.parse(key.get(), previous);
    }
    if (!mayUseKeyFile) {
      throw new MasterKeyException(MISSING);
    }
    return MasterKeys.parse(readOrGenerate(keyFile), previous);
  }

  static String readOrGenerate(Path keyFile) {
    try {
      if (!Files.exists(keyFile)) {
        generate(keyFile);
      }
      warnIfOthersCanRead(keyFile);
      return Files.readString(keyFile, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new MasterKeyException(
          "cannot read or create the master key file " + keyFile + ": " + e.getMessage());
    }
  }

  private static void generate(Path keyFile) throws IOException {
    byte[] raw = new byte[MasterKeys.KEY_BYTES];
    new SecureRandom().nextBytes(raw);
    String encoded = Base64.getEncoder().encodeToString(raw) + "\n";
    Path dir = keyFile.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    try {
      if (posix) {
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(keyFile);
      }
    } catch (FileAlreadyExistsException raced) {
      return; // another process generated it first; use theirs
    }
    Files.writeString(keyFile, encoded, StandardCharsets.US_ASCII);
    LOG.warnf(
        "Generated a master key in %s (owner read/write only). It encrypts every stored POS key:"
            + " back it up. Production hubs take it from ECRHUB_SECRETS_MASTER_KEY instead.",
        keyFile.toAbsolutePath());
  }

  private static void warnIfOthersCanRead(Path keyFile) throws IOException {
    if (Files.getFileStore(keyFile).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
      if (!OWNER_ONLY.containsAll(perms)) {
        LOG.warnf(
            "Master key file %s is readable by others (%s); run: chmod 600 %s",
            keyFile, PosixFilePermissions.toString(perms), keyFile);
      }
    }
  }
}
