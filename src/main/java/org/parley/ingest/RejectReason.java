package org.parley.ingest;

/** Why a record did not become an article; the code is what rejected_records.reason holds. */
public enum RejectReason {
  EMPTY_FILE("empty_file"),
  BINARY_FILE("binary_file"),
  UNSUPPORTED_FILE_TYPE("unsupported_file_type"),
  FILE_TOO_LARGE("file_too_large"),
  CORRUPT_COMPRESSION("corrupt_compression"),
  UNDECODABLE_BYTES("undecodable_bytes"),
  MALFORMED_JSON("malformed_json"),
  MALFORMED_CSV("malformed_csv"),
  CSV_MISSING_COLUMN("csv_missing_column"),
  MISSING_TEXT("missing_text"),
  TOO_LARGE("too_large");

  private final String code;

  RejectReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
