package dev.montazz.portal.edit;

import java.util.List;

import dev.montazz.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The owner's editor for API clients. Every edit answers the cut as it now is; the film follows (its progress as for any
 * render). Anyone but the owner gets 403 for a montage they may see, 404 for one they may not.
 */
@RestController
class EditApiController {

    private final FilmEditor editor;

    EditApiController(FilmEditor editor) {
        this.editor = editor;
    }

    @GetMapping("/api/montages/{id}/shots")
    Cut shots(@PathVariable String id, CurrentUser user) {
        return editor.cut(id, user);
    }

    /**
     * @param order shot ids in the order wanted; shots not named follow in the order they were recorded
     * @param leftOut shot ids to leave out of the film
     */
    record Arrangement(@Size(max = 1000, message = "At most 1000 shots") List<String> order,
            @Size(max = 1000, message = "At most 1000 shots") List<String> leftOut) {
    }

    @PutMapping("/api/montages/{id}/shots")
    Cut arrange(@PathVariable String id, @Valid @RequestBody Arrangement arrangement, CurrentUser user) {
        return editor.arrange(id, user, arrangement.order(), arrangement.leftOut());
    }

    /** @param start where the film's part of the shot begins, in seconds; @param end where it ends */
    record TrimRequest(@NotNull(message = "Give where the shot starts") Double start,
            @NotNull(message = "Give where the shot ends") Double end) {
    }

    @PutMapping("/api/montages/{id}/shots/{shot}/trim")
    Cut trim(@PathVariable String id, @PathVariable String shot, @Valid @RequestBody TrimRequest trim,
            CurrentUser user) {
        return editor.trim(id, user, shot, trim.start(), trim.end());
    }

    @DeleteMapping("/api/montages/{id}/shots/{shot}/trim")
    Cut untrim(@PathVariable String id, @PathVariable String shot, CurrentUser user) {
        return editor.untrim(id, user, shot);
    }

    /** Asks the shot's contributor to record it again; their next take replaces it. */
    @PostMapping("/api/montages/{id}/shots/{shot}/retake")
    Cut askRetake(@PathVariable String id, @PathVariable String shot, CurrentUser user) {
        return editor.askRetake(id, user, shot);
    }

    @DeleteMapping("/api/montages/{id}/shots/{shot}/retake")
    Cut cancelRetake(@PathVariable String id, @PathVariable String shot, CurrentUser user) {
        return editor.cancelRetake(id, user, shot);
    }

    /** @param level how loud the music plays against the voices, in dB (-30 to -3) */
    record MusicLevel(@NotNull(message = "Give the music's level in dB") Double level) {
    }

    /** The music bed under the film; 404 when the montage has none. */
    @GetMapping("/api/montages/{id}/music")
    MusicBed music(@PathVariable String id, CurrentUser user) {
        MusicBed music = editor.cut(id, user).music();
        if (music == null) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "This montage has no music");
        }
        return music;
    }

    @PutMapping("/api/montages/{id}/music/level")
    Cut musicLevel(@PathVariable String id, @Valid @RequestBody MusicLevel level, CurrentUser user) {
        return editor.setMusicLevel(id, user, level.level());
    }

    /** Takes the music out of the film (kept: undo or PUT …/music/playing puts it back). */
    @DeleteMapping("/api/montages/{id}/music/playing")
    Cut removeMusic(@PathVariable String id, CurrentUser user) {
        return editor.playMusic(id, user, false);
    }

    @PutMapping("/api/montages/{id}/music/playing")
    Cut playMusic(@PathVariable String id, CurrentUser user) {
        return editor.playMusic(id, user, true);
    }

    @PostMapping("/api/montages/{id}/shots/undo")
    Cut undo(@PathVariable String id, CurrentUser user) {
        return editor.undo(id, user);
    }
}
