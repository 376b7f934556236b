package org.parley.actors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.parley.config.ConfigException;

/**
 * The actor dictionary: who can be named, under which aliases, metonyms and dated titles. Loaded
 * from YAML and validated as a whole; every problem names the entry it is in.
 */
public final class ActorDictionary implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The starter dictionary inside the jar (conf/actors.yaml at build time). */
  public static final String BUILT_IN_RESOURCE = "/org/parley/actors/actors.yaml";

  public enum ActorType {
    PERSON,
    ORGANIZATION,
    STATE,
    IGO,
    MEDIA,
    PLACE,
    EVENT
  }

  /** An office held between two dates; its titles name the holder in articles of that time. */
  public record Affiliation(
      String org, String role, List<String> titles, LocalDate from, LocalDate to)
      implements Serializable {
    public boolean covers(LocalDate date) {
      return date != null && !date.isBefore(from) && (to == null || !date.isAfter(to));
    }
  }

  /**
   * A nationality adjective that names a state actor ("Russian warplanes"). With {@code onlyBefore}
   * it names the actor only directly before one of those words ("Syrian troops", not "Syrian
   * refugees"); each is a phrase of one or more words.
   */
  public record Demonym(String form, List<String> onlyBefore) implements Serializable {}

  public record Actor(
      String id,
      String name,
      ActorType type,
      List<String> roles,
      List<String> aliases,
      List<String> metonyms,
      List<Demonym> demonyms,
      List<Affiliation> affiliations)
      implements Serializable {}

  private static final Pattern ID = Pattern.compile("[a-z0-9_]+");
  private static final Set<String> ACTOR_FIELDS =
      Set.of("id", "name", "type", "roles", "aliases", "metonyms", "demonyms", "affiliations");
  private static final Set<String> DEMONYM_FIELDS = Set.of("form", "only_before");
  private static final Set<String> AFFILIATION_FIELDS =
      Set.of("org", "role", "titles", "from", "to");

  private final List<Actor> actors;

  private ActorDictionary(List<Actor> actors) {
    this.actors = List.copyOf(actors);
  }

  public List<Actor> actors() {
    return actors;
  }

  /** Loads the dictionary at a Hadoop path, or the built-in one when the path is null. */
  public static ActorDictionary load(String path) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try {
      if (path == null) {
        try (InputStream in = ActorDictionary.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
          if (in == null) {
            throw new IllegalStateException(
                "Built-in actor dictionary missing from the jar: " + BUILT_IN_RESOURCE);
          }
          return parse(yaml.readTree(in), "built-in actor dictionary");
        }
      }
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(new Configuration());
      if (!fs.exists(p)) {
        throw new ConfigException("Actor dictionary not found: " + path + " (actors.dictionary)");
      }
      try (InputStream in = fs.open(p)) {
        return parse(yaml.readTree(in), path);
      }
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot read actor dictionary "
              + (path == null ? BUILT_IN_RESOURCE : path)
              + ": "
              + e.getMessage());
    }
  }

  /** Builds and validates a dictionary from its YAML tree; all problems are reported at once. */
  public static ActorDictionary parse(JsonNode root, String origin) {
    List<String> problems = new ArrayList<>();
    JsonNode list = root == null ? null : root.get("actors");
    if (list == null || !list.isArray()) {
      throw new ConfigException("Actor dictionary " + origin + " must have a list 'actors'.");
    }
    List<Actor> actors = new ArrayList<>();
    int position = 0;
    for (JsonNode entry : list) {
      position++;
      Actor actor = actor(entry, origin + " entry " + position, problems);
      if (actor != null) {
        actors.add(actor);
      }
    }
    checkAcrossEntries(actors, origin, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ActorDictionary(actors);
  }

  private static Actor actor(JsonNode node, String where, List<String> problems) {
    if (!node.isObject()) {
      problems.add(where + ": must be a mapping with id, name, type, aliases");
      return null;
    }
    String id = text(node, "id");
    String label = id == null ? where : where + " (id '" + id + "')";
    unknownFields(node, ACTOR_FIELDS, label, problems);
    if (id == null || !ID.matcher(id).matches()) {
      problems.add(
          label
              + ": 'id' must be lowercase letters, digits and underscores, got "
              + node.get("id"));
    }
    String name = text(node, "name");
    if (name == null || name.isBlank()) {
      problems.add(label + ": 'name' is missing");
    }
    ActorType type = null;
    String typeName = text(node, "type");
    try {
      type = ActorType.valueOf(String.valueOf(typeName));
    } catch (IllegalArgumentException e) {
      problems.add(
          label + ": unknown type '" + typeName + "'; types are " + List.of(ActorType.values()));
    }
    List<String> aliases = new ArrayList<>(strings(node, "aliases", label, problems));
    if (name != null && !aliases.contains(name)) {
      aliases.add(0, name);
    }
    List<Affiliation> affiliations = new ArrayList<>();
    JsonNode affs = node.get("affiliations");
    if (affs != null && !affs.isNull()) {
      if (!affs.isArray()) {
        problems.add(label + ": 'affiliations' must be a list");
      } else {
        int i = 0;
        for (JsonNode a : affs) {
          i++;
          Affiliation affiliation = affiliation(a, label + " affiliation " + i, problems);
          if (affiliation != null) {
            affiliations.add(affiliation);
          }
        }
      }
    }
    return new Actor(
        id,
        name,
        type,
        strings(node, "roles", label, problems),
        List.copyOf(aliases),
        strings(node, "metonyms", label, problems),
        demonyms(node, label, problems),
        List.copyOf(affiliations));
  }

  /** Each demonym is a word ("Russian") or a mapping {form: Syrian, only_before: [troops, ...]}. */
  private static List<Demonym> demonyms(JsonNode node, String where, List<String> problems) {
    JsonNode v = node.get("demonyms");
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      problems.add(where + ": 'demonyms' must be a list");
      return List.of();
    }
    List<Demonym> out = new ArrayList<>();
    for (JsonNode e : v) {
      String form;
      List<String> onlyBefore = List.of();
      if (e.isObject()) {
        unknownFields(e, DEMONYM_FIELDS, where + " demonym " + e, problems);
        form = text(e, "form");
        if (e.has("only_before")) {
          onlyBefore = strings(e, "only_before", where + " demonym '" + form + "'", problems);
          if (onlyBefore.isEmpty()) {
            problems.add(
                where
                    + ": demonym '"
                    + form
                    + "' has an empty 'only_before'; leave it out to match before any word");
          }
        }
      } else {
        form = e.isValueNode() ? e.asText() : null;
      }
      if (form == null || form.isBlank()) {
        problems.add(
            where
                + ": a demonym must be a word or a mapping with 'form' (and 'only_before'), got "
                + e);
      } else if (MatchKeys.aliasKeys(form).size() != 1) {
        problems.add(where + ": demonym '" + form + "' must be one word");
      } else {
        out.add(new Demonym(form.strip(), onlyBefore));
      }
    }
    return List.copyOf(out);
  }

  private static Affiliation affiliation(JsonNode node, String where, List<String> problems) {
    if (!node.isObject()) {
      problems.add(where + ": must be a mapping with org, role, titles, from, to");
      return null;
    }
    unknownFields(node, AFFILIATION_FIELDS, where, problems);
    LocalDate from = date(node, "from", where, problems, false);
    LocalDate to = date(node, "to", where, problems, true);
    if (from != null && to != null && to.isBefore(from)) {
      problems.add(where + ": 'to' " + to + " is before 'from' " + from);
    }
    return new Affiliation(
        text(node, "org"), text(node, "role"), strings(node, "titles", where, problems), from, to);
  }

  private static void checkAcrossEntries(List<Actor> actors, String origin, List<String> problems) {
    Map<String, Actor> byId = new HashMap<>();
    Map<String, String> aliasOwner = new HashMap<>();
    for (Actor a : actors) {
      if (a.id() != null && byId.put(a.id(), a) != null) {
        problems.add(origin + ": id '" + a.id() + "' is used by two entries");
      }
      for (String alias : a.aliases()) {
        String key = String.join(" ", MatchKeys.aliasKeys(alias));
        if (key.isEmpty()) {
          problems.add(origin + ": actor '" + a.id() + "' has an empty alias");
          continue;
        }
        String owner = aliasOwner.putIfAbsent(key, a.id());
        if (owner != null && !owner.equals(a.id())) {
          problems.add(
              origin
                  + ": alias '"
                  + alias
                  + "' of actor '"
                  + a.id()
                  + "' is also an alias of actor '"
                  + owner
                  + "'");
        }
      }
    }
    Map<String, String> metonymOwner = new HashMap<>();
    Map<String, String> demonymOwner = new HashMap<>();
    Map<String, List<Object[]>> titleHolders = new HashMap<>();
    for (Actor a : actors) {
      for (Demonym d : a.demonyms()) {
        // An alias with the same words would always win: the demonym could never match.
        String key = String.join(" ", MatchKeys.aliasKeys(d.form()));
        if (aliasOwner.containsKey(key)) {
          problems.add(
              origin
                  + ": demonym '"
                  + d.form()
                  + "' of actor '"
                  + a.id()
                  + "' is an alias of actor '"
                  + aliasOwner.get(key)
                  + "'");
        }
        String other = demonymOwner.putIfAbsent(key, a.id());
        if (other != null && !other.equals(a.id())) {
          problems.add(
              origin
                  + ": demonym '"
                  + d.form()
                  + "' belongs to both '"
                  + other
                  + "' and '"
                  + a.id()
                  + "'");
        }
      }
      for (String m : a.metonyms()) {
        String key = String.join(" ", MatchKeys.aliasKeys(m));
        String owner = aliasOwner.get(key);
        if (owner != null && byId.containsKey(owner) && byId.get(owner).type() != ActorType.PLACE) {
          problems.add(
              origin
                  + ": metonym '"
                  + m
                  + "' of actor '"
                  + a.id()
                  + "' is an alias of '"
                  + owner
                  + "', which is not a PLACE");
        }
        String other = metonymOwner.putIfAbsent(key, a.id());
        if (other != null && !other.equals(a.id())) {
          problems.add(
              origin
                  + ": metonym '"
                  + m
                  + "' belongs to both '"
                  + other
                  + "' and '"
                  + a.id()
                  + "'");
        }
      }
      for (Affiliation f : a.affiliations()) {
        if (f.org() != null && !byId.containsKey(f.org())) {
          problems.add(
              origin
                  + ": actor '"
                  + a.id()
                  + "' has an affiliation with unknown org '"
                  + f.org()
                  + "'");
        }
        for (String title : f.titles()) {
          String key = String.join(" ", MatchKeys.aliasKeys(title));
          if (aliasOwner.containsKey(key)) {
            problems.add(
                origin
                    + ": title '"
                    + title
                    + "' of actor '"
                    + a.id()
                    + "' is also an alias of actor '"
                    + aliasOwner.get(key)
                    + "'");
          }
          for (Object[] held : titleHolders.getOrDefault(key, List.of())) {
            Affiliation g = (Affiliation) held[1];
            if (f.from() != null && g.from() != null && overlaps(f, g) && !held[0].equals(a.id())) {
              problems.add(
                  origin
                      + ": title '"
                      + title
                      + "' is held by '"
                      + held[0]
                      + "' and '"
                      + a.id()
                      + "' at overlapping dates");
            }
          }
          titleHolders.computeIfAbsent(key, k -> new ArrayList<>()).add(new Object[] {a.id(), f});
        }
      }
    }
  }

  private static boolean overlaps(Affiliation f, Affiliation g) {
    LocalDate fTo = f.to() == null ? LocalDate.MAX : f.to();
    LocalDate gTo = g.to() == null ? LocalDate.MAX : g.to();
    return !f.from().isAfter(gTo) && !g.from().isAfter(fTo);
  }

  private static void unknownFields(
      JsonNode node, Set<String> known, String where, List<String> problems) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!known.contains(f)) {
        problems.add(
            where + ": unknown field '" + f + "'; fields are " + new java.util.TreeSet<>(known));
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
  }

  private static List<String> strings(
      JsonNode node, String field, String where, List<String> problems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      problems.add(where + ": '" + field + "' must be a list");
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode e : v) {
      if (!e.isValueNode() || e.asText().isBlank()) {
        problems.add(where + ": '" + field + "' must hold non-empty strings, got " + e);
      } else {
        out.add(e.asText().strip());
      }
    }
    return List.copyOf(out);
  }

  private static LocalDate date(
      JsonNode node, String field, String where, List<String> problems, boolean optional) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (!optional) {
        problems.add(where + ": '" + field + "' is missing (YYYY-MM-DD)");
      }
      return null;
    }
    try {
      return LocalDate.parse(v.asText());
    } catch (DateTimeParseException e) {
      problems.add(where + ": '" + field + "' is not a date YYYY-MM-DD: '" + v.asText() + "'");
      return null;
    }
  }
}
