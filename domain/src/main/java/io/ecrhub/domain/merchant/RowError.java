package io.ecrhub.domain.merchant;

/** A row of an import that could not be used, with the reason. */
public record RowError(int row, String field, String reason) {}
