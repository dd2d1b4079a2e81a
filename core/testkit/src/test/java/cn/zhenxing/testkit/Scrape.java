package cn.zhenxing.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition, read the way a scraper reads it. */
record Scrape(String text) {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  record Sample(String name, Map<String, String> labels, double value) {
  }

  List<Sample> samples() {
    return text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(Scrape::parse).toList();
  }

  /** Samples of a metric whose labels include all of {@code labels} (name=value pairs). */
  List<Sample> find(String name, String... labels) {
    return samples().stream().filter(s -> s.name().equals(name)).filter(s -> {
      for (int i = 0; i < labels.length; i += 2) {
        if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
          return false;
        }
      }
      return true;
    }).toList();
  }

  /** The value of the one sample matching, if there is one. */
  Optional<Double> value(String name, String... labels) {
    List<Sample> found = find(name, labels);
    if (found.size() > 1) {
      throw new AssertionError(found.size() + " samples of " + name + " match " + List.of(labels) + ": " + found);
    }
    return found.stream().findFirst().map(Sample::value);
  }

  private static Sample parse(String line) {
    Matcher m = SAMPLE.matcher(line.trim());
    if (!m.matches()) {
      throw new AssertionError("not a Prometheus sample line: " + line);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (m.group(3) != null) {
      Matcher l = LABEL.matcher(m.group(3));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
    }
    return new Sample(m.group(1), labels, Double.parseDouble(m.group(4)));
  }
}
