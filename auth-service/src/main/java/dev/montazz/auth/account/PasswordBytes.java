package dev.montazz.auth.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * bcrypt reads at most 72 bytes of a password, and Spring Security's encoder refuses longer ones with an exception
 * (a sign-up with one was a 500). Accented letters and emoji take several bytes each, so characters are not enough.
 */
@Documented
@Constraint(validatedBy = PasswordBytes.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface PasswordBytes {

    int MAX = 72;

    String message() default "This password is too long once encoded (72 bytes at most); use fewer accented "
            + "letters or emoji";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PasswordBytes, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || fits(value);
        }

        public static boolean fits(String password) {
            return password.getBytes(StandardCharsets.UTF_8).length <= MAX;
        }
    }
}
