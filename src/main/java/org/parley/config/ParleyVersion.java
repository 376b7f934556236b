package org.parley.config;

/** The application version, which every run and generated corpus records. */
public final class ParleyVersion {
  private ParleyVersion() {}

  /** The version from the jar manifest, or "dev" when run from classes. */
  public static String get() {
    String v = ParleyVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
