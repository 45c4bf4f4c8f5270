package dev.montazz.security.input;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text other people will see (titles, names): no control characters, no bidirectional overrides or isolates (which
 * can make a name read as another, "Ann‮nimda" showing as "Annadmin"), and at least one visible character (a name of
 * zero-width spaces looks like no name). {@code null} is valid; pair with {@code @NotBlank} where text is required.
 */
@Documented
@Constraint(validatedBy = ShownText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ShownText {

    String message() default "Use letters, digits and punctuation: no control characters, no text-direction marks, "
            + "and something visible";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ShownText, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            // Blank text is for @NotBlank to refuse (or allow), with its own message.
            return value == null || value.isBlank() || isShown(value);
        }

        public static boolean isShown(String value) {
            boolean visible = false;
            for (int i = 0; i < value.length(); ) {
                int c = value.codePointAt(i);
                i += Character.charCount(c);
                if (Character.isISOControl(c) || isDirectionControl(c)) {
                    return false;
                }
                visible |= !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !isInvisible(c);
            }
            return visible;
        }

        /** LRE, RLE, PDF, LRO, RLO and the isolates LRI, RLI, FSI, PDI; LRM, RLM and ALM. */
        private static boolean isDirectionControl(int c) {
            return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                    || c == 0x061C;
        }

        /** Format characters (zero-width spaces and joiners, soft hyphens, ...) and the Hangul fillers. */
        private static boolean isInvisible(int c) {
            return Character.getType(c) == Character.FORMAT || c == 0x3164 || c == 0x115F || c == 0x1160
                    || c == 0xFFA0 || c == 0x2800;
        }
    }
}
