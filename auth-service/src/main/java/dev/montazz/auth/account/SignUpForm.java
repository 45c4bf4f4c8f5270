package dev.montazz.auth.account;

import dev.montazz.security.input.EmailAddress;
import dev.montazz.security.input.ShownText;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a person types to sign up; the messages are shown next to the fields. */
record SignUpForm(
        @NotBlank(message = "Choose a user name") @Pattern(regexp = "[A-Za-z0-9._-]{3,32}",
                message = "3 to 32 letters, digits, dots, dashes or underscores") String username,
        @NotBlank(message = "Enter your e-mail address") @Email(message = EmailAddress.MESSAGE)
        @Pattern(regexp = EmailAddress.PATTERN, message = EmailAddress.MESSAGE) @Size(max = 254) String email,
        @NotBlank(message = "Tell us your name") @Size(max = 60, message = "At most 60 characters") @ShownText
        String displayName,
        @NotNull(message = "Choose a password") @Size(min = 10, max = 72, message = "Use 10 to 72 characters")
        @PasswordBytes String password) {

    static SignUpForm empty() {
        return new SignUpForm("", "", "", "");
    }
}
