package com.example;

import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;

/** Looks up a feature from the catalogue bundled in routeguide-core, read on the module path. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    if (Main.class.getModule().getName() == null
        || FeatureCatalogue.class.getModule().getName() == null) {
      throw new IllegalStateException("not running on the module path");
    }
    String name = FeatureCatalogue.canonical().lookup(Point.ofE7(409146138, -746188906)).name();
    if (!name.startsWith("Berkshire Valley")) {
      throw new IllegalStateException("unexpected feature: " + name);
    }
    System.out.println("module " + FeatureCatalogue.class.getModule().getName() + ": " + name);
  }
}
