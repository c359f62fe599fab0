package io.ecrhub.mms;

import io.ecrhub.domain.merchant.ConfigSourceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Bounded reading of files and streams for the importers. */
final class Sources {
  private Sources() {}

  static byte[] readFile(Path file, long maxBytes) {
    try {
      long size = Files.size(file);
      checkSize(size, maxBytes);
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw ConfigSourceException.unavailable("file not found: " + file);
    } catch (IOException e) {
      throw ConfigSourceException.unavailable(
          "cannot read " + file + ": " + e.getClass().getSimpleName());
    }
  }

  static byte[] readBounded(InputStream in, long maxBytes) throws IOException {
    byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    checkSize(data.length, maxBytes);
    return data;
  }

  static void checkSize(long size, long maxBytes) {
    if (size > maxBytes) {
      throw ConfigSourceException.invalid(
          "the POS Key List is " + size + " bytes; at most " + maxBytes + " are accepted");
    }
  }
}
