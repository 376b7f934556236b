package org.parley.pipeline;

/** What ingest read and kept: records read = accepted + duplicates + rejected. */
public record IngestTotals(long recordsRead, long accepted, long duplicates, long rejected) {
  public boolean reconciles() {
    return recordsRead == accepted + duplicates + rejected;
  }
}
