package io.dbaas.bench.reference;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** WebFlux on Reactor Netty with Actuator and nothing else: what GateKeeper would cost with no features at all. */
@SpringBootApplication
public class ReactiveReference {

    public static void main(String[] args) {
        SpringApplication.run(ReactiveReference.class, args);
    }
}
