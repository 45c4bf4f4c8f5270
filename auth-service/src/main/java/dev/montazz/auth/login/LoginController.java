package dev.montazz.auth.login;

import dev.montazz.auth.AuthProperties;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

    private final AuthProperties properties;

    LoginController(AuthProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/login")
    String login(HttpSession session, Model model) {
        Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (failure instanceof LockedException locked) {
            model.addAttribute("failure", locked.getMessage());
        } else if (failure != null) {
            model.addAttribute("failure", "Wrong user name or password.");
        }
        session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        return "login";
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("portalUrl", properties.portalUrl());
        return "home";
    }
}
