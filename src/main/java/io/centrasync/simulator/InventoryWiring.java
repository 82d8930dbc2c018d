package io.centrasync.simulator;

import graphql.schema.idl.RuntimeWiring;

final class InventoryWiring {
    InventoryWiring(SimStore store) {
    }

    void wire(RuntimeWiring.Builder b) {
    }
}
