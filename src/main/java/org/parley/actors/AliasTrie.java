package org.parley.actors;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every alias, metonym, title and (unless turned off) demonym of the dictionary as a trie over
 * match keys, for leftmost-longest matching in one pass over a sentence's token parts. Built once
 * on the driver and broadcast.
 */
public final class AliasTrie implements Serializable {
  private static final long serialVersionUID = 1L;

  public enum Kind {
    ALIAS,
    METONYM,
    TITLE,
    DEMONYM
  }

  /**
   * What a matched key sequence can mean. A title entry holds its dates; a demonym entry the key
   * sequences it must stand directly before (none: any word).
   */
  public record Entry(
      Kind kind,
      String actorId,
      String actorType,
      LocalDate from,
      LocalDate to,
      List<List<String>> onlyBefore)
      implements Serializable {
    public Entry(Kind kind, String actorId, String actorType, LocalDate from, LocalDate to) {
      this(kind, actorId, actorType, from, to, List.of());
    }
  }

  static final class Node implements Serializable {
    private static final long serialVersionUID = 1L;
    final Map<String, Node> children = new HashMap<>(4);
    List<Entry> entries;
  }

  /**
   * A match: parts [start, end) of the sentence and what they can mean; {@code trimEnd} characters
   * at its end are not part of the name (the s of an apostrophe-less possessive).
   */
  public record Match(int start, int end, List<Entry> entries, int trimEnd) {
    public Match(int start, int end, List<Entry> entries) {
      this(start, end, entries, 0);
    }
  }

  private final Node root = new Node();

  public static AliasTrie of(ActorDictionary dictionary) {
    return of(dictionary, true);
  }

  /** The dictionary's trie; its demonyms only when {@code demonyms} (actors.demonyms.enabled). */
  public static AliasTrie of(ActorDictionary dictionary, boolean demonyms) {
    AliasTrie trie = new AliasTrie();
    for (ActorDictionary.Actor a : dictionary.actors()) {
      String type = a.type().name();
      for (String alias : a.aliases()) {
        trie.add(MatchKeys.aliasKeys(alias), new Entry(Kind.ALIAS, a.id(), type, null, null));
      }
      for (String m : a.metonyms()) {
        trie.add(MatchKeys.aliasKeys(m), new Entry(Kind.METONYM, a.id(), type, null, null));
      }
      for (ActorDictionary.Demonym d :
          demonyms ? a.demonyms() : List.<ActorDictionary.Demonym>of()) {
        List<List<String>> before = new ArrayList<>();
        for (String words : d.onlyBefore()) {
          before.add(MatchKeys.aliasKeys(words));
        }
        trie.add(
            MatchKeys.aliasKeys(d.form()),
            new Entry(Kind.DEMONYM, a.id(), type, null, null, List.copyOf(before)));
      }
      for (ActorDictionary.Affiliation f : a.affiliations()) {
        for (String title : f.titles()) {
          trie.add(
              MatchKeys.aliasKeys(title), new Entry(Kind.TITLE, a.id(), type, f.from(), f.to()));
        }
      }
    }
    return trie;
  }

  void add(List<String> keys, Entry entry) {
    if (keys.isEmpty()) {
      return;
    }
    Node node = root;
    for (String k : keys) {
      node = node.children.computeIfAbsent(k, x -> new Node());
    }
    if (node.entries == null) {
      node.entries = new ArrayList<>(1);
    }
    if (!node.entries.contains(entry)) {
      node.entries.add(entry);
    }
  }

  /** Every match starting at part {@code start}, longest first (empty when none). */
  public List<Match> matchesAt(List<MatchKeys.Part> parts, int start) {
    return matchesAt(root, parts, start);
  }

  static List<Match> matchesAt(Node root, List<MatchKeys.Part> parts, int start) {
    Node node = root;
    List<Match> found = List.of();
    for (int i = start; i < parts.size(); i++) {
      MatchKeys.Part p = parts.get(i);
      Node next = p.acronymKey() != null ? node.children.get(p.acronymKey()) : null;
      if (next == null) {
        next = node.children.get(p.key());
      }
      if (next == null) {
        // A possessive written without its apostrophe ("Assads forces", common in scraped text)
        // can only end a match.
        Node stem =
            p.key().length() > 3 && p.key().endsWith("s")
                ? node.children.get(p.key().substring(0, p.key().length() - 1))
                : null;
        if (stem == null && p.acronymKey() != null && p.acronymKey().length() > 3) {
          stem =
              node.children.get(p.acronymKey().substring(0, p.acronymKey().length() - 1)); // SANAs
        }
        if (stem != null && stem.entries != null) {
          if (found.isEmpty()) {
            found = new ArrayList<>(1);
          }
          found.add(0, new Match(start, i + 1, stem.entries, 1));
        }
        break;
      }
      node = next;
      if (node.entries != null) {
        if (found.isEmpty()) {
          found = new ArrayList<>(2);
        }
        found.add(0, new Match(start, i + 1, node.entries));
      }
    }
    return found;
  }

  /** A small trie of one article's surnames (key sequence → person id). */
  static final class Local {
    private final Node root = new Node();
    private final Map<String, String> owner = new HashMap<>();

    /** Registers a key sequence for a person; a sequence two persons share is dropped. */
    void add(List<String> keys, String actorId, String actorType) {
      String joined = String.join(" ", keys);
      String previous = owner.putIfAbsent(joined, actorId);
      if (previous != null && !previous.equals(actorId)) {
        owner.put(joined, null);
      }
      Node node = root;
      for (String k : keys) {
        node = node.children.computeIfAbsent(k, x -> new Node());
      }
      node.entries =
          owner.get(joined) == null
              ? null
              : List.of(new Entry(Kind.ALIAS, actorId, actorType, null, null));
    }

    List<Match> matchesAt(List<MatchKeys.Part> parts, int start) {
      return AliasTrie.matchesAt(root, parts, start);
    }
  }
}
