package dev.routeguide.core;

import dev.routeguide.core.testing.RouteGuideContract;

/** The contract, run against the local implementation itself. */
class LocalRouteGuideContractTest extends RouteGuideContract {

  @Override
  protected RouteGuide connect(LocalRouteGuide backend) {
    return backend;
  }
}
