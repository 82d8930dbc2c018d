package io.centrasync.it;

import io.centrasync.testdb.TestDatabase;

/** {@link OrdersEndToEndTest} on an in-memory H2 database. */
class OrdersEndToEndH2Test extends OrdersEndToEndTest {

    @Override
    TestDatabase.Kind database() {
        return TestDatabase.Kind.H2;
    }
}
