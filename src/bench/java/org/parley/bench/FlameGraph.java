package org.parley.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A flame graph as SVG from sampled stacks (root first): each frame a box as wide as its share of
 * samples, callees stacked above callers. Hover text gives the method and its share.
 */
final class FlameGraph {
  private static final int WIDTH = 1200;
  private static final int ROW = 16;
  private static final double MIN_WIDTH = 0.5; // pixels; narrower boxes are left out

  private FlameGraph() {}

  private static final class Node {
    final String name;
    int samples;
    final Map<String, Node> children = new LinkedHashMap<>();

    Node(String name) {
      this.name = name;
    }
  }

  static String svg(List<List<String>> stacks, String title) {
    Node root = new Node("all");
    int depth = 0;
    for (List<String> stack : stacks) {
      Node n = root;
      n.samples++;
      for (String frame : stack) {
        n = n.children.computeIfAbsent(frame, Node::new);
        n.samples++;
      }
      depth = Math.max(depth, stack.size());
    }
    int height = (depth + 3) * ROW + 20;
    StringBuilder svg =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"monospace\" font-size=\"11\">%n"
                    + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n<text x=\"4\" y=\"14\" font-family=\"sans-serif\" font-size=\"13\">%s</text>%n",
                WIDTH,
                height,
                escape(title)));
    if (root.samples > 0) {
      draw(svg, root, 0, WIDTH, height - ROW, root.samples);
    }
    return svg.append("</svg>\n").toString();
  }

  private static void draw(
      StringBuilder svg, Node node, double x, double width, double y, int total) {
    if (width < MIN_WIDTH) {
      return;
    }
    String colour =
        node.name.startsWith("org.parley.")
            ? "#7fbf7f"
            : node.name.startsWith("org.apache.spark.") ? "#f2b36b" : "#e8795f";
    String label =
        String.format(Locale.ROOT, "%s (%.1f%%)", node.name, 100.0 * node.samples / total);
    svg.append(
        String.format(
            Locale.ROOT,
            "<g><title>%s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\" stroke=\"white\" stroke-width=\"0.5\"/>",
            escape(label),
            x,
            y,
            width,
            ROW - 1,
            colour));
    int chars = (int) (width / 6.6);
    if (chars > 3) {
      String shortName =
          node.name.substring(node.name.lastIndexOf('.', node.name.lastIndexOf('.') - 1) + 1);
      String text =
          shortName.length() > chars ? shortName.substring(0, chars - 2) + ".." : shortName;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\">%s</text>",
              x + 2,
              y + ROW - 4,
              escape(text)));
    }
    svg.append("</g>\n");
    double childX = x;
    for (Node child : node.children.values()) {
      double w = width * child.samples / node.samples;
      draw(svg, child, childX, w, y - ROW, total);
      childX += w;
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
