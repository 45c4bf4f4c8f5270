package dev.montazz.merge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MergeApplication {

    public static void main(String[] args) {
        SpringApplication.run(MergeApplication.class, args);
    }
}
