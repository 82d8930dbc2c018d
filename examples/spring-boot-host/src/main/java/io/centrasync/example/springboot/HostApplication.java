package io.centrasync.example.springboot;

import io.centrasync.camel.CentraSyncConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A Spring Boot application with routes of its own that also runs centra-sync's routes in its CamelContext. */
@SpringBootApplication
public class HostApplication {

    public static void main(String[] args) {
        SpringApplication.run(HostApplication.class, args);
    }

    /**
     * centra-sync joins the CamelContext before it starts. It reads centra.*, sink.*, mappings.dir and schedule.*
     * from this application's properties and writes into the DataSource named by sink.data-source.
     */
    @Bean
    CamelContextConfiguration centraSync() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                try {
                    new CentraSyncConfiguration().configure(camelContext);
                } catch (Exception e) {
                    throw new IllegalStateException("centra-sync: " + e.getMessage(), e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }
}
