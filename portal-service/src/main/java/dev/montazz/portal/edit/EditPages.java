package dev.montazz.portal.edit;

import java.util.Arrays;
import java.util.List;

import dev.montazz.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The editor on the watch page: plain forms, so every edit works with the keyboard alone and without script; the page's
 * script adds drag and drop, which sends the whole order at once. Refusals (not the owner, an unknown shot) are the
 * error pages every page has.
 */
@Controller
class EditPages {

    private static final String REMADE = "The film is being made again; the one before stays playable meanwhile.";

    private final FilmEditor editor;

    EditPages(FilmEditor editor) {
        this.editor = editor;
    }

    @PostMapping("/montages/{id}/shots/{shot}/earlier")
    String earlier(@PathVariable String id, @PathVariable String shot, CurrentUser user, RedirectAttributes redirect) {
        editor.move(id, user, shot, -1);
        return done(id, "Shot moved earlier. " + REMADE, "earlier-" + shot, redirect);
    }

    @PostMapping("/montages/{id}/shots/{shot}/later")
    String later(@PathVariable String id, @PathVariable String shot, CurrentUser user, RedirectAttributes redirect) {
        editor.move(id, user, shot, 1);
        return done(id, "Shot moved later. " + REMADE, "later-" + shot, redirect);
    }

    @PostMapping("/montages/{id}/shots/{shot}/leave-out")
    String leaveOut(@PathVariable String id, @PathVariable String shot, CurrentUser user,
            RedirectAttributes redirect) {
        editor.leaveOut(id, user, shot, true);
        return done(id, "Shot left out of the film (it is kept: put it back any time). " + REMADE, null, redirect);
    }

    @PostMapping("/montages/{id}/shots/{shot}/put-back")
    String putBack(@PathVariable String id, @PathVariable String shot, CurrentUser user, RedirectAttributes redirect) {
        editor.leaveOut(id, user, shot, false);
        return done(id, "Shot put back. " + REMADE, "leave-out-" + shot, redirect);
    }

    @PostMapping("/montages/{id}/shots/{shot}/trim")
    String trim(@PathVariable String id, @PathVariable String shot, @RequestParam double start,
            @RequestParam double end, CurrentUser user, RedirectAttributes redirect) {
        editor.trim(id, user, shot, start, end);
        return done(id, String.format(java.util.Locale.ROOT, "Shot trimmed to %.1f–%.1f s. ", start, end) + REMADE,
                "trim-" + shot, redirect);
    }

    @PostMapping("/montages/{id}/shots/{shot}/untrim")
    String untrim(@PathVariable String id, @PathVariable String shot, CurrentUser user, RedirectAttributes redirect) {
        editor.untrim(id, user, shot);
        return done(id, "The whole shot is back in the film. " + REMADE, "trim-" + shot, redirect);
    }

    @PostMapping("/montages/{id}/shots/{shot}/retake")
    String askRetake(@PathVariable String id, @PathVariable String shot, CurrentUser user,
            RedirectAttributes redirect) {
        editor.askRetake(id, user, shot);
        return done(id, "Asked for a retake: their next take replaces this shot where it is. They are told in their "
                + "studio (and by e-mail, where mail is set up).", "cancel-retake-" + shot, redirect);
    }

    @PostMapping("/montages/{id}/shots/{shot}/cancel-retake")
    String cancelRetake(@PathVariable String id, @PathVariable String shot, CurrentUser user,
            RedirectAttributes redirect) {
        editor.cancelRetake(id, user, shot);
        return done(id, "The request for a retake is withdrawn.", "retake-" + shot, redirect);
    }

    /** Drag and drop: the shots in the film in their new order, as a comma-separated list of shot ids. */
    @PostMapping("/montages/{id}/shots/order")
    String order(@PathVariable String id, @RequestParam(defaultValue = "") String order, CurrentUser user,
            RedirectAttributes redirect) {
        if (order.length() > 20_000) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.BAD_REQUEST, "That order names too many shots");
        }
        List<String> shots = Arrays.stream(order.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<String> leftOut = editor.cut(id, user).leftOut().stream().map(Shot::id).toList();
        editor.arrange(id, user, shots, leftOut);
        return done(id, "Shots reordered. " + REMADE, null, redirect);
    }

    @PostMapping("/montages/{id}/music/level")
    String musicLevel(@PathVariable String id, @RequestParam double level, CurrentUser user,
            RedirectAttributes redirect) {
        editor.setMusicLevel(id, user, level);
        return done(id, String.format(java.util.Locale.ROOT, "Music level set to %.0f dB. ", level) + REMADE,
                "music-level", redirect);
    }

    @PostMapping("/montages/{id}/music/remove")
    String removeMusic(@PathVariable String id, CurrentUser user, RedirectAttributes redirect) {
        editor.playMusic(id, user, false);
        return done(id, "Music taken out of the film (kept: put it back any time). " + REMADE, "music-play",
                redirect);
    }

    @PostMapping("/montages/{id}/music/play")
    String playMusic(@PathVariable String id, CurrentUser user, RedirectAttributes redirect) {
        editor.playMusic(id, user, true);
        return done(id, "Music back under the film. " + REMADE, "music-remove", redirect);
    }

    @PostMapping("/montages/{id}/shots/undo")
    String undo(@PathVariable String id, CurrentUser user, RedirectAttributes redirect) {
        editor.undo(id, user);
        return done(id, "Last edit undone. " + REMADE, null, redirect);
    }

    /**
     * Back to the watch page at the editor, or with the button just used focused again (by id, and scrolled to) so
     * that someone on the keyboard can press it again.
     */
    private static String done(String id, String notice, String focus, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", notice);
        if (focus == null) {
            return "redirect:/montages/" + id + "#editor";
        }
        // No fragment then: a browser going to a fragment takes the focus away from whatever the page focused.
        redirect.addFlashAttribute("editorFocus", focus);
        return "redirect:/montages/" + id;
    }
}
