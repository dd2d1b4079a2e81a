package cn.zhenxing.plugins.badneighbour;

/** A second "plugin" for {@code ArchitectureTest}'s bad example to depend on (plugins must not depend on each other). */
public final class Neighbour {
}
