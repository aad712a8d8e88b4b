package io.dbaas.nebula;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class NebulaApplication {

    public static void main(String[] args) {
        SpringApplication.run(NebulaApplication.class, args);
    }
}
