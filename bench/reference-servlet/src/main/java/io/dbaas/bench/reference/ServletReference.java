package io.dbaas.bench.reference;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring MVC on Tomcat with Actuator and nothing else: what Orion and Nebula would cost with no features at all. */
@SpringBootApplication
public class ServletReference {

    public static void main(String[] args) {
        SpringApplication.run(ServletReference.class, args);
    }
}
