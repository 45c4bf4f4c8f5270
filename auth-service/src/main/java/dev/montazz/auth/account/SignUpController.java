package dev.montazz.auth.account;

import java.util.Set;

import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
class SignUpController {

    private static final Logger log = LoggerFactory.getLogger(SignUpController.class);

    private final Accounts accounts;

    SignUpController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/signup")
    String form(Model model) {
        model.addAttribute("form", SignUpForm.empty());
        return "signup";
    }

    @PostMapping("/signup")
    String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult errors) {
        if (!errors.hasErrors()) {
            try {
                accounts.create(form.username(), form.email(), form.password(), form.displayName(),
                        Set.of(Account.Role.USER));
                log.info("Account {} created", form.username());
                return "redirect:/login?registered";
            } catch (Accounts.TakenException taken) {
                errors.rejectValue(taken.field(), "taken", taken.getMessage());
            } catch (Accounts.EmailInUse inUse) {
                // Answered like a sign-up that worked, so the form cannot be used to find out who has an account
                // here. The password was hashed all the same, so the answer takes as long.
                log.info("Sign-up refused: e-mail address in use (user name {} not created)", form.username());
                return "redirect:/login?registered";
            }
        }
        log.info("Sign-up refused: {}", errors.getFieldErrors().stream().map(e -> e.getField()).toList());
        return "signup";
    }
}
