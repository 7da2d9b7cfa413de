/** A consumer on the module path: routeguide-core is the automatic module dev.routeguide.core. */
module com.example.consumer {
  requires dev.routeguide.core;
}
