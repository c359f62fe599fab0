package io.ecrhub.app.web;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a listing: the items and the cursor of the next page (null on the last page). */
public record PageView<T>(
    List<T> items,
    @Schema(description = "Pass as ?cursor= to get the next page; null on the last page")
        String nextCursor) {}
