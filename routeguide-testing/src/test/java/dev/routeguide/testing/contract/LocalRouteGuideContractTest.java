package dev.routeguide.testing.contract;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.testing.RouteGuideContract;

/** The contract, run against the local implementation itself. */
class LocalRouteGuideContractTest extends RouteGuideContract {

  @Override
  protected RouteGuide connect(LocalRouteGuide backend) {
    return backend;
  }
}
