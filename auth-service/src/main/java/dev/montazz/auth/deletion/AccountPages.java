package dev.montazz.auth.deletion;

import dev.montazz.auth.account.Account;
import dev.montazz.auth.account.Accounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Deleting an account: one's own, after a page that says what goes with it and asks for the user name typed out; or,
 * for administrators, anyone's, the same way.
 */
@Controller
class AccountPages {

    private final Accounts accounts;
    private final AccountDeletion deletion;
    private final AccountFootprint footprints;
    private final String portalUrl;

    AccountPages(Accounts accounts, AccountDeletion deletion, AccountFootprint footprints,
            dev.montazz.auth.AuthProperties properties) {
        this.portalUrl = properties.portalUrl();
        this.accounts = accounts;
        this.deletion = deletion;
        this.footprints = footprints;
    }

    @GetMapping("/account/delete")
    String confirmOwn(Authentication me, Model model) {
        return confirm(find(me.getName()), false, model);
    }

    @PostMapping("/account/delete")
    String deleteOwn(@RequestParam(defaultValue = "") String confirm, Authentication me, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Account account = find(me.getName());
        if (!account.username().equals(confirm.strip().toLowerCase(java.util.Locale.ROOT))) {
            model.addAttribute("mismatch", true);
            return confirm(account, false, model);
        }
        deletion.delete(account, account.username());
        new SecurityContextLogoutHandler().logout(request, response, me);
        return "redirect:/login?deleted";
    }

    @GetMapping("/admin/accounts")
    String list(@RequestParam(name = "q", required = false) String search, Model model) {
        model.addAttribute("accounts", accounts.search(search));
        model.addAttribute("q", search == null ? "" : search);
        return "admin-accounts";
    }

    @GetMapping("/admin/accounts/{username}/delete")
    String confirmOther(@PathVariable String username, Model model) {
        return confirm(find(username), true, model);
    }

    @PostMapping("/admin/accounts/{username}/delete")
    String deleteOther(@PathVariable String username, @RequestParam(defaultValue = "") String confirm,
            Authentication admin, Model model, RedirectAttributes redirect) {
        Account account = find(username);
        if (!account.username().equals(confirm.strip().toLowerCase(java.util.Locale.ROOT))) {
            model.addAttribute("mismatch", true);
            return confirm(account, true, model);
        }
        deletion.delete(account, admin.getName());
        redirect.addFlashAttribute("notice", "The account " + account.username() + " and everything of it is "
                + "being deleted.");
        return "redirect:/admin/accounts";
    }

    private String confirm(Account account, boolean byAdministrator, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("portalUrl", portalUrl);
        model.addAttribute("byAdministrator", byAdministrator);
        model.addAttribute("footprint", footprints.of(account.username()));
        model.addAttribute("action", byAdministrator ? "/admin/accounts/" + account.username() + "/delete"
                : "/account/delete");
        return "delete-account";
    }

    private Account find(String username) {
        return accounts.find(username).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no account " + username));
    }
}
