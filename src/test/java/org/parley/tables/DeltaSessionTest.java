package org.parley.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The settings Parley adds to a Spark session, and the ones it leaves to the user. */
class DeltaSessionTest {

  @Test
  void aSessionRunsInUtcWithDeltaUnlessTheUserSaidOtherwise() {
    Map<String, String> defaults = DeltaSession.sessionSettings(new SparkConf(false));
    assertEquals("UTC", defaults.get("spark.sql.session.timeZone"));
    assertEquals("io.delta.sql.DeltaSparkSessionExtension", defaults.get("spark.sql.extensions"));
    assertEquals(
        "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        defaults.get("spark.sql.catalog.spark_catalog"));

    Map<String, String> given =
        DeltaSession.sessionSettings(
            new SparkConf(false)
                .set("spark.sql.session.timeZone", "Europe/Berlin")
                .set("spark.sql.extensions", "com.example.Ext")
                .set("spark.sql.catalog.spark_catalog", "com.example.Catalog"));
    assertFalse(given.containsKey("spark.sql.session.timeZone"), given.toString());
    assertFalse(given.containsKey("spark.sql.catalog.spark_catalog"), given.toString());
    assertEquals(
        "com.example.Ext,io.delta.sql.DeltaSparkSessionExtension",
        given.get("spark.sql.extensions"));
  }
}
