/** A consumer on the module path: routeguide-core is the named module dev.routeguide.core,
 * which brings jackson-core itself. */
module com.example.consumer {
  requires dev.routeguide.core;
}
