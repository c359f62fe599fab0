package io.ecrhub.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomIdsTest {
  static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

  @Test
  void idsHaveTheLengthAndAlphabet_andDoNotRepeat() {
    RandomIds ids = new RandomIds();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = ids.next();
      assertThat(id).hasSize(20);
      assertThat(id.chars()).allMatch(c -> ALPHABET.indexOf(c) >= 0);
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void everyCharacterOccursAtEveryPosition_soNoPositionWastesItsFiveBits() {
    // 20,000 ids: a given character is missing at a given position with probability (31/32)^20000
    RandomIds ids = new RandomIds();
    boolean[][] seen = new boolean[20][32];
    for (int i = 0; i < 20_000; i++) {
      String id = ids.next();
      for (int p = 0; p < 20; p++) {
        seen[p][ALPHABET.indexOf(id.charAt(p))] = true;
      }
    }
    for (int p = 0; p < 20; p++) {
      for (int c = 0; c < 32; c++) {
        assertThat(seen[p][c]).as("'%s' at position %d", ALPHABET.charAt(c), p).isTrue();
      }
    }
  }

  @Test
  void otherLengths_andTheirBounds() {
    assertThat(new RandomIds(1).next()).hasSize(1);
    assertThat(new RandomIds(32).next()).hasSize(32);
    assertThatThrownBy(() -> new RandomIds(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RandomIds(33)).isInstanceOf(IllegalArgumentException.class);
  }
}
