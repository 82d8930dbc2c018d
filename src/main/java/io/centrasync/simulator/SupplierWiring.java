package io.centrasync.simulator;

import graphql.schema.idl.RuntimeWiring;

final class SupplierWiring {
    SupplierWiring(SimStore store) {
    }

    void wire(RuntimeWiring.Builder b) {
    }
}
