package io.dbaas.nebula;

import io.dbaas.nebula.render.RenderCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Nebula as a service; with {@code render} as first argument, a one-shot rendering of manifests instead. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NebulaApplication {

    public static void main(String[] args) {
        if (RenderCommand.isRequested(args)) {
            System.exit(RenderCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(NebulaApplication.class, args);
    }
}
