package org.parley.job;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.parley.tables.Columns;
import org.parley.tables.Table;
import org.parley.tables.TableStore;
import org.parley.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an output's tables consistent as a set across runs: a journal before the first commit, a
 * {@code runs} row at the end, and, for a run that failed or was killed, every table put back to
 * its version before that run. So after any run the tables are those of the last successful run.
 */
final class RunLedger {
  private static final Logger LOG = LoggerFactory.getLogger(RunLedger.class);

  private final SparkSession spark;
  private final TableStore tables;
  private final RunJournal journal;

  RunLedger(SparkSession spark, TableStore tables) {
    this.spark = spark;
    this.tables = tables;
    this.journal = new RunJournal(tables.outputPath(), spark.sparkContext().hadoopConfiguration());
  }

  /**
   * The version of every data table now (-1: absent); runs is the ledger itself, never restored.
   */
  Map<String, Long> currentVersions() {
    return tables.versions(Tables.DATA);
  }

  /**
   * Finishes what a killed run left: its tables back to their versions before it, and a {@code
   * failed} row for it in runs. Returns the ids of the runs recovered (none or one).
   */
  List<String> recoverUnfinished(String recoveringRunId, OutputLock.Holder takenFrom) {
    RunJournal.Entry left = journal.read();
    if (left == null) {
      return List.of();
    }
    if (recorded(left.runId())) {
      // Killed after its runs row was committed: the run is complete, only the journal remains.
      journal.remove();
      return List.of();
    }
    LOG.warn(
        "Run {} did not finish{}: restoring the tables it committed",
        left.runId(),
        takenFrom == null ? "" : " (its process " + takenFrom.pid() + " is gone)");
    List<String> restored = rollBack(left.versionsBefore());
    RunRecord.killed(left, recoveringRunId, restored).appendTo(spark, tables);
    journal.remove();
    return List.of(left.runId());
  }

  void begin(RunJournal.Entry entry) {
    journal.write(entry);
  }

  void succeed(RunRecord record) {
    record.appendTo(spark, tables);
    journal.remove();
  }

  /**
   * Puts the tables back, records the failure (or interruption), and drops the journal; returns the
   * tables restored.
   */
  List<String> fail(RunJournal.Entry entry, RunRecord record) {
    List<String> restored = rollBack(entry.versionsBefore());
    if (!restored.isEmpty()) {
      LOG.warn(
          "Run {} {}: tables {} restored to their versions before it",
          entry.runId(),
          record.status(),
          restored);
    }
    record.appendTo(spark, tables);
    journal.remove();
    return restored;
  }

  /** Puts the tables back and drops the journal, recording nothing (a usage error). */
  void abandon(RunJournal.Entry entry) {
    rollBack(entry.versionsBefore());
    journal.remove();
  }

  private List<String> rollBack(Map<String, Long> before) {
    List<String> restored = new ArrayList<>();
    for (Table t : Tables.DATA) {
      long version = before.getOrDefault(t.name(), -1L);
      if (tables.version(t) != version) {
        tables.restore(t, version);
        restored.add(t.name());
      }
    }
    return restored;
  }

  private boolean recorded(String runId) {
    return tables.exists(Tables.RUNS)
        && !tables.read(Tables.RUNS).filter(col(Columns.RUN_ID).equalTo(runId)).isEmpty();
  }
}
